<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>Column %1: %2</source>
        <translation>Spalte %1: %2</translation>
    </message>
    <message>
        <source>Not saved until fixed.</source>
        <translation>Wird erst nach der Korrektur gespeichert.</translation>
    </message>
    <message>
        <source>blend %1</source>
        <translation>Überblendung %1</translation>
    </message>
    <message>
        <source>cfg %1</source>
        <translation>CFG %1</translation>
    </message>
    <message>
        <source>walk %1</source>
        <translation>Walk %1</translation>
    </message>
</context>
<context>
    <name>tessera::AxisEditor</name>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Term weight</source>
        <translation>Begriffsgewichtung</translation>
    </message>
    <message>
        <source>Prompt blend</source>
        <translation>Prompt-Überblendung</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>Guidance</translation>
    </message>
    <message>
        <source>Seed walk</source>
        <translation>Seed-Walk</translation>
    </message>
    <message>
        <source>What changes from the first to the last cell while the grid is generated</source>
        <translation>Was sich beim Generieren des Rasters von der ersten zur letzten Zelle ändert</translation>
    </message>
    <message>
        <source>Nothing (holds the centre)</source>
        <translation>Nichts (bleibt in der Mitte)</translation>
    </message>
    <message>
        <source>Loudness (RMS)</source>
        <translation>Lautheit (RMS)</translation>
    </message>
    <message>
        <source>Low band (bass)</source>
        <translation>Tiefen (Bass)</translation>
    </message>
    <message>
        <source>Mid band</source>
        <translation>Mitten</translation>
    </message>
    <message>
        <source>High band (hats, air)</source>
        <translation>Höhen (Hi-Hats, Luft)</translation>
    </message>
    <message>
        <source>Onsets (hits)</source>
        <translation>Transienten (Anschläge)</translation>
    </message>
    <message>
        <source>Brightness (centroid)</source>
        <translation>Helligkeit (Schwerpunkt)</translation>
    </message>
    <message>
        <source>The audio feature that moves along this axis at playback</source>
        <translation>Das Audiomerkmal, das sich bei der Wiedergabe entlang dieser Achse bewegt</translation>
    </message>
    <message>
        <source>The audio the feature follows: the song&apos;s mix or one of its stems</source>
        <translation>Das Audio, dem das Merkmal folgt: der Mix des Songs oder einer seiner Stems</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>Linear</translation>
    </message>
    <message>
        <source>Ease in</source>
        <translation>Ease-in</translation>
    </message>
    <message>
        <source>Ease out</source>
        <translation>Ease-out</translation>
    </message>
    <message>
        <source>Smoothstep</source>
        <translation>Smoothstep</translation>
    </message>
    <message>
        <source>How the feature&apos;s value maps to the position in the grid</source>
        <translation>Wie der Wert des Merkmals auf die Position im Raster abgebildet wird</translation>
    </message>
    <message>
        <source>Feature value (0..1 of its range in the song) that reaches the first cell</source>
        <translation>Merkmalswert (0..1 seines Bereichs im Song), der die erste Zelle erreicht</translation>
    </message>
    <message>
        <source>Feature value that reaches the last cell; below the minimum inverts the axis</source>
        <translation>Merkmalswert, der die letzte Zelle erreicht; unter dem Minimum wird die Achse umgekehrt</translation>
    </message>
    <message>
        <source>Smoothing while the feature rises: shorter follows hits more closely</source>
        <translation>Glättung beim Anstieg des Merkmals: kürzer folgt Anschlägen genauer</translation>
    </message>
    <message>
        <source>Smoothing while the feature falls: longer lets the image settle slowly</source>
        <translation>Glättung beim Abfall des Merkmals: länger lässt das Bild langsam zur Ruhe kommen</translation>
    </message>
    <message>
        <source>from</source>
        <translation>von</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Varies</source>
        <translation>Variiert</translation>
    </message>
    <message>
        <source>range</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Driven by</source>
        <translation>Gesteuert durch</translation>
    </message>
    <message>
        <source>attack</source>
        <translation>Attack</translation>
    </message>
    <message>
        <source>release</source>
        <translation>Release</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Kennlinie</translation>
    </message>
    <message>
        <source>the mix</source>
        <translation>der Mix</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1 (fehlt)</translation>
    </message>
    <message>
        <source>term (empty: varies nothing)</source>
        <translation>Begriff (leer: nichts variiert)</translation>
    </message>
    <message>
        <source>towards</source>
        <translation>hin zu</translation>
    </message>
    <message>
        <source>the prompt to blend towards</source>
        <translation>der Prompt, zu dem übergeblendet wird</translation>
    </message>
    <message>
        <source>towards seed</source>
        <translation>hin zu Seed</translation>
    </message>
    <message>
        <source>empty: this seed + 1</source>
        <translation>leer: dieser Seed + 1</translation>
    </message>
    <message>
        <source>of</source>
        <comment>the audio source the feature follows</comment>
        <translation>von</translation>
    </message>
    <message>
        <source>of</source>
        <comment>the prompt term whose weight varies</comment>
        <translation>von</translation>
    </message>
    <message>
        <source>LoRA strength</source>
        <translation>LoRA-Stärke</translation>
    </message>
    <message>
        <source>of</source>
        <comment>the LoRA whose strength varies</comment>
        <translation>von</translation>
    </message>
    <message>
        <source>a project LoRA&apos;s name, or a LoRA file</source>
        <translation>Name einer LoRA des Projekts oder eine LoRA-Datei</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Stärke</translation>
    </message>
    <message>
        <source>The move&apos;s amount where the feature is at the bottom of its range</source>
        <translation>Stärke der Bewegung, wenn das Merkmal am unteren Ende seines Bereichs ist</translation>
    </message>
    <message>
        <source>The move&apos;s amount where the feature is at the top of its range</source>
        <translation>Stärke der Bewegung, wenn das Merkmal am oberen Ende seines Bereichs ist</translation>
    </message>
    <message>
        <source>The audio feature that drives this camera move</source>
        <translation>Das Audiomerkmal, das diese Kamerabewegung steuert</translation>
    </message>
    <message>
        <source>Nothing (holds halfway)</source>
        <translation>Nichts (bleibt in der Mitte)</translation>
    </message>
</context>
<context>
    <name>tessera::AxisPlot</name>
    <message>
        <source>No segment</source>
        <translation>Kein Segment</translation>
    </message>
    <message>
        <source>No feature drives this axis: it holds the centre</source>
        <translation>Kein Merkmal steuert diese Achse: Sie bleibt in der Mitte</translation>
    </message>
    <message>
        <source>Analysing the song…</source>
        <translation>Song wird analysiert …</translation>
    </message>
</context>
<context>
    <name>tessera::CameraEditor</name>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>× closer (0.15 = 15%)</source>
        <translation>× näher (0,15 = 15 %)</translation>
    </message>
    <message>
        <source>Shake</source>
        <translation>Wackeln</translation>
    </message>
    <message>
        <source>of the width</source>
        <translation>der Breite</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>Drehung</translation>
    </message>
    <message>
        <source>degrees</source>
        <translation>Grad</translation>
    </message>
    <message>
        <source>Pan across</source>
        <translation>Schwenk quer</translation>
    </message>
    <message>
        <source>Pan down</source>
        <translation>Schwenk abwärts</translation>
    </message>
    <message>
        <source>of the height</source>
        <translation>der Höhe</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Kamera</translation>
    </message>
    <message>
        <source>Camera moves the music drives, applied to the segment&apos;s frames in the preview and the export</source>
        <translation>Kamerabewegungen, die die Musik steuert, angewandt auf die Bilder des Segments in Vorschau und Export</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Bewegung</translation>
    </message>
    <message>
        <source>%1 •</source>
        <translation>%1 •</translation>
    </message>
</context>
<context>
    <name>tessera::CellViewer</name>
    <message>
        <source>OpenGL is not available here; the viewer uses the CPU path</source>
        <translation>OpenGL ist hier nicht verfügbar; der Viewer rechnet auf der CPU</translation>
    </message>
    <message>
        <source>%1 / %2   exposure %3%4 stops   gamma %5   %6%   %7</source>
        <extracomment>The viewer&apos;s heads-up line: display / view, exposure in stops, gamma, zoom, GPU or CPU path</extracomment>
        <translation>%1 / %2   Belichtung %3%4 Blenden   Gamma %5   %6 %   %7</translation>
    </message>
    <message>
        <source>   showing %1</source>
        <translation>   Anzeige: %1</translation>
    </message>
    <message>
        <source>%1 (%2, %3)   linear %4 %5 %6   display %7 %8 %9</source>
        <extracomment>The pixel probe: image A or B (x, y), scene-linear RGB, then display RGB</extracomment>
        <translation>%1 (%2, %3)   linear %4 %5 %6   Anzeige %7 %8 %9</translation>
    </message>
</context>
<context>
    <name>tessera::ComparePane</name>
    <message>
        <source>Nothing to compare with</source>
        <translation>Nichts zum Vergleichen</translation>
    </message>
</context>
<context>
    <name>tessera::ExportDialog</name>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Burn in the lyrics (the sung word highlighted)</source>
        <translation>Liedtext einbrennen (das gesungene Wort hervorgehoben)</translation>
    </message>
    <message>
        <source>Export Video</source>
        <translation>Video exportieren</translation>
    </message>
    <message>
        <source>Project (%1 fps)</source>
        <translation>Projekt (%1 fps)</translation>
    </message>
    <message>
        <source>Whole song (%1)</source>
        <translation>Ganzer Song (%1)</translation>
    </message>
    <message>
        <source>Selected segment</source>
        <translation>Ausgewähltes Segment</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Cancel Export</source>
        <translation>Export abbrechen</translation>
    </message>
    <message>
        <source>Show in Folder</source>
        <translation>Im Ordner anzeigen</translation>
    </message>
    <message>
        <source>&amp;Preset:</source>
        <translation>&amp;Vorgabe:</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>&amp;Größe:</translation>
    </message>
    <message>
        <source>&amp;Frame rate:</source>
        <translation>&amp;Bildrate:</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>Be&amp;reich:</translation>
    </message>
    <message>
        <source>&amp;Output:</source>
        <translation>&amp;Ausgabe:</translation>
    </message>
    <message>
        <source>Folder for the PNG frames</source>
        <translation>Ordner für die PNG-Einzelbilder</translation>
    </message>
    <message>
        <source>Choose where the video goes.</source>
        <translation>Wählen Sie, wohin das Video geschrieben wird.</translation>
    </message>
    <message>
        <source>frame %1 of %2</source>
        <translation>Bild %1 von %2</translation>
    </message>
    <message>
        <source>%1 fps, %2 left</source>
        <translation>%1 fps, noch %2</translation>
    </message>
    <message>
        <source>Exported %1 in %2 s (%3 fps).</source>
        <translation>%1 in %2 s exportiert (%3 fps).</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>Abgebrochen: Es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Composing the first frames...</source>
        <translation>Die ersten Bilder werden zusammengesetzt …</translation>
    </message>
    <message>
        <source>None (smooth scaling)</source>
        <translation>Keine (glattes Skalieren)</translation>
    </message>
    <message>
        <source>ESRGAN slim (fastest)</source>
        <translation>ESRGAN slim (am schnellsten)</translation>
    </message>
    <message>
        <source>ESRGAN medium</source>
        <translation>ESRGAN medium</translation>
    </message>
    <message>
        <source>ESRGAN thick (sharpest, slowest)</source>
        <translation>ESRGAN thick (am schärfsten, am langsamsten)</translation>
    </message>
    <message>
        <source>Cells smaller than the frame are enlarged by a super-resolution network first, once per image: the project keeps the upscales, later exports reuse them and the preview shows them</source>
        <translation>Zellen, die kleiner als das Bild sind, werden zuerst von einem Super-Resolution-Netz vergrößert, einmal pro Bild: das Projekt behält die Vergrößerungen, spätere Exporte verwenden sie wieder und die Vorschau zeigt sie</translation>
    </message>
    <message>
        <source>&amp;Upscale cells:</source>
        <translation>Zellen &amp;hochskalieren:</translation>
    </message>
    <message>
        <source>This build of Tessera has no upscaler (it is built without libtorch)</source>
        <translation>Dieser Build von Tessera hat keinen Hochskalierer (er ist ohne libtorch gebaut)</translation>
    </message>
</context>
<context>
    <name>tessera::ExportPreset</name>
    <message>
        <source>Web 1080p (H.264, MP4)</source>
        <translation>Web 1080p (H.264, MP4)</translation>
    </message>
    <message>
        <source>4K UHD (H.264, MP4)</source>
        <translation>4K UHD (H.264, MP4)</translation>
    </message>
    <message>
        <source>ProRes 422 for editing (MOV)</source>
        <translation>ProRes 422 für den Schnitt (MOV)</translation>
    </message>
    <message>
        <source>PNG sequence (folder)</source>
        <translation>PNG-Sequenz (Ordner)</translation>
    </message>
</context>
<context>
    <name>tessera::GenerationJobRow</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel this job (the cells already generated are kept)</source>
        <translation>Diesen Auftrag abbrechen (bereits generierte Zellen bleiben erhalten)</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Generating</source>
        <translation>Wird generiert</translation>
    </message>
    <message>
        <source>Generating in another process</source>
        <translation>Wird in einem anderen Prozess generiert</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>instrumental</source>
        <translation>Instrumentalteil</translation>
    </message>
    <message>
        <source>Segment %1 — %2</source>
        <translation>Segment %1 – %2</translation>
    </message>
    <message>
        <source>Removed segment</source>
        <translation>Entferntes Segment</translation>
    </message>
    <message>
        <source>Job %1</source>
        <translation>Auftrag %1</translation>
    </message>
    <message>
        <source>%1 of %2 cells</source>
        <translation>%1 von %2 Zellen</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Resume: generate the cells still missing</source>
        <translation>Fortsetzen: die noch fehlenden Zellen generieren</translation>
    </message>
    <message>
        <source>Pause this job</source>
        <translation>Diesen Auftrag anhalten</translation>
    </message>
    <message>
        <source>Queued · 1 job ahead</source>
        <translation>In Warteschlange · 1 Auftrag davor</translation>
    </message>
    <message>
        <source>Queued · %1 jobs ahead</source>
        <translation>In Warteschlange · %1 Aufträge davor</translation>
    </message>
    <message>
        <source>Queued · next</source>
        <translation>In Warteschlange · als Nächstes</translation>
    </message>
    <message>
        <source>Repair · </source>
        <translation>Reparatur · </translation>
    </message>
    <message>
        <source>Repair %1</source>
        <translation>Reparatur %1</translation>
    </message>
    <message>
        <source>Cells %1</source>
        <translation>Zellen %1</translation>
    </message>
    <message>
        <source>On the farm · merging</source>
        <translation>Auf der Farm · wird zusammengeführt</translation>
    </message>
    <message>
        <source>On the farm · 1 task to finish</source>
        <translation>Auf der Farm · 1 Aufgabe offen</translation>
    </message>
    <message>
        <source>On the farm · %1 tasks to finish</source>
        <translation>Auf der Farm · %1 Aufgaben offen</translation>
    </message>
    <message>
        <source>Slurm farm — 1 task</source>
        <translation>Slurm-Farm — 1 Aufgabe</translation>
    </message>
    <message>
        <source>Slurm farm — %1 tasks</source>
        <translation>Slurm-Farm — %1 Aufgaben</translation>
    </message>
    <message>
        <source>Job %1 · stop or re-run it with tessera-cli farm status / resubmit</source>
        <translation>Auftrag %1 · mit tessera-cli farm status / resubmit prüfen oder neu starten</translation>
    </message>
</context>
<context>
    <name>tessera::GenerationQueue</name>
    <message>
        <source>%1: names no model and the bundled default model (%2) is not installed</source>
        <translation>%1: nennt kein Modell, und das mitgelieferte Standardmodell (%2) ist nicht installiert</translation>
    </message>
    <message>
        <source>%1: the model cannot change while a generation job is queued or running; let the jobs finish or pause them first</source>
        <translation>%1: Das Modell kann nicht gewechselt werden, solange ein Generierungsauftrag wartet oder läuft; lassen Sie die Aufträge fertig werden oder pausieren Sie sie zuerst</translation>
    </message>
    <message>
        <source>Segment %1: every cell is done and up to date with its prompt, or locked; nothing to generate. To make new images, select cells in the Grid panel and press G.</source>
        <translation>Segment %1: Jede Zelle ist fertig und auf dem Stand ihres Prompts oder gesperrt; es gibt nichts zu generieren. Um neue Bilder zu erzeugen, wählen Sie im Panel „Raster“ Zellen aus und drücken Sie G.</translation>
    </message>
    <message>
        <source>Segment %1: the cells asked for are locked; unlock them (L) to regenerate them.</source>
        <translation>Segment %1: Die angeforderten Zellen sind gesperrt; entsperren Sie sie (L), um sie neu zu generieren.</translation>
    </message>
</context>
<context>
    <name>tessera::GenerationQueuePanel</name>
    <message>
        <source>Generate Segment</source>
        <translation>Segment generieren</translation>
    </message>
    <message>
        <source>Generate All</source>
        <translation>Alle generieren</translation>
    </message>
    <message>
        <source>Queue every segment that has missing or rejected cells</source>
        <translation>Jedes Segment mit fehlenden oder verworfenen Zellen in die Warteschlange stellen</translation>
    </message>
    <message>
        <source>No generation jobs yet. Select a segment and press Generate Segment.</source>
        <translation>Noch keine Generierungsaufträge. Wählen Sie ein Segment aus und klicken Sie auf „Segment generieren“.</translation>
    </message>
    <message>
        <source>Generate Segment %1</source>
        <translation>Segment %1 generieren</translation>
    </message>
    <message>
        <source>Cannot generate: %1</source>
        <translation>Generieren nicht möglich: %1</translation>
    </message>
    <message>
        <source>Model: %1 (loading…)</source>
        <translation>Modell: %1 (wird geladen …)</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) waiting or running</source>
        <translation>
            <numerusform>%n Auftrag wartet oder läuft</numerusform>
            <numerusform>%n Aufträge warten oder laufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cell(s) to go</source>
        <translation>
            <numerusform>noch %n Zelle</numerusform>
            <numerusform>noch %n Zellen</numerusform>
        </translation>
    </message>
    <message>
        <source>Queue idle</source>
        <translation>Warteschlange leer</translation>
    </message>
    <message>
        <source>The project&apos;s model: an undoable setting; the queue loads it when no job waits</source>
        <translation>Das Modell des Projekts: eine rückgängig machbare Einstellung; die Warteschlange lädt es, wenn kein Auftrag wartet</translation>
    </message>
    <message>
        <source>%1 — %2, %3 px</source>
        <translation>%1 — %2, %3 px</translation>
    </message>
    <message>
        <source>%1
%2, %3 px, %4, %5, %6</source>
        <translation>%1
%2, %3 px, %4, %5, %6</translation>
    </message>
    <message>
        <source>%1 (refused)</source>
        <translation>%1 (abgelehnt)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>A model folder&apos;s model_index.json or a .safetensors checkpoint</source>
        <translation>Die model_index.json eines Modellordners oder ein .safetensors-Checkpoint</translation>
    </message>
    <message>
        <source>Choose a Model</source>
        <translation>Modell wählen</translation>
    </message>
    <message>
        <source>Models (model_index.json *.safetensors)</source>
        <translation>Modelle (model_index.json *.safetensors)</translation>
    </message>
    <message>
        <source>Pause All</source>
        <translation>Alle anhalten</translation>
    </message>
    <message>
        <source>Cancel All</source>
        <translation>Alle abbrechen</translation>
    </message>
    <message>
        <source>Pause every waiting and running job (Resume continues each)</source>
        <translation>Jeden wartenden und laufenden Auftrag anhalten („Fortsetzen“ setzt jeden einzeln fort)</translation>
    </message>
    <message>
        <source>Cancel every unfinished job (the cells already made are kept)</source>
        <translation>Jeden unfertigen Auftrag abbrechen (bereits erzeugte Zellen bleiben erhalten)</translation>
    </message>
    <message>
        <source>Queue the selected segment&apos;s missing and rejected cells, and those out of date with its prompt</source>
        <translation>Die fehlenden und verworfenen Zellen des ausgewählten Segments sowie die nicht mehr zu seinem Prompt passenden in die Warteschlange stellen</translation>
    </message>
    <message>
        <source>Model: %1, computing in %2</source>
        <translation>Modell: %1, rechnet in %2</translation>
    </message>
    <message>
        <source>%1
New jobs compute in %2 (Preferences: Generation precision)</source>
        <translation>%1
Neue Aufträge rechnen in %2 (Einstellungen: Rechengenauigkeit)</translation>
    </message>
    <message>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>embedding</source>
        <translation>Embedding</translation>
    </message>
    <message>
        <source>%1 %2 — %3 for %4</source>
        <translation>%1 %2 — %3 für %4</translation>
    </message>
    <message>
        <source>%1
%2 for %3 models (text width %4). Click to take it out of the project.</source>
        <translation>%1
%2 für %3-Modelle (Textbreite %4). Klicken, um es aus dem Projekt zu nehmen.</translation>
    </message>
    <message>
        <source>%1
%2 for %3 models (text width %4). Click to add it to the project.</source>
        <translation>%1
%2 für %3-Modelle (Textbreite %4). Klicken, um es dem Projekt hinzuzufügen.</translation>
    </message>
</context>
<context>
    <name>tessera::GpuCellSurface</name>
    <message>
        <source>no OpenGL context</source>
        <translation>kein OpenGL-Kontext</translation>
    </message>
</context>
<context>
    <name>tessera::GradeModel</name>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Segment %1</source>
        <translation>Segment %1</translation>
    </message>
    <message>
        <source>No segment selected</source>
        <translation>Kein Segment ausgewählt</translation>
    </message>
    <message>
        <source>Cell %1,%2 of segment %3</source>
        <translation>Zelle %1,%2 von Segment %3</translation>
    </message>
    <message>
        <source>No cell selected</source>
        <translation>Keine Zelle ausgewählt</translation>
    </message>
    <message>
        <source>%1: select what to grade first</source>
        <translation>%1: Wählen Sie zuerst aus, was gegradet werden soll</translation>
    </message>
    <message>
        <source>%1: select a segment to match its grid&apos;s exposure</source>
        <translation>%1: Wählen Sie ein Segment aus, um die Belichtung seines Rasters anzugleichen</translation>
    </message>
    <message>
        <source>segment %1</source>
        <translation>Segment %1</translation>
    </message>
    <message numerus="yes">
        <source>Matched the exposure of %n cell(s); the largest correction is %1 stops</source>
        <translation>
            <numerusform>Belichtung von %n Zelle angeglichen; die größte Korrektur beträgt %1 Blenden</numerusform>
            <numerusform>Belichtung von %n Zellen angeglichen; die größte Korrektur beträgt %1 Blenden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::GradePanel</name>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Match Exposure</source>
        <translation>Belichtung angleichen</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>Zelle</translation>
    </message>
    <message>
        <source>What the grade applies to: scopes combine (exposures add, gammas and saturations multiply)</source>
        <translation>Worauf das Grading wirkt: Ebenen wirken zusammen (Belichtungen addieren sich, Gamma- und Sättigungswerte multiplizieren sich)</translation>
    </message>
    <message>
        <source> stops</source>
        <translation> Blenden</translation>
    </message>
    <message>
        <source>Stored exposure in stops: +1 doubles the scene-linear light</source>
        <translation>Gespeicherte Belichtung in Blenden: +1 verdoppelt das szenenlineare Licht</translation>
    </message>
    <message>
        <source>Stored gamma around middle grey (1 leaves values alone)</source>
        <translation>Gespeichertes Gamma um Mittelgrau (1 lässt die Werte unverändert)</translation>
    </message>
    <message>
        <source>Stored saturation (1 leaves colours alone, 0 is grey)</source>
        <translation>Gespeicherte Sättigung (1 lässt die Farben unverändert, 0 ist grau)</translation>
    </message>
    <message>
        <source>Back to no grade at this scope</source>
        <translation>Grading auf dieser Ebene entfernen</translation>
    </message>
    <message>
        <source>Bring every generated cell of the selected segment to the grid&apos;s median brightness</source>
        <translation>Alle generierten Zellen des ausgewählten Segments auf die mittlere Helligkeit (Median) des Rasters bringen</translation>
    </message>
    <message>
        <source>&lt;b&gt;Grade&lt;/b&gt;</source>
        <translation>&lt;b&gt;Grading&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>Belichtung</translation>
    </message>
    <message>
        <source>Gamma</source>
        <translation>Gamma</translation>
    </message>
    <message>
        <source>Saturation</source>
        <translation>Sättigung</translation>
    </message>
    <message>
        <source>Cell shown with %1 stops, gamma %2, saturation %3</source>
        <translation>Zelle angezeigt mit %1 Blenden, Gamma %2, Sättigung %3</translation>
    </message>
</context>
<context>
    <name>tessera::GridBrowser</name>
    <message>
        <source>Grid</source>
        <translation>Raster</translation>
    </message>
    <message>
        <source>The cells in the grid&apos;s own rows and columns</source>
        <translation>Die Zellen in den Zeilen und Spalten des Rasters</translation>
    </message>
    <message>
        <source>Suspects First</source>
        <translation>Auffällige zuerst</translation>
    </message>
    <message>
        <source>Cells that break the grid&apos;s coherence first, worst first (S)</source>
        <translation>Zellen, die den Zusammenhang des Rasters stören, zuerst – die stärksten Abweichungen oben (S)</translation>
    </message>
    <message>
        <source>Compare: Off</source>
        <translation>Vergleich: Aus</translation>
    </message>
    <message>
        <source>Previous version</source>
        <translation>Vorherige Version</translation>
    </message>
    <message>
        <source>Right neighbour</source>
        <translation>Rechter Nachbar</translation>
    </message>
    <message>
        <source>Left neighbour</source>
        <translation>Linker Nachbar</translation>
    </message>
    <message>
        <source>Neighbour below</source>
        <translation>Nachbar darunter</translation>
    </message>
    <message>
        <source>Neighbour above</source>
        <translation>Nachbar darüber</translation>
    </message>
    <message>
        <source>Chosen version</source>
        <translation>Gewählte Version</translation>
    </message>
    <message>
        <source>What to show beside the current cell (C cycles; Ctrl+click a version to choose it)</source>
        <translation>Was neben der aktuellen Zelle angezeigt wird (C schaltet weiter; Strg+Klick auf eine Version wählt sie)</translation>
    </message>
    <message>
        <source>No segment selected</source>
        <translation>Kein Segment ausgewählt</translation>
    </message>
    <message>
        <source>instrumental</source>
        <translation>Instrumentalteil</translation>
    </message>
    <message>
        <source>Segment %1 — %2</source>
        <translation>Segment %1 – %2</translation>
    </message>
    <message>
        <source>%1×%2</source>
        <translation>%1×%2</translation>
    </message>
    <message>
        <source>%1/%2 generated</source>
        <translation>%1/%2 generiert</translation>
    </message>
    <message numerus="yes">
        <source>%n suspect(s)</source>
        <translation>
            <numerusform>%n auffällig</numerusform>
            <numerusform>%n auffällig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>%n verworfen</numerusform>
            <numerusform>%n verworfen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n locked</source>
        <translation>
            <numerusform>%n gesperrt</numerusform>
            <numerusform>%n gesperrt</numerusform>
        </translation>
    </message>
    <message>
        <source>Cell %1,%2</source>
        <translation>Zelle %1,%2</translation>
    </message>
    <message>
        <source>coherence %1</source>
        <translation>Kohärenz %1</translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n ausgewählt</numerusform>
            <numerusform>%n ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>Reparieren</translation>
    </message>
    <message>
        <source>Repair the selected cells from their neighbours: regenerate each from the blend of its neighbours&apos; images, so it fits the grid again (Shift+G)</source>
        <translation>Die ausgewählten Zellen aus ihren Nachbarn reparieren: jede aus der Mischung der Bilder ihrer Nachbarn neu erzeugen, damit sie wieder ins Raster passt (Umschalt+G)</translation>
    </message>
    <message>
        <source>How far a repair departs from the neighbours&apos; blend: low keeps it, 1 ignores it</source>
        <translation>Wie weit eine Reparatur von der Mischung der Nachbarn abweicht: niedrig behält sie bei, 1 ignoriert sie</translation>
    </message>
    <message>
        <source>version %1 of %2</source>
        <translation>Version %1 von %2</translation>
    </message>
    <message>
        <source>Similarity</source>
        <translation>Ähnlichkeit</translation>
    </message>
    <message>
        <source>Show on each edge how alike the two cells look (SSIM: 1 is equal, green is close, red far) and the grid&apos;s median (M)</source>
        <translation>Auf jeder Kante zeigen, wie ähnlich sich die beiden Zellen sehen (SSIM: 1 ist gleich, grün ist nah, rot fern), und den Median des Rasters (M)</translation>
    </message>
    <message>
        <source>Refine</source>
        <translation>Verfeinern</translation>
    </message>
    <message>
        <source>Make the grid twice as dense along an axis: new cells halfway between the existing ones, generated between the least alike neighbours first</source>
        <translation>Das Raster entlang einer Achse doppelt so dicht machen: neue Zellen auf halbem Weg zwischen den vorhandenen, zuerst zwischen den unähnlichsten Nachbarn erzeugt</translation>
    </message>
    <message>
        <source>Refine Columns (X)</source>
        <translation>Spalten verfeinern (X)</translation>
    </message>
    <message>
        <source>Refine Rows (Y)</source>
        <translation>Zeilen verfeinern (Y)</translation>
    </message>
    <message>
        <source>Refine Columns (X): %1 → %2</source>
        <translation>Spalten verfeinern (X): %1 → %2</translation>
    </message>
    <message>
        <source>Refine Rows (Y): %1 → %2</source>
        <translation>Zeilen verfeinern (Y): %1 → %2</translation>
    </message>
    <message>
        <source>median SSIM %1</source>
        <translation>Median-SSIM %1</translation>
    </message>
</context>
<context>
    <name>tessera::GridBrowserModel</name>
    <message numerus="yes">
        <source>Accept %n cell(s) again</source>
        <translation>
            <numerusform>%n Zelle wieder annehmen</numerusform>
            <numerusform>%n Zellen wieder annehmen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reject %n cell(s)</source>
        <translation>
            <numerusform>%n Zelle verwerfen</numerusform>
            <numerusform>%n Zellen verwerfen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unlock %n cell(s)</source>
        <translation>
            <numerusform>%n Zelle entsperren</numerusform>
            <numerusform>%n Zellen entsperren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Lock %n cell(s)</source>
        <translation>
            <numerusform>%n Zelle sperren</numerusform>
            <numerusform>%n Zellen sperren</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Regenerate %n cell(s)</source>
        <translation>
            <numerusform>%n Zelle neu generieren</numerusform>
            <numerusform>%n Zellen neu generieren</numerusform>
        </translation>
    </message>
    <message>
        <source>Make version %1 of cell %2,%3 active</source>
        <translation>Version %1 von Zelle %2,%3 aktivieren</translation>
    </message>
    <message>
        <source>Cell %1,%2 (active)</source>
        <translation>Zelle %1,%2 (aktiv)</translation>
    </message>
    <message>
        <source>Cell %1,%2</source>
        <translation>Zelle %1,%2</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>Version %1 von %2</translation>
    </message>
    <message numerus="yes">
        <source>Repair %n cell(s) from neighbours</source>
        <translation>
            <numerusform>%n Zelle aus Nachbarn reparieren</numerusform>
            <numerusform>%n Zellen aus Nachbarn reparieren</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::GridCanvas</name>
    <message>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>in Warteschlange</translation>
    </message>
    <message>
        <source>generating</source>
        <translation>wird generiert</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>%1,%2</source>
        <translation>%1,%2</translation>
    </message>
    <message>
        <source>Select a segment to see its grid</source>
        <translation>Wählen Sie ein Segment aus, um sein Raster zu sehen</translation>
    </message>
    <message>
        <source>out of date</source>
        <translation>veraltet</translation>
    </message>
    <message>
        <source>v%1/%2</source>
        <translation>v%1/%2</translation>
    </message>
</context>
<context>
    <name>tessera::KeyboardShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Filter by action or key, e.g. export or ctrl+e</source>
        <translation>Nach Aktion oder Taste filtern, z. B. exportieren oder Strg+E</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
</context>
<context>
    <name>tessera::MainWindow</name>
    <message>
        <source>Tessera</source>
        <translation>Tessera</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Clear Menu</source>
        <translation>Liste leeren</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>Projekt kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Cannot create project</source>
        <translation>Projekt kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>%1 - Tessera</source>
        <translation>%1 – Tessera</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>New Project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;geöffnet&gt;</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Edit failed</source>
        <translation>Bearbeitung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cannot read project</source>
        <translation>Projekt kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Open or create a project to edit its prompts.</source>
        <translation>Öffnen oder erstellen Sie ein Projekt, um seine Prompts zu bearbeiten.</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Raster</translation>
    </message>
    <message>
        <source>Open a project and select a segment to curate its grid.</source>
        <translation>Öffnen Sie ein Projekt und wählen Sie ein Segment aus, um sein Raster zu kuratieren.</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Generierung</translation>
    </message>
    <message>
        <source>Open a project to generate its grids.</source>
        <translation>Öffnen Sie ein Projekt, um seine Raster zu generieren.</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>Preview unavailable: %1</source>
        <translation>Vorschau nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <source>New Empty Project</source>
        <translation>Neues leeres Projekt</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>&amp;Wiedergabe</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>About Tessera</source>
        <translation>Über Tessera</translation>
    </message>
    <message>
        <source>&lt;b&gt;Tessera %1&lt;/b&gt;&lt;p&gt;Music videos from a song, its lyrics and grids of generated images.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Tessera %1&lt;/b&gt;&lt;p&gt;Musikvideos aus einem Song, seinem Liedtext und Rastern generierter Bilder.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Timeline</translation>
    </message>
    <message>
        <source>Viewer unavailable: %1</source>
        <translation>Viewer nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Viewer</translation>
    </message>
    <message>
        <source>Colour settings</source>
        <translation>Farbeinstellungen</translation>
    </message>
    <message>
        <source>Curation failed</source>
        <translation>Kuratieren fehlgeschlagen</translation>
    </message>
    <message>
        <source>Grading failed</source>
        <translation>Grading fehlgeschlagen</translation>
    </message>
    <message>
        <source>Preferences saved</source>
        <translation>Einstellungen gespeichert</translation>
    </message>
    <message>
        <source>Timeline without waveform: %1</source>
        <translation>Timeline ohne Wellenform: %1</translation>
    </message>
    <message>
        <source>%1: a file of that name exists already</source>
        <translation>%1: Eine Datei mit diesem Namen ist bereits vorhanden</translation>
    </message>
    <message>
        <source>Analysing %1...</source>
        <translation>%1 wird analysiert …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cannot import lyrics</source>
        <translation>Liedtext kann nicht importiert werden</translation>
    </message>
    <message>
        <source>%1: the project has no analysed song to time the lyrics against</source>
        <translation>%1: Das Projekt hat keinen analysierten Song, an dem der Liedtext ausgerichtet werden kann</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s) from %1</source>
        <translation>
            <numerusform>%n Segment aus %1</numerusform>
            <numerusform>%n Segmente aus %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The demo project is not installed (share/tessera/demo)</source>
        <translation>Das Demoprojekt ist nicht installiert (share/tessera/demo)</translation>
    </message>
    <message>
        <source>Cannot create the demo project</source>
        <translation>Demoprojekt kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation>%1: Ordner kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Tessera demo</source>
        <translation>Tessera-Demo</translation>
    </message>
    <message>
        <source>Open a project with a song first</source>
        <translation>Öffnen Sie zuerst ein Projekt mit einem Song</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Open a project first</source>
        <translation>Öffnen Sie zuerst ein Projekt</translation>
    </message>
    <message>
        <source>Import Lyrics</source>
        <translation>Liedtext importieren</translation>
    </message>
    <message>
        <source>Lyrics (*.lrc *.srt *.txt);;All files (*)</source>
        <translation>Liedtexte (*.lrc *.srt *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Tessera projects (*.tessera)</source>
        <translation>Tessera-Projekte (*.tessera)</translation>
    </message>
    <message>
        <source>Tesseract</source>
        <translation>Tesserakt</translation>
    </message>
    <message>
        <source>%1 [read-only] - Tessera</source>
        <translation>%1 [schreibgeschützt] - Tessera</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message numerus="yes">
        <source>; %n problem(s) in the file</source>
        <translation>
            <numerusform>; %n Problem in der Datei</numerusform>
            <numerusform>; %n Probleme in der Datei</numerusform>
        </translation>
    </message>
    <message>
        <source>Lyrics imported with problems</source>
        <translation>Liedtext mit Problemen importiert</translation>
    </message>
    <message numerus="yes">
        <source>%1

%n line(s) of the file could not be read as they are:</source>
        <translation>
            <numerusform>%1

%n Zeile der Datei konnte nicht unverändert gelesen werden:</numerusform>
            <numerusform>%1

%n Zeilen der Datei konnten nicht unverändert gelesen werden:</numerusform>
        </translation>
    </message>
    <message>
        <source>Perform Live</source>
        <translation>Live spielen</translation>
    </message>
    <message>
        <source>Open a project with segments first: the show plays its grids.</source>
        <translation>Öffnen Sie zuerst ein Projekt mit Segmenten: Die Show spielt deren Raster.</translation>
    </message>
</context>
<context>
    <name>tessera::ModelPickerModel</name>
    <message>
        <source>%1: not a LoRA or embedding in the model folders</source>
        <translation>%1: keine LoRA und kein Embedding in den Modellordnern</translation>
    </message>
    <message>
        <source>Stop using LoRA %1</source>
        <translation>LoRA %1 nicht mehr verwenden</translation>
    </message>
    <message>
        <source>Use LoRA %1</source>
        <translation>LoRA %1 verwenden</translation>
    </message>
    <message>
        <source>Stop using embedding %1</source>
        <translation>Embedding %1 nicht mehr verwenden</translation>
    </message>
    <message>
        <source>Use embedding %1</source>
        <translation>Embedding %1 verwenden</translation>
    </message>
</context>
<context>
    <name>tessera::NewProjectDialog</name>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>New Project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>WAV, FLAC, MP3, Ogg... anything FFmpeg reads</source>
        <translation>WAV, FLAC, MP3, Ogg … alles, was FFmpeg lesen kann</translation>
    </message>
    <message>
        <source>Optional: LRC, SRT or plain text; without it the song is one segment</source>
        <translation>Optional: LRC, SRT oder reiner Text; ohne Liedtext ist der Song ein einziges Segment</translation>
    </message>
    <message>
        <source>24 fps</source>
        <translation>24 fps</translation>
    </message>
    <message>
        <source>25 fps</source>
        <translation>25 fps</translation>
    </message>
    <message>
        <source>29.97 fps</source>
        <translation>29,97 fps</translation>
    </message>
    <message>
        <source>30 fps</source>
        <translation>30 fps</translation>
    </message>
    <message>
        <source>60 fps</source>
        <translation>60 fps</translation>
    </message>
    <message>
        <source>1920 x 1080 (HD)</source>
        <translation>1920 × 1080 (HD)</translation>
    </message>
    <message>
        <source>1280 x 720</source>
        <translation>1280 × 720</translation>
    </message>
    <message>
        <source>3840 x 2160 (4K UHD)</source>
        <translation>3840 × 2160 (4K UHD)</translation>
    </message>
    <message>
        <source>1080 x 1920 (vertical)</source>
        <translation>1080 × 1920 (Hochformat)</translation>
    </message>
    <message>
        <source>1080 x 1080 (square)</source>
        <translation>1080 × 1080 (quadratisch)</translation>
    </message>
    <message>
        <source>&amp;Song:</source>
        <translation>&amp;Song:</translation>
    </message>
    <message>
        <source>Audio (*.wav *.flac *.mp3 *.ogg *.opus *.m4a *.aac *.aif *.aiff);;All files (*)</source>
        <translation>Audio (*.wav *.flac *.mp3 *.ogg *.opus *.m4a *.aac *.aif *.aiff);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Lyrics:</source>
        <translation>&amp;Liedtext:</translation>
    </message>
    <message>
        <source>Lyrics (*.lrc *.srt *.txt);;All files (*)</source>
        <translation>Liedtexte (*.lrc *.srt *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Project file:</source>
        <translation>&amp;Projektdatei:</translation>
    </message>
    <message>
        <source>Tessera projects (*.tessera)</source>
        <translation>Tessera-Projekte (*.tessera)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Frame rate:</source>
        <translation>&amp;Bildrate:</translation>
    </message>
    <message>
        <source>Output &amp;size:</source>
        <translation>Ausgabe&amp;größe:</translation>
    </message>
    <message>
        <source>%1: no such song file</source>
        <translation>%1: Diese Song-Datei gibt es nicht</translation>
    </message>
    <message>
        <source>%1: the song cannot be read (permissions)</source>
        <translation>%1: Der Song kann nicht gelesen werden (Zugriffsrechte)</translation>
    </message>
    <message>
        <source>%1: no such lyrics file</source>
        <translation>%1: Diese Liedtextdatei gibt es nicht</translation>
    </message>
    <message>
        <source>%1: a file of that name exists already</source>
        <translation>%1: Eine Datei mit diesem Namen ist bereits vorhanden</translation>
    </message>
    <message>
        <source>%1: the folder does not exist</source>
        <translation>%1: Der Ordner existiert nicht</translation>
    </message>
</context>
<context>
    <name>tessera::PerformConsole</name>
    <message>
        <source>Loudness</source>
        <translation>Lautheit</translation>
    </message>
    <message>
        <source>Low band</source>
        <translation>Tiefen</translation>
    </message>
    <message>
        <source>Mid band</source>
        <translation>Mitten</translation>
    </message>
    <message>
        <source>High band</source>
        <translation>Höhen</translation>
    </message>
    <message>
        <source>Onsets</source>
        <translation>Transienten</translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation>Helligkeit</translation>
    </message>
    <message>
        <source>Tessera — Perform</source>
        <translation>Tessera — Live</translation>
    </message>
    <message>
        <source>Set-up</source>
        <translation>Einrichtung</translation>
    </message>
    <message>
        <source>&amp;Listen</source>
        <translation>&amp;Zuhören</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>Eingang:</translation>
    </message>
    <message>
        <source>Not listening</source>
        <translation>Hört nicht zu</translation>
    </message>
    <message>
        <source>The system offers no audio input</source>
        <translation>Das System bietet keinen Audioeingang an</translation>
    </message>
    <message>
        <source>Window (rehearsal)</source>
        <translation>Fenster (Probe)</translation>
    </message>
    <message>
        <source>%1 (%2x%3, %4 Hz)</source>
        <translation>%1 (%2×%3, %4 Hz)</translation>
    </message>
    <message>
        <source>&amp;Open Output</source>
        <translation>Ausgabe ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Ausgabe:</translation>
    </message>
    <message>
        <source>Automatic (half size when full frames cannot keep up)</source>
        <translation>Automatisch (halbe Größe, wenn volle Bilder nicht mithalten)</translation>
    </message>
    <message>
        <source>Full size</source>
        <translation>Volle Größe</translation>
    </message>
    <message>
        <source>Half size, scaled up (faster)</source>
        <translation>Halbe Größe, hochskaliert (schneller)</translation>
    </message>
    <message>
        <source>Frame size:</source>
        <translation>Bildgröße:</translation>
    </message>
    <message>
        <source>Listen for &amp;OSC</source>
        <translation>Auf &amp;OSC hören</translation>
    </message>
    <message>
        <source>Listen for &amp;MIDI</source>
        <translation>Auf &amp;MIDI hören</translation>
    </message>
    <message>
        <source>Cues:</source>
        <translation>Cues:</translation>
    </message>
    <message>
        <source>Keys only: Space start, H hold, ←/→ previous/next, 1–9 segments, ,/. nudge</source>
        <translation>Nur Tasten: Leertaste Start, H halten, ←/→ vorheriges/nächstes, 1–9 Segmente, ,/. verschieben</translation>
    </message>
    <message>
        <source>Input features</source>
        <translation>Merkmale des Eingangs</translation>
    </message>
    <message>
        <source>Playing</source>
        <translation>Es läuft</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Vorheriges</translation>
    </message>
    <message>
        <source>Start ▶</source>
        <translation>Start ▶</translation>
    </message>
    <message>
        <source>Hold ■</source>
        <translation>Halten ■</translation>
    </message>
    <message>
        <source>Next ▶▶</source>
        <translation>Nächstes ▶▶</translation>
    </message>
    <message>
        <source>Listening to %1</source>
        <translation>Hört %1 zu</translation>
    </message>
    <message>
        <source>Output full screen on %1</source>
        <translation>Ausgabe im Vollbild auf %1</translation>
    </message>
    <message>
        <source>Output in a window</source>
        <translation>Ausgabe in einem Fenster</translation>
    </message>
    <message>
        <source>OSC on UDP port %1: /tessera/start, /stop, /next, /previous, /segment N, /nudge S</source>
        <translation>OSC auf UDP-Port %1: /tessera/start, /stop, /next, /previous, /segment N, /nudge S</translation>
    </message>
    <message>
        <source>OSC on UDP port %1</source>
        <translation>OSC auf UDP-Port %1</translation>
    </message>
    <message>
        <source>MIDI on %1: note C1 (36) + N or program change N picks segment N + 1</source>
        <translation>MIDI auf %1: Note C1 (36) + N oder Programmwechsel N wählt Segment N + 1</translation>
    </message>
    <message>
        <source>MIDI on %1</source>
        <translation>MIDI auf %1</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>(instrumental)</source>
        <translation>(Instrumentalteil)</translation>
    </message>
    <message>
        <source>%1 “%2”</source>
        <translation>%1 „%2“</translation>
    </message>
    <message>
        <source> — column %1 of %2, row %3 of %4</source>
        <translation> — Spalte %1 von %2, Zeile %3 von %4</translation>
    </message>
    <message>
        <source>&lt;b&gt;Now:&lt;/b&gt; %1%2 (%3)</source>
        <translation>&lt;b&gt;Jetzt:&lt;/b&gt; %1%2 (%3)</translation>
    </message>
    <message>
        <source>following the timeline</source>
        <translation>folgt der Timeline</translation>
    </message>
    <message>
        <source>held</source>
        <translation>gehalten</translation>
    </message>
    <message>
        <source>&lt;b&gt;Next:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Danach:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>Burn in the lyrics</source>
        <translation>Liedtext einbrennen</translation>
    </message>
    <message>
        <source>The project&apos;s captions are off (Export Video turns them on)</source>
        <translation>Die Untertitel des Projekts sind aus (Video exportieren schaltet sie ein)</translation>
    </message>
    <message>
        <source>Captions:</source>
        <translation>Untertitel:</translation>
    </message>
</context>
<context>
    <name>tessera::PerformOutputWindow</name>
    <message>
        <source>Tessera — Output</source>
        <translation>Tessera — Ausgabe</translation>
    </message>
    <message>
        <source>Output window key</source>
        <translation>Taste im Ausgabefenster</translation>
    </message>
</context>
<context>
    <name>tessera::PerformSession</name>
    <message>
        <source>start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>hold</source>
        <translation>halten</translation>
    </message>
    <message>
        <source>next</source>
        <translation>nächstes</translation>
    </message>
    <message>
        <source>previous</source>
        <translation>vorheriges</translation>
    </message>
    <message>
        <source>segment %1</source>
        <translation>Segment %1</translation>
    </message>
    <message>
        <source>nudge %1 s</source>
        <translation>verschieben um %1 s</translation>
    </message>
    <message>
        <source>OSC: %1 names no cue</source>
        <translation>OSC: %1 bezeichnet keinen Cue</translation>
    </message>
</context>
<context>
    <name>tessera::PlaybackController</name>
    <message>
        <source>Audio playback failed (%1): the preview plays silently on the wall clock</source>
        <translation>Audiowiedergabe fehlgeschlagen (%1): Die Vorschau läuft stumm nach der Systemuhr</translation>
    </message>
    <message>
        <source>No audio output device: the preview plays silently on the wall clock</source>
        <translation>Kein Audioausgabegerät: Die Vorschau läuft stumm nach der Systemuhr</translation>
    </message>
</context>
<context>
    <name>tessera::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Folders holding diffusers-layout models (a model_index.json in each model&apos;s folder)</source>
        <translation>Ordner mit Modellen im Diffusers-Layout (eine model_index.json im Ordner jedes Modells)</translation>
    </message>
    <message>
        <source>Add...</source>
        <translation>Hinzufügen …</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>$OCIO, else the bundled config</source>
        <translation>$OCIO, sonst die mitgelieferte Konfiguration</translation>
    </message>
    <message>
        <source>The OpenColorIO config for projects that name none of their own</source>
        <translation>Die OpenColorIO-Konfiguration für Projekte, die keine eigene angeben</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>One per core (%1)</source>
        <translation>Einer pro Kern (%1)</translation>
    </message>
    <message>
        <source>Threads the diffusion model computes with; applies to projects opened from now on</source>
        <translation>Threads, mit denen das Diffusionsmodell rechnet; gilt für ab jetzt geöffnete Projekte</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Memory for decoded, graded cells the preview keeps; more makes scrubbing smoother</source>
        <translation>Speicher für dekodierte, gegradete Zellen der Vorschau; mehr macht das Scrubben flüssiger</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Model folders</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <source>Colour config</source>
        <translation>Farbkonfiguration</translation>
    </message>
    <message>
        <source>Generation threads</source>
        <translation>Generierungs-Threads</translation>
    </message>
    <message>
        <source>Preview cache</source>
        <translation>Vorschau-Cache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>A new language shows after the studio is restarted.</source>
        <translation>Eine neue Sprache wird nach einem Neustart des Studios angezeigt.</translation>
    </message>
    <message>
        <source>Add Model Folder</source>
        <translation>Modellordner hinzufügen</translation>
    </message>
    <message>
        <source>Colour Config</source>
        <translation>Farbkonfiguration</translation>
    </message>
    <message>
        <source>OpenColorIO configs (*.ocio)</source>
        <translation>OpenColorIO-Konfigurationen (*.ocio)</translation>
    </message>
    <message>
        <source>Float32 (exact)</source>
        <translation>Float32 (exakt)</translation>
    </message>
    <message>
        <source>Automatic: bf16 on this CPU (faster)</source>
        <translation>Automatisch: bf16 auf diesem Prozessor (schneller)</translation>
    </message>
    <message>
        <source>Automatic: float32 on this CPU (no bf16 instructions)</source>
        <translation>Automatisch: float32 auf diesem Prozessor (keine bf16-Befehle)</translation>
    </message>
    <message>
        <source>bf16 (faster on this CPU)</source>
        <translation>bf16 (schneller auf diesem Prozessor)</translation>
    </message>
    <message>
        <source>bf16 (emulated on this CPU: slower)</source>
        <translation>bf16 (auf diesem Prozessor emuliert: langsamer)</translation>
    </message>
    <message>
        <source>The number type the diffusion model computes new cells in; it is part of each cell&apos;s recipe. bf16 images differ slightly from float32 ones (as diffusers&apos; do).</source>
        <translation>Der Zahlentyp, in dem das Diffusionsmodell neue Zellen berechnet; er gehört zum Rezept jeder Zelle. bf16-Bilder weichen leicht von float32-Bildern ab (wie bei diffusers).</translation>
    </message>
    <message>
        <source>Generation precision</source>
        <translation>Rechengenauigkeit</translation>
    </message>
</context>
<context>
    <name>tessera::PreviewPanel</name>
    <message>
        <source>Loading the project…</source>
        <translation>Projekt wird geladen …</translation>
    </message>
    <message>
        <source>The preview cannot compose this project</source>
        <translation>Die Vorschau kann dieses Projekt nicht zusammensetzen</translation>
    </message>
    <message>
        <source>This frame cannot be composed</source>
        <translation>Dieses Bild kann nicht zusammengesetzt werden</translation>
    </message>
    <message>
        <source>Segment %1 has no generated images yet</source>
        <translation>Segment %1 hat noch keine generierten Bilder</translation>
    </message>
    <message>
        <source>Generate its %1 × %2 grid to see it here</source>
        <translation>Generieren Sie sein %1 × %2-Raster, um es hier zu sehen</translation>
    </message>
    <message>
        <source>%1 fps</source>
        <translation>%1 fps</translation>
    </message>
    <message>
        <source>– fps</source>
        <translation>– fps</translation>
    </message>
    <message>
        <source>%1   %2   %3 dropped   %4 px</source>
        <translation>%1   %2   %3 ausgelassen   %4 px</translation>
    </message>
</context>
<context>
    <name>tessera::ProjectSummaryView</name>
    <message>
        <source>Untitled project</source>
        <translation>Unbenanntes Projekt</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>Kein Projekt geöffnet</translation>
    </message>
    <message>
        <source>Create a project with File &gt; New, or open one with File &gt; Open.</source>
        <translation>Legen Sie mit Datei &gt; Neu ein Projekt an oder öffnen Sie eines mit Datei &gt; Öffnen.</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>in Warteschlange</translation>
    </message>
    <message>
        <source>generating</source>
        <translation>wird generiert</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <source>File:      %1 (schema %2)</source>
        <translation>Datei:     %1 (Schema %2)</translation>
    </message>
    <message>
        <source>Output:    %1x%2 at %3 fps</source>
        <translation>Ausgabe:   %1×%2 bei %3 fps</translation>
    </message>
    <message>
        <source>Song:      %1</source>
        <translation>Song:      %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <source>Model:     %1</source>
        <translation>Modell:    %1</translation>
    </message>
    <message>
        <source>(bundled default)</source>
        <translation>(mitgeliefertes Standardmodell)</translation>
    </message>
    <message>
        <source>Style:     %1</source>
        <translation>Stil:      %1</translation>
    </message>
    <message>
        <source>Segments:  %1, ending at %2</source>
        <translation>Segmente:  %1, endet bei %2</translation>
    </message>
    <message>
        <source>Cells:     %1%2, %3 versions</source>
        <translation>Zellen:    %1%2, %3 Versionen</translation>
    </message>
    <message>
        <source>(instrumental)</source>
        <translation>(Instrumentalteil)</translation>
    </message>
</context>
<context>
    <name>tessera::PromptEditorModel</name>
    <message>
        <source>%1: a grid has 1 to %2 rows and columns, not %3 x %4</source>
        <translation>%1: Ein Raster hat 1 bis %2 Zeilen und Spalten, nicht %3 × %4</translation>
    </message>
    <message>
        <source>%1: the project has no stem &quot;%2&quot;</source>
        <translation>%1: Das Projekt hat keinen Stem „%2“</translation>
    </message>
    <message>
        <source>%1: segment %2: %3</source>
        <translation>%1: Segment %2: %3</translation>
    </message>
</context>
<context>
    <name>tessera::PromptEditorPanel</name>
    <message>
        <source>The image prompt; empty uses the lyric. (word:1.3) weights a word</source>
        <translation>Der Bild-Prompt; leer wird die Liedzeile verwendet. (Wort:1.3) gewichtet ein Wort</translation>
    </message>
    <message>
        <source>From lyric</source>
        <translation>Aus Liedzeile</translation>
    </message>
    <message>
        <source>Start the prompt again from the segment&apos;s lyric</source>
        <translation>Den Prompt neu aus der Liedzeile des Segments beginnen</translation>
    </message>
    <message>
        <source>Appended to every segment&apos;s prompt, e.g. cinematic, 35mm, teal and orange</source>
        <translation>Wird an den Prompt jedes Segments angehängt, z. B. cinematic, 35mm, teal and orange</translation>
    </message>
    <message>
        <source>What no image should show, e.g. text, watermark, blurry</source>
        <translation>Was kein Bild zeigen soll, z. B. text, watermark, blurry</translation>
    </message>
    <message>
        <source>The noise seed every cell shares, so neighbouring cells look alike</source>
        <translation>Der Rausch-Seed, den alle Zellen teilen, damit benachbarte Zellen ähnlich aussehen</translation>
    </message>
    <message>
        <source>New seed</source>
        <translation>Neuer Seed</translation>
    </message>
    <message>
        <source>Pick a random seed: a new look for the whole grid</source>
        <translation>Einen zufälligen Seed wählen: ein neuer Look für das ganze Raster</translation>
    </message>
    <message>
        <source>Rows: the steps of the Y axis</source>
        <translation>Zeilen: die Schritte der Y-Achse</translation>
    </message>
    <message>
        <source>Columns: the steps of the X axis</source>
        <translation>Spalten: die Schritte der X-Achse</translation>
    </message>
    <message>
        <source>X axis (columns)</source>
        <translation>X-Achse (Spalten)</translation>
    </message>
    <message>
        <source>Y axis (rows)</source>
        <translation>Y-Achse (Zeilen)</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Raster</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Stil</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>Negativ</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Select a segment in the timeline to edit its prompt, seed, grid and axes.</source>
        <translation>Wählen Sie in der Timeline ein Segment aus, um Prompt, Seed, Raster und Achsen zu bearbeiten.</translation>
    </message>
    <message>
        <source>Segment %1  ·  %2 – %3</source>
        <translation>Segment %1  ·  %2 – %3</translation>
    </message>
    <message>
        <source>Instrumental</source>
        <translation>Instrumentalteil</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>%1 cells</source>
        <translation>%1 Zellen</translation>
    </message>
    <message>
        <source>Morph</source>
        <translation>Morphen</translation>
    </message>
    <message>
        <source>Dissolve</source>
        <translation>Überblenden</translation>
    </message>
    <message>
        <source>How neighbouring cells give way to each other as the axes move. Morph moves each cell&apos;s content along the optical flow toward the next, so a subject that moved between cells moves; where no motion explains the change it dissolves. Dissolve mixes them in place.</source>
        <translation>Wie benachbarte Zellen ineinander übergehen, wenn sich die Achsen bewegen. Morphen bewegt den Inhalt jeder Zelle entlang des optischen Flusses zur nächsten, sodass sich ein Motiv, das sich zwischen Zellen verschoben hat, bewegt; wo keine Bewegung die Änderung erklärt, wird überblendet. Überblenden mischt sie an Ort und Stelle.</translation>
    </message>
    <message>
        <source>Between cells</source>
        <translation>Zwischen Zellen</translation>
    </message>
</context>
<context>
    <name>tessera::RefineGridCommand</name>
    <message>
        <source>Refine segment %1 to %2 x %3</source>
        <translation>Segment %1 auf %2 × %3 verfeinern</translation>
    </message>
    <message>
        <source>segment %1&apos;s grid is %2 x %3, not the %4 x %5 this step refines</source>
        <translation>das Raster von Segment %1 ist %2 × %3, nicht das %4 × %5, das dieser Schritt verfeinert</translation>
    </message>
    <message numerus="yes">
        <source>%n new cell(s) of segment %1 already have an image, which taking the refinement back would delete; the refined grid stays</source>
        <translation>
            <numerusform>%n neue Zelle von Segment %1 hat schon ein Bild, das das Zurücknehmen der Verfeinerung löschen würde; das verfeinerte Raster bleibt</numerusform>
            <numerusform>%n neue Zellen von Segment %1 haben schon ein Bild, das das Zurücknehmen der Verfeinerung löschen würde; das verfeinerte Raster bleibt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tessera::SetCellCurationCommand</name>
    <message>
        <source>no cell with id %1</source>
        <translation>keine Zelle mit der ID %1</translation>
    </message>
</context>
<context>
    <name>tessera::SetProjectModelCommand</name>
    <message>
        <source>Use the bundled model</source>
        <translation>Mitgeliefertes Modell verwenden</translation>
    </message>
    <message>
        <source>Use model %1</source>
        <translation>Modell %1 verwenden</translation>
    </message>
</context>
<context>
    <name>tessera::SetProjectPromptCommand</name>
    <message>
        <source>Edit style prompt</source>
        <translation>Stil-Prompt bearbeiten</translation>
    </message>
    <message>
        <source>Edit negative prompt</source>
        <translation>Negativ-Prompt bearbeiten</translation>
    </message>
</context>
<context>
    <name>tessera::SetSegmentPromptCommand</name>
    <message>
        <source>Edit prompt of segment %1</source>
        <translation>Prompt von Segment %1 bearbeiten</translation>
    </message>
    <message>
        <source>Set seed of segment %1 to %2</source>
        <translation>Seed von Segment %1 auf %2 setzen</translation>
    </message>
    <message>
        <source>Set grid of segment %1 to %2 x %3</source>
        <translation>Raster von Segment %1 auf %2 × %3 setzen</translation>
    </message>
    <message>
        <source>Edit X axis of segment %1</source>
        <translation>X-Achse von Segment %1 bearbeiten</translation>
    </message>
    <message>
        <source>Edit Y axis of segment %1</source>
        <translation>Y-Achse von Segment %1 bearbeiten</translation>
    </message>
    <message>
        <source>segment %1 no longer exists</source>
        <translation>Segment %1 existiert nicht mehr</translation>
    </message>
    <message numerus="yes">
        <source>a %1 x %2 grid would delete %n generated cell(s) of segment %3; reject or regenerate them in the grid browser first</source>
        <translation>
            <numerusform>ein %1 × %2-Raster würde %n generierte Zelle von Segment %3 löschen; verwerfen oder generieren Sie sie zuerst im Rasterbrowser neu</numerusform>
            <numerusform>ein %1 × %2-Raster würde %n generierte Zellen von Segment %3 löschen; verwerfen oder generieren Sie sie zuerst im Rasterbrowser neu</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit camera of segment %1</source>
        <translation>Kamera von Segment %1 bearbeiten</translation>
    </message>
    <message>
        <source>Morph between the cells of segment %1</source>
        <translation>Zwischen den Zellen von Segment %1 morphen</translation>
    </message>
    <message>
        <source>Dissolve between the cells of segment %1</source>
        <translation>Zwischen den Zellen von Segment %1 überblenden</translation>
    </message>
</context>
<context>
    <name>tessera::StudioActions</name>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>Tap Timing</source>
        <translation>Tap-Timing</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>Wiedergabe</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Ansicht</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hilfe</translation>
    </message>
    <message>
        <source>Grid browser</source>
        <translation>Raster-Browser</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>Viewer</translation>
    </message>
    <message>
        <source>Perform Live (console and output)</source>
        <translation>Live spielen (Konsole und Ausgabe)</translation>
    </message>
    <message>
        <source>&amp;New Project from Song...</source>
        <translation>&amp;Neues Projekt aus Song …</translation>
    </message>
    <message>
        <source>Create a project from a song and its lyrics</source>
        <translation>Ein Projekt aus einem Song und seinem Liedtext erstellen</translation>
    </message>
    <message>
        <source>New &amp;Empty Project...</source>
        <translation>Neues &amp;leeres Projekt …</translation>
    </message>
    <message>
        <source>&amp;Open Project...</source>
        <translation>Projekt ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>&amp;Export Video...</source>
        <translation>Video &amp;exportieren …</translation>
    </message>
    <message>
        <source>Render the music video to a file</source>
        <translation>Das Musikvideo in eine Datei rendern</translation>
    </message>
    <message>
        <source>Import &amp;Lyrics...</source>
        <translation>Liedtext &amp;importieren …</translation>
    </message>
    <message>
        <source>Replace the timeline with the lines of a lyrics file</source>
        <translation>Die Zeitleiste durch die Zeilen einer Liedtextdatei ersetzen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Fit Song</source>
        <translation>Song ein&amp;passen</translation>
    </message>
    <message>
        <source>&amp;Split at Playhead</source>
        <translation>Am Abspielkopf &amp;teilen</translation>
    </message>
    <message>
        <source>&amp;Merge with Next</source>
        <translation>Mit nächstem zusa&amp;mmenführen</translation>
    </message>
    <message>
        <source>&amp;Rename Lyric...</source>
        <translation>Liedzeile &amp;umbenennen …</translation>
    </message>
    <message>
        <source>Snap to &amp;Beats</source>
        <translation>An &amp;Beats ausrichten</translation>
    </message>
    <message>
        <source>&amp;Tap Timing</source>
        <translation>T&amp;ap-Timing</translation>
    </message>
    <message>
        <source>Play the song and press Return at the start of each line, Shift+Return at its end, Backspace to take back a tap, Escape to apply</source>
        <translation>Spielt den Song ab: Eingabe am Anfang jeder Zeile, Umschalt+Eingabe an ihrem Ende, Rücktaste nimmt einen Tap zurück, Esc übernimmt</translation>
    </message>
    <message>
        <source>Mark the start of the next line</source>
        <translation>Den Anfang der nächsten Zeile markieren</translation>
    </message>
    <message>
        <source>Mark the end of the line</source>
        <translation>Das Ende der Zeile markieren</translation>
    </message>
    <message>
        <source>Take back the last tap</source>
        <translation>Den letzten Tap zurücknehmen</translation>
    </message>
    <message>
        <source>Apply the taps</source>
        <translation>Die Taps übernehmen</translation>
    </message>
    <message>
        <source>Play/Pause</source>
        <translation>Wiedergabe/Pause</translation>
    </message>
    <message>
        <source>Play or pause the song</source>
        <translation>Den Song abspielen oder anhalten</translation>
    </message>
    <message>
        <source>Shuttle Backwards</source>
        <translation>Shuttle rückwärts</translation>
    </message>
    <message>
        <source>Play backwards; press again to go faster</source>
        <translation>Rückwärts abspielen; erneut drücken für schneller</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop where the playhead is</source>
        <translation>An der Position des Abspielkopfs anhalten</translation>
    </message>
    <message>
        <source>Shuttle Forwards</source>
        <translation>Shuttle vorwärts</translation>
    </message>
    <message>
        <source>Play forwards; press again for 2x and 4x</source>
        <translation>Vorwärts abspielen; erneut drücken für 2x und 4x</translation>
    </message>
    <message>
        <source>Previous Frame</source>
        <translation>Vorheriges Bild</translation>
    </message>
    <message>
        <source>Next Frame</source>
        <translation>Nächstes Bild</translation>
    </message>
    <message>
        <source>Loop Selected Segment</source>
        <translation>Ausgewähltes Segment in Schleife</translation>
    </message>
    <message>
        <source>Play the selected segment over and over</source>
        <translation>Das ausgewählte Segment immer wieder abspielen</translation>
    </message>
    <message>
        <source>&amp;Perform Live…</source>
        <translation>&amp;Live spielen …</translation>
    </message>
    <message>
        <source>Play the project&apos;s grids live, driven by an audio input, on a second screen</source>
        <translation>Die Raster des Projekts live abspielen, gesteuert von einem Audioeingang, auf einem zweiten Bildschirm</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>Layout &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Open &amp;Demo Project</source>
        <translation>&amp;Demoprojekt öffnen</translation>
    </message>
    <message>
        <source>&amp;About Tessera</source>
        <translation>&amp;Über Tessera</translation>
    </message>
    <message>
        <source>Reject the selected cells, or accept them again</source>
        <translation>Die ausgewählten Zellen ablehnen oder wieder annehmen</translation>
    </message>
    <message>
        <source>Lock or unlock the selected cells</source>
        <translation>Die ausgewählten Zellen sperren oder entsperren</translation>
    </message>
    <message>
        <source>Regenerate the selected cells</source>
        <translation>Die ausgewählten Zellen neu generieren</translation>
    </message>
    <message>
        <source>Repair the selected cells from their neighbours</source>
        <translation>Die ausgewählten Zellen aus ihren Nachbarn reparieren</translation>
    </message>
    <message>
        <source>Next suspect cell</source>
        <translation>Nächste verdächtige Zelle</translation>
    </message>
    <message>
        <source>Suspects first, or grid order</source>
        <translation>Verdächtige zuerst oder Rasterreihenfolge</translation>
    </message>
    <message>
        <source>Show or hide the neighbours&apos; similarity</source>
        <translation>Ähnlichkeit der Nachbarn ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Next compare mode</source>
        <translation>Nächster Vergleichsmodus</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>An Fenster anpassen</translation>
    </message>
    <message>
        <source>Actual pixels</source>
        <translation>Originalpixel</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Exposure up a quarter stop</source>
        <translation>Belichtung eine Viertelblende heller</translation>
    </message>
    <message>
        <source>Exposure down a quarter stop</source>
        <translation>Belichtung eine Viertelblende dunkler</translation>
    </message>
    <message>
        <source>Exposure up a stop</source>
        <translation>Belichtung eine Blende heller</translation>
    </message>
    <message>
        <source>Exposure down a stop</source>
        <translation>Belichtung eine Blende dunkler</translation>
    </message>
    <message>
        <source>Gamma up</source>
        <translation>Gamma erhöhen</translation>
    </message>
    <message>
        <source>Gamma down</source>
        <translation>Gamma verringern</translation>
    </message>
    <message>
        <source>Reset exposure and gamma</source>
        <translation>Belichtung und Gamma zurücksetzen</translation>
    </message>
    <message>
        <source>Show clipping</source>
        <translation>Clipping anzeigen</translation>
    </message>
    <message>
        <source>Compare: flip between the two</source>
        <translation>Vergleich: zwischen beiden umschalten</translation>
    </message>
    <message>
        <source>Compare: split view</source>
        <translation>Vergleich: geteilte Ansicht</translation>
    </message>
    <message>
        <source>Follow the timeline from the segment&apos;s start</source>
        <translation>Der Timeline ab dem Anfang des Segments folgen</translation>
    </message>
    <message>
        <source>Hold the segment on screen</source>
        <translation>Das Segment auf dem Bildschirm halten</translation>
    </message>
    <message>
        <source>Previous segment</source>
        <translation>Vorheriges Segment</translation>
    </message>
    <message>
        <source>Next segment</source>
        <translation>Nächstes Segment</translation>
    </message>
    <message>
        <source>Jump to segment 1–9</source>
        <translation>Zu Segment 1–9 springen</translation>
    </message>
    <message>
        <source>Nudge the timeline by -0.1 s</source>
        <translation>Zeitleiste um -0,1 s verschieben</translation>
    </message>
    <message>
        <source>Nudge the timeline by +0.1 s</source>
        <translation>Zeitleiste um +0,1 s verschieben</translation>
    </message>
    <message>
        <source>Leave full screen, then close the output</source>
        <translation>Vollbild verlassen, dann die Ausgabe schließen</translation>
    </message>
</context>
<context>
    <name>tessera::StudioMain</name>
    <message>
        <source>Tessera studio</source>
        <translation>Tessera-Studio</translation>
    </message>
    <message>
        <source>A .tessera project to open.</source>
        <translation>Ein zu öffnendes .tessera-Projekt.</translation>
    </message>
    <message>
        <source>Show the studio in this language for this run (%1), whatever the preferences say.</source>
        <translation>Das Studio bei diesem Start in dieser Sprache anzeigen (%1), unabhängig von den Einstellungen.</translation>
    </message>
    <message>
        <source>Open the project with the default layout, save the window as PNG once the preview and the timeline have painted, print the opening times and quit.</source>
        <translation>Das Projekt mit dem Standardlayout öffnen, das Fenster als PNG speichern, sobald Vorschau und Timeline gezeichnet sind, die Öffnungszeiten ausgeben und beenden.</translation>
    </message>
    <message>
        <source>With --screenshot: the playhead&apos;s position in seconds (default 0).</source>
        <translation>Mit --screenshot: die Position des Abspielkopfs in Sekunden (Standard 0).</translation>
    </message>
    <message>
        <source>With --screenshot: the window&apos;s size (default 1600x1000).</source>
        <translation>Mit --screenshot: die Fenstergröße (Standard 1600x1000).</translation>
    </message>
    <message>
        <source>With --screenshot: raise this panel first (gridDock, generationDock, viewerDock, promptDock, tesseractDock).</source>
        <translation>Mit --screenshot: zuerst dieses Panel nach vorn holen (gridDock, generationDock, viewerDock, promptDock, tesseractDock).</translation>
    </message>
    <message>
        <source>With --screenshot: save the Export Video dialog instead of the window.</source>
        <translation>Mit --screenshot: statt des Fensters den Dialog „Video exportieren“ speichern.</translation>
    </message>
</context>
<context>
    <name>tessera::TesseractView</name>
    <message>
        <source>Drag to orbit · Ctrl+drag to pan · Wheel to zoom · Double-click to reset</source>
        <translation>Ziehen: kreisen · Strg+Ziehen: verschieben · Mausrad: zoomen · Doppelklick: zurücksetzen</translation>
    </message>
    <message>
        <source>Qt Quick draws with its software renderer here: the 3D scene needs OpenGL</source>
        <translation>Qt Quick zeichnet hier mit dem Software-Renderer: die 3D-Szene braucht OpenGL</translation>
    </message>
    <message>
        <source>instrumental</source>
        <translation>Instrumentalteil</translation>
    </message>
    <message>
        <source>%1   segment %2 of %3   %4</source>
        <translation>%1   Segment %2 von %3   %4</translation>
    </message>
</context>
<context>
    <name>tessera::TimelineView</name>
    <message>
        <source>Timeline: Ctrl+wheel or +/- to zoom, \ to fit the song, S to split at the playhead, M to merge with the next segment, F2 to edit a lyric, N to toggle snapping to beats.</source>
        <translation>Timeline: Strg+Mausrad oder +/- zum Zoomen, \ zeigt den ganzen Song, S teilt am Abspielkopf, M führt mit dem nächsten Segment zusammen, F2 bearbeitet eine Liedzeile, N schaltet das Ausrichten an Beats um.</translation>
    </message>
    <message>
        <source>Lyric (empty: instrumental)</source>
        <translation>Liedzeile (leer: instrumental)</translation>
    </message>
    <message>
        <source>low</source>
        <translation>Tiefen</translation>
    </message>
    <message>
        <source>mid</source>
        <translation>Mitten</translation>
    </message>
    <message>
        <source>high</source>
        <translation>Höhen</translation>
    </message>
    <message>
        <source>onset</source>
        <translation>Transienten</translation>
    </message>
    <message>
        <source>frame %1</source>
        <translation>Bild %1</translation>
    </message>
    <message>
        <source>instrumental</source>
        <translation>Instrumentalteil</translation>
    </message>
    <message>
        <source>  (snapped to beat)</source>
        <translation>  (am Beat ausgerichtet)</translation>
    </message>
    <message>
        <source>snap off (N)</source>
        <translation>Ausrichten aus (N)</translation>
    </message>
    <message>
        <source>Tap timing: every line is tapped. Esc applies the timing.</source>
        <translation>Tap-Timing: Alle Zeilen sind getappt. Esc übernimmt das Timing.</translation>
    </message>
    <message>
        <source>Tap timing — Enter: start of &quot;%1&quot;</source>
        <translation>Tap-Timing – Eingabe: Anfang von „%1“</translation>
    </message>
    <message>
        <source>Shift+Enter or E: end of the current line · Backspace: take back the last tap · Esc: apply (%1 of %2 lines)</source>
        <translation>Umschalt+Eingabe oder E: Ende der aktuellen Zeile · Rücktaste: letzten Tap zurücknehmen · Esc: übernehmen (%1 von %2 Zeilen)</translation>
    </message>
</context>
<context>
    <name>tessera::VersionStrip</name>
    <message>
        <source>No versions yet</source>
        <translation>Noch keine Versionen</translation>
    </message>
    <message>
        <source>v%1 • active</source>
        <translation>v%1 • aktiv</translation>
    </message>
    <message>
        <source>v%1</source>
        <translation>v%1</translation>
    </message>
    <message>
        <source>Version %1: seed %2, %3 steps, %4 ms
Click: make active · Ctrl+click: compare</source>
        <translation>Version %1: Seed %2, %3 Schritte, %4 ms
Klick: aktivieren · Strg+Klick: vergleichen</translation>
    </message>
</context>
<context>
    <name>tessera::ViewerPanel</name>
    <message>
        <source>Clipping</source>
        <translation>Clipping</translation>
    </message>
    <message>
        <source> stops</source>
        <translation> Blenden</translation>
    </message>
    <message>
        <source>Viewer exposure on top of the cell&apos;s grade ( ] and [ nudge by 1/4 stop, } and { by 1 stop)</source>
        <translation>Viewer-Belichtung zusätzlich zum Grading der Zelle ( ] und [ ändern um 1/4 Blende, } und { um 1 Blende)</translation>
    </message>
    <message>
        <source>Viewer gamma ( &apos; and ; nudge by 0.1)</source>
        <translation>Viewer-Gamma ( &apos; und ; ändern um 0,1)</translation>
    </message>
    <message>
        <source>Mark clipped highlights red and crushed shadows blue (C)</source>
        <translation>Abgeschnittene Lichter rot und abgesoffene Schatten blau markieren (C)</translation>
    </message>
    <message>
        <source>No compare</source>
        <translation>Kein Vergleich</translation>
    </message>
    <message>
        <source>A/B toggle</source>
        <translation>A/B-Umschaltung</translation>
    </message>
    <message>
        <source>Split wipe</source>
        <translation>Geteilte Ansicht</translation>
    </message>
    <message>
        <source>Compare with the B cell (Tab toggles, S splits)</source>
        <translation>Mit der B-Zelle vergleichen (Tab schaltet um, S teilt)</translation>
    </message>
    <message>
        <source>Cell A</source>
        <translation>Zelle A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Exposure</source>
        <translation>Belichtung</translation>
    </message>
    <message>
        <source>Gamma</source>
        <translation>Gamma</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Segment %1, cell %2,%3</source>
        <translation>Segment %1, Zelle %2,%3</translation>
    </message>
    <message>
        <source>Cell A, version %1 (%2)</source>
        <translation>Zelle A, Version %1 (%2)</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>Version %1</translation>
    </message>
</context>
</TS>
