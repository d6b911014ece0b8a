#include "tessera/ui/ProjectSummaryView.h"

#include "tessera/catalog/ProjectSummary.h"
#include "tessera/core/TimeFormat.h"

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

QString ProjectSummaryView::stateText(CellState state)
{
    switch (state) {
    case CellState::Empty:
        return tr("empty");
    case CellState::Queued:
        return tr("queued");
    case CellState::Generating:
        return tr("generating");
    case CellState::Done:
        return tr("done");
    case CellState::Rejected:
        return tr("rejected");
    case CellState::Locked:
        return tr("locked");
    }
    return {};
}

QString ProjectSummaryView::detailsText(const ProjectSummary& summary)
{
    // ProjectSummary::toText() is the CLI's (English, for scripts); the studio's says the same in
    // the artist's language.
    const ProjectSettings& settings = summary.settings;
    QString text;
    text += tr("File:      %1 (schema %2)").arg(summary.path).arg(summary.schemaVersion) + QLatin1Char('\n');
    text += tr("Output:    %1x%2 at %3 fps").arg(settings.width).arg(settings.height).arg(settings.frameRate.toString()) + QLatin1Char('\n');
    text += tr("Song:      %1").arg(settings.audioPath.isEmpty() ? tr("(none)") : settings.audioPath) + QLatin1Char('\n');
    text += tr("Model:     %1").arg(settings.model.isEmpty() ? tr("(bundled default)") : settings.model) + QLatin1Char('\n');
    if (!settings.stylePrompt.isEmpty())
        text += tr("Style:     %1").arg(settings.stylePrompt) + QLatin1Char('\n');
    QStringList states;
    for (auto it = summary.cellsByState.cbegin(); it != summary.cellsByState.cend(); ++it)
        states << QStringLiteral("%1 %2").arg(it.value()).arg(stateText(it.key()));
    text += tr("Segments:  %1, ending at %2").arg(summary.segments.size()).arg(formatSongTime(summary.timelineEndMs())) + QLatin1Char('\n');
    text += tr("Cells:     %1%2, %3 versions")
                .arg(summary.cellCount)
                .arg(states.isEmpty() ? QString() : QStringLiteral(" (") + states.join(QStringLiteral(", ")) + QLatin1Char(')'))
                .arg(summary.versionCount)
        + QLatin1Char('\n');
    // Numbered by place in timeline order, as every panel says them.
    for (int number = 1; number <= summary.segments.size(); ++number) {
        const Segment& segment = summary.segments[number - 1];
        text += QStringLiteral("  %1  %2-%3  %4x%5  %6\n")
                    .arg(number, 3)
                    .arg(formatSongTime(segment.range.startMs), formatSongTime(segment.range.endMs))
                    .arg(segment.grid.rows())
                    .arg(segment.grid.cols())
                    .arg(segment.isInstrumental() ? tr("(instrumental)") : segment.lyric);
    }
    return text;
}

void ProjectSummaryView::showSummary(const ProjectSummary& summary)
{
    m_title->setText(summary.settings.name.isEmpty() ? tr("Untitled project") : summary.settings.name);
    m_details->setPlainText(detailsText(summary));
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
