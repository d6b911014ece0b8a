#pragma once

#include "tessera/render/ProjectExport.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace tessera {

class ExportJob;

//! Export: a preset (web 1080p, 4K, ProRes for editing, PNG sequence), size, frame rate, range
//! (whole song, the selected segment or custom), captions, AI upscaling of small cells and the
//! output path; then progress
//! with ETA and Cancel on a worker thread, and "Show in Folder" when done. The project is read
//! through the export's own catalog connection; the history records every attempt.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    //! songSeconds bounds the range; selection is the selected segment's [start, end) in seconds
    //! (an empty range disables "Selected segment"). projectSize is the project's output size.
    ExportDialog(const QString& projectPath, double songSeconds, QSize projectSize, const FrameRate& projectRate,
        std::pair<double, double> selection, QWidget* parent = nullptr);
    ~ExportDialog() override;

    //! What Export would run with the fields as they are.
    ProjectExportRequest request() const;
    void setOutputPath(const QString& path);
    void setRange(double startSeconds, double endSeconds);
    void setPreset(int index);
    void setSize(int width, int height);
    //! The ESRGAN network the export upscales small cells with (RenderSettings::upscale; empty:
    //! none), and what runs it: without one (a build without libtorch) the choice is off and
    //! greyed out, and the export uses only the upscales the project already holds.
    void setUpscale(const QString& network, const CellUpscaler& upscaler);
    bool isExporting() const;

public Q_SLOTS:
    void startExport();
    void cancelExport();

Q_SIGNALS:
    //! The export finished and its file (or folder) is at path.
    void exported(const QString& path);
    void exportFailed(const QString& message, bool cancelled);

protected:
    void reject() override; //!< Escape / Close cancels a running export first

private:
    void presetChosen(int index);
    void rangeModeChosen(int index);
    void setBusy(bool busy);

    QString m_projectPath;
    double m_songSeconds = 0.0;
    QSize m_projectSize;
    FrameRate m_projectRate;
    std::pair<double, double> m_selection;
    QComboBox* m_preset = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QComboBox* m_fps = nullptr;
    QComboBox* m_rangeMode = nullptr;
    QDoubleSpinBox* m_start = nullptr;
    QDoubleSpinBox* m_end = nullptr;
    QCheckBox* m_captions = nullptr;
    QComboBox* m_upscale = nullptr;
    CellUpscaler m_upscaler;
    QLineEdit* m_output = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_exportButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QPushButton* m_revealButton = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    std::unique_ptr<ExportJob> m_job;
    QString m_lastOutput;
};

} // namespace tessera
