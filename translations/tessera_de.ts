<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>tessera::MainWindow</name>
    <message><source>Tessera</source><translation>Tessera</translation></message>
    <message><source>Ready</source><translation>Bereit</translation></message>
    <message><source>&amp;File</source><translation>&amp;Datei</translation></message>
    <message><source>&amp;New Project...</source><translation>&amp;Neues Projekt …</translation></message>
    <message><source>&amp;Open Project...</source><translation>Projekt ö&amp;ffnen …</translation></message>
    <message><source>Open &amp;Recent</source><translation>&amp;Zuletzt geöffnet</translation></message>
    <message><source>&amp;Quit</source><translation>&amp;Beenden</translation></message>
    <message><source>Clear Menu</source><translation>Liste leeren</translation></message>
    <message><source>Cannot open project</source><translation>Projekt kann nicht geöffnet werden</translation></message>
    <message><source>Cannot create project</source><translation>Projekt kann nicht angelegt werden</translation></message>
    <message><source>%1 - Tessera</source><translation>%1 – Tessera</translation></message>
    <message><source>Opened %1</source><translation>%1 geöffnet</translation></message>
    <message><source>New Project</source><translation>Neues Projekt</translation></message>
    <message><source>Open Project</source><translation>Projekt öffnen</translation></message>
    <message><source>History</source><translation>Verlauf</translation></message>
    <message><source>&lt;opened&gt;</source><translation>&lt;geöffnet&gt;</translation></message>
    <message><source>&amp;Edit</source><translation>&amp;Bearbeiten</translation></message>
    <message><source>&amp;Undo</source><translation>&amp;Rückgängig</translation></message>
    <message><source>&amp;Redo</source><translation>&amp;Wiederholen</translation></message>
    <message><source>&amp;View</source><translation>&amp;Ansicht</translation></message>
    <message><source>Edit failed</source><translation>Bearbeitung fehlgeschlagen</translation></message>
    <message><source>Cannot read project</source><translation>Projekt kann nicht gelesen werden</translation></message>
</context>
<context>
    <name>tessera::ProjectSummaryView</name>
    <message><source>Untitled project</source><translation>Unbenanntes Projekt</translation></message>
    <message><source>No project open</source><translation>Kein Projekt geöffnet</translation></message>
    <message><source>Create a project with File &gt; New, or open one with File &gt; Open.</source><translation>Legen Sie mit Datei &gt; Neu ein Projekt an oder öffnen Sie eines mit Datei &gt; Öffnen.</translation></message>
</context>
</TS>
