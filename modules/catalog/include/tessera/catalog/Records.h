#pragma once

#include "tessera/core/Version.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace tessera {

//! The life of a persistent job in the catalog's queue.
enum class JobState { Queued, Running, Paused, Done, Failed, Cancelled };

QString jobStateName(JobState state);
std::optional<JobState> jobStateFromName(const QString& name);

//! A queued piece of long work (generate a grid, export), journalled so it survives a crash.
struct Job
{
    qint64 id = 0;
    QString kind;          //!< "generate", "export", ...
    QJsonObject payload;   //!< what to do, in the kind's own terms
    JobState state = JobState::Queued;
    qint64 doneUnits = 0;  //!< e.g. cells generated so far
    qint64 totalUnits = 0;
    QString error;         //!< why it failed, when it did
    QDateTime created;
    QDateTime updated;

    double progress() const { return totalUnits > 0 ? double(doneUnits) / totalUnits : 0.0; }
};

//! One export of the video, kept as history.
struct ExportRecord
{
    qint64 id = 0;
    QString path;
    QString preset;
    QJsonObject settings;
    JobState state = JobState::Running;
    QString error;
    QDateTime started;
    QDateTime finished;
};

//! An extra audio file aligned to the song; it only drives features, the export plays the mix.
struct Stem
{
    qint64 id = 0;
    QString name; //!< unique within the project: "drums", "bass", "vocals"...
    QString path; //!< relative to the project file when possible
    QString hash; //!< content hash, to re-link and to key cached analysis
};

//! The result of Catalog::checkIntegrity(): empty problems means consistent.
struct IntegrityReport
{
    QStringList problems;
    bool isOk() const { return problems.isEmpty(); }
};

//! A cell with what a grid view shows of it, read for a whole grid in one query.
struct CellOverview
{
    Cell cell;
    int versionCount = 0;
    int activeVersionNumber = 0; //!< the active version's place in the history, from 1; 0 without
    int activeWidth = 0;         //!< the active version's image size; 0 without
    int activeHeight = 0;
    QJsonObject activeRecipe;    //!< the active version's recipe; empty without
    QByteArray signature;        //!< VersionPreview::signature of the active version; empty without
};

} // namespace tessera
