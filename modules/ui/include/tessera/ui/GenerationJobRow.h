#pragma once

#include "tessera/studio/GenerationQueue.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace tessera {

class ElidedLabel;

//! One job of the generation queue panel: segment and state, a progress bar, cells done/total
//! and time left, why it failed or made nothing (wrapped on a line of its own), pause/resume
//! and cancel. Long titles and cell lists end in "…" and never widen the dock.
class GenerationJobRow : public QWidget
{
    Q_OBJECT
public:
    explicit GenerationJobRow(QWidget* parent = nullptr);

    //! Shows job (called again as it progresses).
    void setJob(const QueuedJob& job);
    qint64 jobId() const { return m_jobId; }
    QProgressBar* progressBar() const { return m_bar; }
    QString cellsText() const;
    QString etaText() const;
    //! Why the job failed or made nothing, empty otherwise.
    QString noteText() const;
    QString stateLabelText() const;
    QToolButton* pauseButton() const { return m_pause; }
    QToolButton* cancelButton() const { return m_cancel; }

    //! What a job from the grid is for ("Repair 1,2 · ", "Cells 0,0 0,1 · "); empty for a grid.
    static QString whatText(const QueuedJob& job);

    //! "3 s", "1 min 20 s", "1 h 05 min": how long a job still needs.
    static QString formatDuration(double seconds);

Q_SIGNALS:
    void pauseRequested(qint64 jobId);
    void resumeRequested(qint64 jobId);
    void cancelRequested(qint64 jobId);

private:
    QString stateText(const QueuedJob& job) const;

    qint64 m_jobId = 0;
    bool m_resumable = false;
    ElidedLabel* m_title = nullptr;
    QLabel* m_state = nullptr;
    QProgressBar* m_bar = nullptr;
    ElidedLabel* m_cells = nullptr;
    QLabel* m_eta = nullptr;
    QLabel* m_note = nullptr;
    QToolButton* m_pause = nullptr;
    QToolButton* m_cancel = nullptr;
};

} // namespace tessera
