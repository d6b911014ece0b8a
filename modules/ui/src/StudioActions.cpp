#include "tessera/ui/StudioActions.h"

#include <QAction>
#include <QApplication>
#include <QCoreApplication>
#include <QKeyEvent>
#include <QRegularExpression>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace tessera {

namespace {

constexpr char kContext[] = "tessera::StudioActions";

QList<QKeySequence> keys(std::initializer_list<QKeySequence> list)
{
    return QList<QKeySequence>(list);
}

QList<QKeySequence> preferenceKeys()
{
    // The platform's key where it has one; Ctrl+, everywhere (Qt gives none on a plain X11
    // session, so the documented key did nothing there).
    QList<QKeySequence> list = QKeySequence::keyBindings(QKeySequence::Preferences);
    if (!list.contains(QKeySequence(Qt::CTRL | Qt::Key_Comma)))
        list.prepend(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    return list;
}

QVector<ActionDefinition> buildTable()
{
    using C = ActionContext;
    const char* file = QT_TRANSLATE_NOOP("tessera::StudioActions", "File");
    const char* edit = QT_TRANSLATE_NOOP("tessera::StudioActions", "Edit");
    const char* timeline = QT_TRANSLATE_NOOP("tessera::StudioActions", "Timeline");
    const char* tap = QT_TRANSLATE_NOOP("tessera::StudioActions", "Tap Timing");
    const char* playback = QT_TRANSLATE_NOOP("tessera::StudioActions", "Playback");
    const char* view = QT_TRANSLATE_NOOP("tessera::StudioActions", "View");
    const char* help = QT_TRANSLATE_NOOP("tessera::StudioActions", "Help");
    const char* grid = QT_TRANSLATE_NOOP("tessera::StudioActions", "Grid browser");
    const char* viewer = QT_TRANSLATE_NOOP("tessera::StudioActions", "Viewer");
    const char* perform = QT_TRANSLATE_NOOP("tessera::StudioActions", "Perform Live (console and output)");
    return {
        {"newProjectAction", C::Window, file, QT_TRANSLATE_NOOP("tessera::StudioActions", "&New Project from Song..."),
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Create a project from a song and its lyrics"),
            keys({QKeySequence::New})},
        {"newEmptyProjectAction", C::Window, file, QT_TRANSLATE_NOOP("tessera::StudioActions", "New &Empty Project..."),
            "", {}},
        {"openProjectAction", C::Window, file, QT_TRANSLATE_NOOP("tessera::StudioActions", "&Open Project..."), "",
            keys({QKeySequence::Open})},
        {"exportAction", C::Window, file, QT_TRANSLATE_NOOP("tessera::StudioActions", "&Export Video..."),
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Render the music video to a file"),
            keys({QKeySequence(Qt::CTRL | Qt::Key_E)})},
        {"importLyricsAction", C::Window, file, QT_TRANSLATE_NOOP("tessera::StudioActions", "Import &Lyrics..."),
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Replace the timeline with the lines of a lyrics file"),
            keys({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L)})},
        {"quitAction", C::Window, file, QT_TRANSLATE_NOOP("tessera::StudioActions", "&Quit"), "",
            keys({QKeySequence::Quit})},
        {"undoAction", C::Window, edit, QT_TRANSLATE_NOOP("tessera::StudioActions", "&Undo"), "",
            keys({QKeySequence::Undo})},
        {"redoAction", C::Window, edit, QT_TRANSLATE_NOOP("tessera::StudioActions", "&Redo"), "",
            keys({QKeySequence::Redo})},
        {"preferencesAction", C::Window, edit, QT_TRANSLATE_NOOP("tessera::StudioActions", "&Preferences..."), "",
            preferenceKeys()},
        {"zoomInAction", C::Timeline, timeline, QT_TRANSLATE_NOOP("tessera::StudioActions", "Zoom &In"), "",
            keys({QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)})},
        {"zoomOutAction", C::Timeline, timeline, QT_TRANSLATE_NOOP("tessera::StudioActions", "Zoom &Out"), "",
            keys({QKeySequence(Qt::Key_Minus), QKeySequence(Qt::Key_Underscore)})},
        {"fitSongAction", C::Timeline, timeline, QT_TRANSLATE_NOOP("tessera::StudioActions", "&Fit Song"), "",
            keys({QKeySequence(Qt::Key_Backslash), QKeySequence(Qt::SHIFT | Qt::Key_Z)})},
        {"splitAction", C::Timeline, timeline, QT_TRANSLATE_NOOP("tessera::StudioActions", "&Split at Playhead"), "",
            keys({QKeySequence(Qt::Key_S)})},
        {"mergeAction", C::Timeline, timeline, QT_TRANSLATE_NOOP("tessera::StudioActions", "&Merge with Next"), "",
            keys({QKeySequence(Qt::Key_M)})},
        {"renameAction", C::Timeline, timeline, QT_TRANSLATE_NOOP("tessera::StudioActions", "&Rename Lyric..."), "",
            keys({QKeySequence(Qt::Key_F2)})},
        {"snapAction", C::Timeline, timeline, QT_TRANSLATE_NOOP("tessera::StudioActions", "Snap to &Beats"), "",
            keys({QKeySequence(Qt::Key_N)}), QStyle::SP_CustomBase, true},
        {"tapTimingAction", C::Window, timeline, QT_TRANSLATE_NOOP("tessera::StudioActions", "&Tap Timing"),
            QT_TRANSLATE_NOOP("tessera::StudioActions",
                "Play the song and press Return at the start of each line, Shift+Return at its end, Backspace to take "
                "back a tap, Escape to apply"),
            keys({QKeySequence(Qt::CTRL | Qt::Key_T)}), QStyle::SP_CustomBase, true},
        {"tapStartAction", C::TapTiming, tap,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Mark the start of the next line"), "",
            keys({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)})},
        {"tapEndAction", C::TapTiming, tap, QT_TRANSLATE_NOOP("tessera::StudioActions", "Mark the end of the line"), "",
            keys({QKeySequence(Qt::SHIFT | Qt::Key_Return), QKeySequence(Qt::SHIFT | Qt::Key_Enter),
                QKeySequence(Qt::Key_E)})},
        {"tapUndoAction", C::TapTiming, tap, QT_TRANSLATE_NOOP("tessera::StudioActions", "Take back the last tap"), "",
            keys({QKeySequence(Qt::Key_Backspace)})},
        {"tapApplyAction", C::TapTiming, tap, QT_TRANSLATE_NOOP("tessera::StudioActions", "Apply the taps"), "",
            keys({QKeySequence(Qt::Key_Escape)})},
        {"playPauseAction", C::Window, playback, QT_TRANSLATE_NOOP("tessera::StudioActions", "Play/Pause"),
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Play or pause the song"), keys({QKeySequence(Qt::Key_Space)}),
            QStyle::SP_MediaPlay, true},
        {"shuttleBackAction", C::Window, playback, QT_TRANSLATE_NOOP("tessera::StudioActions", "Shuttle Backwards"),
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Play backwards; press again to go faster"),
            keys({QKeySequence(Qt::Key_J)}), QStyle::SP_MediaSeekBackward},
        {"stopAction", C::Window, playback, QT_TRANSLATE_NOOP("tessera::StudioActions", "Stop"),
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Stop where the playhead is"), keys({QKeySequence(Qt::Key_K)}),
            QStyle::SP_MediaStop},
        {"shuttleForwardAction", C::Window, playback, QT_TRANSLATE_NOOP("tessera::StudioActions", "Shuttle Forwards"),
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Play forwards; press again for 2x and 4x"),
            keys({QKeySequence(Qt::Key_L)}), QStyle::SP_MediaSeekForward},
        {"previousFrameAction", C::Window, playback, QT_TRANSLATE_NOOP("tessera::StudioActions", "Previous Frame"), "",
            keys({QKeySequence(Qt::Key_Left)}), QStyle::SP_MediaSkipBackward},
        {"nextFrameAction", C::Window, playback, QT_TRANSLATE_NOOP("tessera::StudioActions", "Next Frame"), "",
            keys({QKeySequence(Qt::Key_Right)}), QStyle::SP_MediaSkipForward},
        {"loopAction", C::Window, playback, QT_TRANSLATE_NOOP("tessera::StudioActions", "Loop Selected Segment"),
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Play the selected segment over and over"),
            keys({QKeySequence(Qt::CTRL | Qt::Key_Slash)}), QStyle::SP_BrowserReload, true},
        {"performAction", C::Window, playback, QT_TRANSLATE_NOOP("tessera::StudioActions", "&Perform Live…"),
            QT_TRANSLATE_NOOP("tessera::StudioActions",
                "Play the project's grids live, driven by an audio input, on a second screen"),
            keys({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)})},
        {"resetLayoutAction", C::Window, view, QT_TRANSLATE_NOOP("tessera::StudioActions", "&Reset Layout"), "", {}},
        {"keyboardShortcutsAction", C::Window, help, QT_TRANSLATE_NOOP("tessera::StudioActions", "&Keyboard Shortcuts"),
            "", keys({QKeySequence::HelpContents})},
        {"openDemoAction", C::Window, help, QT_TRANSLATE_NOOP("tessera::StudioActions", "Open &Demo Project"), "", {}},
        {"aboutAction", C::Window, help, QT_TRANSLATE_NOOP("tessera::StudioActions", "&About Tessera"), "", {}},
        {"gridRejectAction", C::GridBrowser, grid,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Reject the selected cells, or accept them again"), "",
            keys({QKeySequence(Qt::Key_R)})},
        {"gridLockAction", C::GridBrowser, grid,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Lock or unlock the selected cells"), "",
            keys({QKeySequence(Qt::Key_L)})},
        {"gridRegenerateAction", C::GridBrowser, grid,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Regenerate the selected cells"), "",
            keys({QKeySequence(Qt::Key_G)})},
        {"gridRepairAction", C::GridBrowser, grid,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Repair the selected cells from their neighbours"), "",
            keys({QKeySequence(Qt::SHIFT | Qt::Key_G)})},
        {"gridNextSuspectAction", C::GridBrowser, grid,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Next suspect cell"), "", keys({QKeySequence(Qt::Key_N)})},
        {"gridSuspectsFirstAction", C::GridBrowser, grid,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Suspects first, or grid order"), "",
            keys({QKeySequence(Qt::Key_S)})},
        {"gridSimilarityAction", C::GridBrowser, grid,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Show or hide the neighbours' similarity"), "",
            keys({QKeySequence(Qt::Key_M)})},
        {"gridCompareAction", C::GridBrowser, grid, QT_TRANSLATE_NOOP("tessera::StudioActions", "Next compare mode"),
            "", keys({QKeySequence(Qt::Key_C)})},
        {"viewerFitAction", C::CellViewer, viewer, QT_TRANSLATE_NOOP("tessera::StudioActions", "Fit to window"), "",
            keys({QKeySequence(Qt::Key_F)})},
        {"viewerActualPixelsAction", C::CellViewer, viewer,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Actual pixels"), "", keys({QKeySequence(Qt::Key_1)})},
        {"viewerZoomInAction", C::CellViewer, viewer, QT_TRANSLATE_NOOP("tessera::StudioActions", "Zoom in"), "",
            keys({QKeySequence(Qt::CTRL | Qt::Key_Plus), QKeySequence(Qt::CTRL | Qt::Key_Equal)})},
        {"viewerZoomOutAction", C::CellViewer, viewer, QT_TRANSLATE_NOOP("tessera::StudioActions", "Zoom out"), "",
            keys({QKeySequence(Qt::CTRL | Qt::Key_Minus)})},
        {"viewerExposureUpAction", C::CellViewer, viewer,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Exposure up a quarter stop"), "",
            keys({QKeySequence(Qt::Key_BracketRight)})},
        {"viewerExposureDownAction", C::CellViewer, viewer,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Exposure down a quarter stop"), "",
            keys({QKeySequence(Qt::Key_BracketLeft)})},
        {"viewerStopUpAction", C::CellViewer, viewer, QT_TRANSLATE_NOOP("tessera::StudioActions", "Exposure up a stop"),
            "", keys({QKeySequence(Qt::Key_BraceRight)})},
        {"viewerStopDownAction", C::CellViewer, viewer,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Exposure down a stop"), "",
            keys({QKeySequence(Qt::Key_BraceLeft)})},
        {"viewerGammaUpAction", C::CellViewer, viewer, QT_TRANSLATE_NOOP("tessera::StudioActions", "Gamma up"), "",
            keys({QKeySequence(Qt::Key_Apostrophe)})},
        {"viewerGammaDownAction", C::CellViewer, viewer, QT_TRANSLATE_NOOP("tessera::StudioActions", "Gamma down"), "",
            keys({QKeySequence(Qt::Key_Semicolon)})},
        {"viewerResetAction", C::CellViewer, viewer,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Reset exposure and gamma"), "",
            keys({QKeySequence(Qt::Key_Backspace)})},
        {"viewerClippingAction", C::CellViewer, viewer, QT_TRANSLATE_NOOP("tessera::StudioActions", "Show clipping"),
            "", keys({QKeySequence(Qt::Key_C)})},
        {"viewerToggleAction", C::CellViewer, viewer,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Compare: flip between the two"), "",
            keys({QKeySequence(Qt::Key_Tab)})},
        {"viewerSplitAction", C::CellViewer, viewer, QT_TRANSLATE_NOOP("tessera::StudioActions", "Compare: split view"),
            "", keys({QKeySequence(Qt::Key_S)})},
        {"performStartAction", C::Perform, perform,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Follow the timeline from the segment's start"), "",
            keys({QKeySequence(Qt::Key_Space)})},
        {"performHoldAction", C::Perform, perform,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Hold the segment on screen"), "",
            keys({QKeySequence(Qt::Key_H)})},
        {"performPreviousAction", C::Perform, perform, QT_TRANSLATE_NOOP("tessera::StudioActions", "Previous segment"),
            "", keys({QKeySequence(Qt::Key_Left)})},
        {"performNextAction", C::Perform, perform, QT_TRANSLATE_NOOP("tessera::StudioActions", "Next segment"), "",
            keys({QKeySequence(Qt::Key_Right)})},
        {"performSegmentAction", C::Perform, perform,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Jump to segment 1–9"), "",
            keys({QKeySequence(Qt::Key_1), QKeySequence(Qt::Key_2), QKeySequence(Qt::Key_3), QKeySequence(Qt::Key_4),
                QKeySequence(Qt::Key_5), QKeySequence(Qt::Key_6), QKeySequence(Qt::Key_7), QKeySequence(Qt::Key_8),
                QKeySequence(Qt::Key_9)})},
        {"performNudgeBackAction", C::Perform, perform,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Nudge the timeline by -0.1 s"), "",
            keys({QKeySequence(Qt::Key_Comma)})},
        {"performNudgeForwardAction", C::Perform, perform,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Nudge the timeline by +0.1 s"), "",
            keys({QKeySequence(Qt::Key_Period)})},
        {"performEscapeAction", C::Perform, perform,
            QT_TRANSLATE_NOOP("tessera::StudioActions", "Leave full screen, then close the output"), "",
            keys({QKeySequence(Qt::Key_Escape)})},
    };
}

QString translated(const char* text)
{
    return text && *text ? QCoreApplication::translate(kContext, text) : QString();
}

bool isSymbol(int key)
{
    return key > Qt::Key_Space && key < 0x80 && !QChar(key).isLetterOrNumber();
}

bool matches(const QKeyEvent& event, const QKeySequence& sequence)
{
    if (sequence.isEmpty())
        return false;
    const QKeyCombination wanted = sequence[0];
    if (event.key() != wanted.key())
        return false;
    Qt::KeyboardModifiers held = event.modifiers() & ~Qt::KeypadModifier;
    Qt::KeyboardModifiers needed = wanted.keyboardModifiers();
    if (isSymbol(wanted.key())) {
        held &= ~Qt::ShiftModifier;
        needed &= ~Qt::ShiftModifier;
    }
    return held == needed;
}

} // namespace

const QVector<ActionDefinition>& studioActions()
{
    static const QVector<ActionDefinition> table = buildTable();
    return table;
}

const ActionDefinition& studioAction(const char* id)
{
    for (const ActionDefinition& action : studioActions()) {
        if (std::strcmp(action.id, id) == 0)
            return action;
    }
    std::fprintf(stderr, "tessera: no studio action '%s'\n", id);
    std::abort();
}

QString actionTitle(const ActionDefinition& action)
{
    return translated(action.title);
}

QString actionPlainTitle(const ActionDefinition& action)
{
    return actionTitle(action).remove(QRegularExpression(QStringLiteral("&(?!&)")));
}

QString actionGroup(const ActionDefinition& action)
{
    return translated(action.group);
}

QString actionDescription(const ActionDefinition& action)
{
    return translated(action.description);
}

QString actionKeys(const ActionDefinition& action)
{
    QStringList names;
    for (const QKeySequence& sequence : action.keys)
        names << sequence.toString(QKeySequence::NativeText);
    return names.join(QStringLiteral(", "));
}

QAction* createAction(const char* id, QObject* parent)
{
    auto* action = new QAction(parent);
    applyAction(action, id);
    return action;
}

void applyAction(QAction* action, const char* id)
{
    const ActionDefinition& definition = studioAction(id);
    action->setObjectName(QString::fromLatin1(definition.id));
    QString text = actionTitle(definition);
    if (definition.context == ActionContext::Window)
        action->setShortcuts(definition.keys);
    else if (!definition.keys.isEmpty())
        text += QLatin1Char('\t') + definition.keys.constFirst().toString(QKeySequence::NativeText);
    action->setText(text);
    const QString description = actionDescription(definition);
    if (!description.isEmpty()) {
        action->setStatusTip(description);
        const QString keyNames = actionKeys(definition);
        action->setToolTip(keyNames.isEmpty() ? description : QStringLiteral("%1 (%2)").arg(description, keyNames));
    }
    action->setCheckable(definition.checkable);
    if (definition.icon != QStyle::SP_CustomBase && action->icon().isNull()
        && qobject_cast<QApplication*>(QCoreApplication::instance()))
        action->setIcon(QApplication::style()->standardIcon(definition.icon));
}

bool isActionKey(const QKeyEvent& event, const char* id)
{
    const ActionDefinition& definition = studioAction(id);
    for (const QKeySequence& sequence : definition.keys) {
        if (matches(event, sequence))
            return true;
    }
    return false;
}

const char* actionForKey(const QKeyEvent& event, ActionContext context)
{
    for (const ActionDefinition& action : studioActions()) {
        if (action.context != context)
            continue;
        for (const QKeySequence& sequence : action.keys) {
            if (matches(event, sequence))
                return action.id;
        }
    }
    return nullptr;
}

} // namespace tessera
