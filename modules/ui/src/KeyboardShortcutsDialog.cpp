#include "tessera/ui/KeyboardShortcutsDialog.h"

#include "tessera/ui/StudioActions.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tessera {

QVector<ShortcutEntry> studioShortcuts()
{
    QVector<ShortcutEntry> entries;
    for (const ActionDefinition& action : studioActions()) {
        if (!action.keys.isEmpty())
            entries.append({actionGroup(action), actionPlainTitle(action), actionKeys(action)});
    }
    return entries;
}

KeyboardShortcutsDialog::KeyboardShortcutsDialog(QWidget* parent)
    : QDialog(parent)
{
    const QVector<ShortcutEntry> entries = studioShortcuts();
    setWindowTitle(tr("Keyboard Shortcuts"));
    setObjectName(QStringLiteral("keyboardShortcutsDialog"));
    auto* layout = new QVBoxLayout(this);
    m_filter = new QLineEdit;
    m_filter->setPlaceholderText(tr("Filter by action or key, e.g. export or ctrl+e"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);
    m_tree = new QTreeWidget;
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Action"), tr("Keys")});
    m_tree->setRootIsDecorated(true);
    QTreeWidgetItem* group = nullptr;
    for (const ShortcutEntry& entry : entries) {
        if (!group || group->text(0) != entry.menu) { // the table keeps a group's actions together
            group = new QTreeWidgetItem(m_tree, {entry.menu});
            group->setFirstColumnSpanned(true);
            QFont bold = group->font(0);
            bold.setBold(true);
            group->setFont(0, bold);
        }
        new QTreeWidgetItem(group, {entry.action, entry.keys});
    }
    m_tree->expandAll();
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    layout->addWidget(m_tree, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_filter, &QLineEdit::textChanged, this, &KeyboardShortcutsDialog::filter);
    resize(720, 700);
}

void KeyboardShortcutsDialog::filter(const QString& text)
{
    const QString needle = text.trimmed();
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        int shown = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* item = group->child(i);
            const bool match = needle.isEmpty() || item->text(0).contains(needle, Qt::CaseInsensitive)
                || item->text(1).contains(needle, Qt::CaseInsensitive) || group->text(0).contains(needle, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match;
        }
        group->setHidden(shown == 0);
    }
}

} // namespace tessera
