#pragma once

#include <QKeySequence>
#include <QList>
#include <QString>
#include <QStyle>
#include <QVector>

class QAction;
class QKeyEvent;
class QObject;

namespace tessera {

//! Where an action's keys work.
enum class ActionContext {
    Window,      //!< anywhere in the main window (a real QAction shortcut)
    Timeline,    //!< the timeline, when it has focus (it reads the keys itself)
    TapTiming,   //!< the timeline while tap timing runs
    GridBrowser, //!< the grid browser, when it has focus
    CellViewer,  //!< the colour viewer, when it has focus
    Perform,     //!< the perform console and its output window
};

//! One command of the studio as the user meets it: in a menu, under a key, in a tooltip and in
//! Help > Keyboard Shortcuts. The table of these is the one place a key is given to a command.
//! Model: MuseScore's UiAction tables (playbackuiactions.cpp).
struct ActionDefinition
{
    const char* id; //!< stable and unique; also the QAction's object name
    ActionContext context;
    const char* group;       //!< the menu or panel it belongs to, untranslated ("File")
    const char* title;       //!< untranslated, with its & mnemonic ("&Export Video...")
    const char* description; //!< untranslated status tip and tooltip; may be empty
    QList<QKeySequence> keys;
    QStyle::StandardPixmap icon = QStyle::SP_CustomBase; //!< SP_CustomBase: none
    bool checkable = false;
};

//! Every action of the studio, in menu order.
const QVector<ActionDefinition>& studioActions();
//! The action with this id; a programming error (abort) when there is none.
const ActionDefinition& studioAction(const char* id);

//! Translated texts of an action, from the table's context "tessera::StudioActions".
QString actionTitle(const ActionDefinition& action);      //!< with its & mnemonic
QString actionPlainTitle(const ActionDefinition& action); //!< without it
QString actionGroup(const ActionDefinition& action);
QString actionDescription(const ActionDefinition& action);
//! The action's keys as the platform writes them, joined by ", ".
QString actionKeys(const ActionDefinition& action);

//! A QAction made from the table (text, keys, tips, icon, checkable, object name). A
//! Window action gets its keys as shortcuts; another context's action names its keys after a tab
//! in its text only, as the widget it belongs to reads them itself.
QAction* createAction(const char* id, QObject* parent);
//! The same, onto an action made elsewhere (the undo group's, the player's).
void applyAction(QAction* action, const char* id);

//! True when a key event is one of the action's keys. Shift counts for letters, digits and named
//! keys; for a symbol it is ignored, as layouts need it to type one ('+' is Shift+= on many).
bool isActionKey(const QKeyEvent& event, const char* id);
//! The id of the action of this context whose keys the event is, or nullptr.
const char* actionForKey(const QKeyEvent& event, ActionContext context);

} // namespace tessera
