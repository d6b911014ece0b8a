#pragma once

#include "tessera/core/ProjectSettings.h"

#include <QObject>
#include <QStringList>

namespace tessera {

class BackgroundTask;

//! What the New Project dialog asks for.
struct NewProjectRequest
{
    QString path;       //!< the .tessera file to create
    QString songPath;   //!< any audio FFmpeg reads (required)
    QString lyricsPath; //!< LRC, SRT or text; empty: one instrumental segment
    ProjectSettings settings;
};

//! Creates a project from a song and lyrics as a BackgroundTask (decoding and analysing a song
//! takes seconds to minutes), with progress and cancel. The worker opens its own catalog
//! connection and closes it before finished(), so the GUI then opens the finished file.
class ProjectCreationJob : public QObject
{
    Q_OBJECT
public:
    explicit ProjectCreationJob(NewProjectRequest request, QObject* parent = nullptr);
    ~ProjectCreationJob() override;

    void start();
    //! Asks the worker to stop at its next progress report; it then fails with "cancelled".
    void cancel();
    const NewProjectRequest& request() const { return m_request; }

Q_SIGNALS:
    //! fraction in [0, 1] of the song's analysis (emitted from the GUI thread).
    void progressed(double fraction);
    void finished(const QString& path, const QStringList& report);
    void failed(const QString& message);

private:
    NewProjectRequest m_request;
    BackgroundTask* m_task = nullptr;
};

} // namespace tessera
