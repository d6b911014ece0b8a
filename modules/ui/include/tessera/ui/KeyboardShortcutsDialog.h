#pragma once

#include <QDialog>
#include <QString>
#include <QVector>

class QMenuBar;
class QLineEdit;
class QTreeWidget;

namespace tessera {

//! One shortcut as the user meets it: where (the menu path), what, and the keys.
struct ShortcutEntry
{
    QString menu;   //!< "Playback", "File > Open Recent"
    QString action; //!< the action's text without its & and key label
    QString keys;   //!< as the platform writes them, e.g. "Ctrl+Shift+P"
};

//! Every shortcut of a menu bar's menus, in menu order: the actions' own shortcuts, and the keys
//! that menus only name after a tab (the timeline's, which the timeline handles itself).
QVector<ShortcutEntry> shortcutsOf(const QMenuBar& menuBar);

//! Help > Keyboard Shortcuts: every shortcut in one place, grouped by menu, with a filter.
class KeyboardShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    KeyboardShortcutsDialog(const QVector<ShortcutEntry>& entries, QWidget* parent = nullptr);

private:
    void filter(const QString& text);

    QLineEdit* m_filter = nullptr;
    QTreeWidget* m_tree = nullptr;
};

} // namespace tessera
