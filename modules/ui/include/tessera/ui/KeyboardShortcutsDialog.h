#pragma once

#include <QDialog>
#include <QString>
#include <QVector>

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

//! Every key of the studio's action table (StudioActions), in its order, grouped by menu or panel.
QVector<ShortcutEntry> studioShortcuts();

//! Help > Keyboard Shortcuts: every shortcut in one place, grouped by menu, with a filter.
class KeyboardShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit KeyboardShortcutsDialog(QWidget* parent = nullptr);

private:
    void filter(const QString& text);

    QLineEdit* m_filter = nullptr;
    QTreeWidget* m_tree = nullptr;
};

} // namespace tessera
