#include "tessera/ui/GenerationJobRow.h"

#include "ElidedLabel.h"

#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>

#include <cmath>

namespace tessera {

GenerationJobRow::GenerationJobRow(QWidget* parent)
    : QWidget(parent)
    , m_title(new ElidedLabel(this))
    , m_state(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cells(new ElidedLabel(this))
    , m_eta(new QLabel(this))
    , m_note(new QLabel(this))
    , m_pause(new QToolButton(this))
    , m_cancel(new QToolButton(this))
{
    setAttribute(Qt::WA_StyledBackground);
    setObjectName(QStringLiteral("generationJobRow"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setMinimumWidth(80); // long lyrics end in "…", the buttons stay
    m_state->setForegroundRole(QPalette::PlaceholderText);
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(false);
    m_bar->setFixedHeight(8);
    m_cells->setForegroundRole(QPalette::PlaceholderText);
    m_eta->setForegroundRole(QPalette::PlaceholderText);
    m_eta->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // A failure's reason or why nothing was made is read whole: wrapped on a line of its own,
    // never widening the dock.
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    m_note->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_note->hide();
    m_pause->setAutoRaise(true);
    m_cancel->setAutoRaise(true);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Cancel this job (the cells already generated are kept)"));

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->setHorizontalSpacing(8);
    layout->setVerticalSpacing(3);
    layout->addWidget(m_title, 0, 0);
    layout->addWidget(m_state, 0, 1, Qt::AlignRight);
    layout->addWidget(m_pause, 0, 2, 3, 1, Qt::AlignVCenter);
    layout->addWidget(m_cancel, 0, 3, 3, 1, Qt::AlignVCenter);
    layout->addWidget(m_bar, 1, 0, 1, 2);
    layout->addWidget(m_cells, 2, 0);
    layout->addWidget(m_eta, 2, 1);
    layout->addWidget(m_note, 3, 0, 1, 2);
    layout->setColumnStretch(0, 1);

    connect(m_pause, &QToolButton::clicked, this, [this] {
        if (m_resumable)
            Q_EMIT resumeRequested(m_jobId);
        else
            Q_EMIT pauseRequested(m_jobId);
    });
    connect(m_cancel, &QToolButton::clicked, this, [this] { Q_EMIT cancelRequested(m_jobId); });
}

QString GenerationJobRow::formatDuration(double seconds)
{
    const qint64 total = qint64(std::ceil(std::max(0.0, seconds)));
    if (total < 60)
        return tr("%1 s").arg(total);
    if (total < 3600)
        return tr("%1 min %2 s").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(total / 3600).arg((total % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString GenerationJobRow::stateText(const QueuedJob& job) const
{
    if (job.farm && !job.isFinished()) {
        if (job.cellsTotal > 0 && job.cellsDone >= job.cellsTotal)
            return tr("On the farm \u00b7 merging");
        const int left = int(job.farmUnfinishedTasks.size());
        return left == 1 ? tr("On the farm \u00b7 1 task to finish") : tr("On the farm \u00b7 %1 tasks to finish").arg(left);
    }
    switch (job.state) {
    case JobState::Queued:
        if (job.jobsAhead == 1)
            return tr("Queued \u00b7 1 job ahead");
        if (job.jobsAhead > 1)
            return tr("Queued \u00b7 %1 jobs ahead").arg(job.jobsAhead);
        return tr("Queued \u00b7 next");
    case JobState::Running:
        return job.runningHere ? tr("Generating") : tr("Generating in another process");
    case JobState::Paused:
        return tr("Paused");
    case JobState::Done:
        return tr("Done");
    case JobState::Failed:
        return tr("Failed");
    case JobState::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

void GenerationJobRow::setJob(const QueuedJob& job)
{
    m_jobId = job.jobId;
    const QString lyric = job.segmentLyric.trimmed().isEmpty() ? tr("instrumental") : job.segmentLyric.trimmed();
    if (job.farm)
        m_title->setFullText(job.farmTasks == 1 ? tr("Slurm farm \u2014 1 task") : tr("Slurm farm \u2014 %1 tasks").arg(job.farmTasks));
    else
        m_title->setFullText(job.segmentNumber > 0 ? tr("Segment %1 \u2014 %2").arg(job.segmentNumber).arg(lyric)
                                                   : tr("Removed segment"));
    m_state->setText(stateText(job));
    m_state->setToolTip(job.farm ? tr("Job %1 \u00b7 stop or re-run it with tessera-cli farm status / resubmit").arg(job.jobId)
                                 : tr("Job %1").arg(job.jobId));
    m_bar->setValue(int(std::lround(job.fraction() * 1000)));
    m_cells->setFullText(whatText(job) + tr("%1 of %2 cells").arg(job.cellsDone).arg(job.cellsTotal));
    if (job.state == JobState::Running && job.etaSeconds >= 0)
        m_eta->setText(tr("%1 left").arg(formatDuration(job.etaSeconds)));
    else
        m_eta->clear();
    // Why it failed, or why it made nothing.
    const bool noted = job.state == JobState::Failed || (job.state == JobState::Done && !job.error.isEmpty());
    m_note->setText(noted ? job.error : QString());
    m_note->setVisible(noted);

    // Paused and cancelled jobs resume; a job run by another process is stopped there, a farm's
    // on its cluster.
    if (job.farm) {
        m_resumable = false;
        m_pause->setVisible(false);
        m_cancel->setVisible(false);
        return;
    }
    m_resumable = job.state == JobState::Paused || job.state == JobState::Cancelled;
    const bool open = job.state == JobState::Queued || job.state == JobState::Running;
    const bool ours = job.state != JobState::Running || job.runningHere;
    m_pause->setVisible(m_resumable || open);
    m_pause->setEnabled(ours);
    m_pause->setText(m_resumable ? tr("Resume") : tr("Pause"));
    m_pause->setToolTip(m_resumable ? tr("Resume: generate the cells still missing") : tr("Pause this job"));
    m_cancel->setVisible(open || job.state == JobState::Paused);
    m_cancel->setEnabled(ours);
}

QString GenerationJobRow::whatText(const QueuedJob& job)
{
    // "Repair 1,2 · " / "Cells 0,0 0,1 · ": which cells a job from the grid is for; nothing for a
    // whole grid.
    if (job.farm)
        return QString();
    if (job.cells.isEmpty())
        return job.repair ? tr("Repair \u00b7 ") : QString();
    QStringList names;
    for (const CellIndex& cell : job.cells.mid(0, 4))
        names << QStringLiteral("%1,%2").arg(cell.row).arg(cell.col);
    if (job.cells.size() > 4)
        names << QStringLiteral("\u2026");
    return (job.repair ? tr("Repair %1") : tr("Cells %1")).arg(names.join(QLatin1Char(' '))) + QStringLiteral(" \u00b7 ");
}

QString GenerationJobRow::cellsText() const
{
    return m_cells->fullText();
}

QString GenerationJobRow::noteText() const
{
    return m_note->text();
}

QString GenerationJobRow::stateLabelText() const
{
    return m_state->text();
}

QString GenerationJobRow::etaText() const
{
    return m_eta->text();
}

} // namespace tessera
