#pragma once

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace tessera {

class GenerationQueue;
class GenerationJobRow;
class ModelPickerModel;

//! The generation queue panel: one row per grid job with its segment, a progress bar, cells
//! done/total, the time left, and pause/resume and cancel buttons; above them the model and
//! the model picker and buttons that queue the selected segment's grid or every segment's. It only presents and
//! forwards: the GenerationQueue runs the jobs on its worker thread.
class GenerationQueuePanel : public QWidget
{
    Q_OBJECT
public:
    explicit GenerationQueuePanel(GenerationQueue& queue, QWidget* parent = nullptr);

    //! The row showing a job (null when none), for tests and screenshots.
    GenerationJobRow* rowFor(qint64 jobId) const { return m_rows.value(jobId); }
    QPushButton* generateSegmentButton() const { return m_generateSegment; }
    QPushButton* generateAllButton() const { return m_generateAll; }
    QPushButton* pauseAllButton() const { return m_pauseAll; }
    QPushButton* cancelAllButton() const { return m_cancelAll; }
    //! The model picker (null until setModelPicker): the surveyed models, then "Browse…".
    QComboBox* modelPicker() const { return m_picker; }
    //! Shows the model picker over `picker` (the studio's ModelPickerModel, which outlives the panel).
    void setModelPicker(ModelPickerModel* picker);

public Q_SLOTS:
    //! The segment "Generate segment" queues (the timeline's selection); 0 disables it.
    void setSegment(qint64 segmentId, int segmentNumber = 0);

private:
    void syncRows();
    void updateRow(qint64 jobId);
    void updateHeader();
    //! "bf16" or "float32": what new jobs compute in here (the queue's precision, "auto" resolved)
    QString computedPrecision() const;
    void syncPicker();
    void pickerActivated(int index);

    GenerationQueue& m_queue;
    qint64 m_segmentId = 0;
    int m_segmentNumber = 0;
    QLabel* m_model = nullptr;
    ModelPickerModel* m_pickerModel = nullptr;
    QComboBox* m_picker = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_empty = nullptr;
    QPushButton* m_generateSegment = nullptr;
    QPushButton* m_generateAll = nullptr;
    QPushButton* m_pauseAll = nullptr;
    QPushButton* m_cancelAll = nullptr;
    QVBoxLayout* m_rowLayout = nullptr;
    QHash<qint64, GenerationJobRow*> m_rows;
};

} // namespace tessera
