#include "tessera/ui/ProjectSummaryView.h"

#include "tessera/catalog/ProjectSummary.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace tessera {

ProjectSummaryView::ProjectSummaryView(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_details(new QPlainTextEdit(this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_details, 1);
    showNoProject();
}

void ProjectSummaryView::showSummary(const ProjectSummary& summary)
{
    m_title->setText(summary.settings.name.isEmpty() ? tr("Untitled project") : summary.settings.name);
    m_details->setPlainText(summary.toText());
}

void ProjectSummaryView::showNoProject()
{
    m_title->setText(tr("No project open"));
    m_details->setPlainText(tr("Create a project with File > New, or open one with File > Open."));
}

QString ProjectSummaryView::summaryText() const
{
    return m_title->text() + QLatin1Char('\n') + m_details->toPlainText();
}

} // namespace tessera
