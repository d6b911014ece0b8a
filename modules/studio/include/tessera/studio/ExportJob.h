#pragma once

#include "tessera/render/ProjectExport.h"

#include <QObject>
#include <QString>
#include <QVector>

#include <atomic>

namespace tessera {

class BackgroundTask;

//! A named starting point for an export: format, size and encoder settings.
struct ExportPreset
{
    QString name;       //!< shown to the artist (translated)
    ExportFormat format = ExportFormat::H264Mp4;
    int width = 0;      //!< 0: the project's size
    int height = 0;
    int crf = 18;
    QString x264Preset = QStringLiteral("medium");
    QString suffix;     //!< the output's extension ("" for a PNG folder)
};

//! Web 1080p, 4K UHD, ProRes 422 for editing, PNG sequence.
QVector<ExportPreset> exportPresets();

//! Runs exportProject as a BackgroundTask with progress, ETA and cancel; the worker opens its own
//! catalog connection, so the studio stays usable while it renders.
class ExportJob : public QObject
{
    Q_OBJECT
public:
    explicit ExportJob(ProjectExportRequest request, QObject* parent = nullptr);
    ~ExportJob() override; //!< cancels and waits

    void start();
    void cancel();
    bool isRunning() const;
    const ProjectExportRequest& request() const { return m_request; }

Q_SIGNALS:
    void progressed(qint64 framesDone, qint64 frameCount, double framesPerSecond, double etaSeconds);
    void finished(const QString& outputPath, double elapsedSeconds, double framesPerSecond);
    void failed(const QString& message, bool cancelled);

private:
    ProjectExportRequest m_request;
    BackgroundTask* m_task = nullptr;
    std::atomic<qint64> m_lastReported{-1};
};

} // namespace tessera
