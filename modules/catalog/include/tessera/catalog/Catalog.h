#pragma once

#include "tessera/catalog/CatalogError.h"
#include "tessera/catalog/Records.h"
#include "tessera/catalog/VersionPreview.h"
#include "tessera/core/Grade.h"
#include "tessera/core/ProjectSettings.h"
#include "tessera/core/RenderSettings.h"
#include "tessera/core/Segment.h"
#include "tessera/core/Version.h"

#include <QVector>
#include <functional>
#include <memory>
#include <optional>

namespace tessera {

//! A Tessera project: one SQLite file (*.tessera) holding the timeline, prompts, grids, every
//! generated version with its recipe, grades, the job queue and the export history.
//!
//! Every write runs in a transaction: it lands whole or not at all, so a crash at any instant
//! leaves the file consistent. Errors are thrown as CatalogError naming the file.
//! A Catalog is used from one thread at a time; other processes may open the same file.
class Catalog
{
public:
    static constexpr int kSchemaVersion = 7;            //!< the schema this build writes
    static constexpr qint32 kApplicationId = 0x54535352; //!< "TSSR" in PRAGMA application_id

    enum class Access { ReadWrite, ReadOnly };

    //! Creates a new project at path, which must not exist or be an empty file.
    static std::unique_ptr<Catalog> create(const QString& path, const ProjectSettings& settings = {});
    //! Opens an existing project, migrating an older schema. A file that is not a Tessera
    //! project, or was written by a newer schema, is refused without being changed.
    //! ReadWrite on a project whose file or folder cannot be written (a read-only medium, a
    //! locked file) opens it read-only instead: readOnlyNotice() says why, and writes throw.
    static std::unique_ptr<Catalog> open(const QString& path, Access access = Access::ReadWrite);
    //! Why the project's file or folder cannot be written ("the folder /media/x is not writable
    //! (Read-only file system)"), or empty when both can.
    static QString writeProblem(const QString& path);

    ~Catalog();
    Catalog(const Catalog&) = delete;
    Catalog& operator=(const Catalog&) = delete;

    QString path() const;
    int schemaVersion() const;
    bool isReadOnly() const;
    //! Set when open() was asked for ReadWrite but fell back to read-only: a sentence for the
    //! user ("PATH: opened read-only: the folder ... is not writable (...); changes cannot be
    //! saved"). Empty otherwise, also when ReadOnly was asked for.
    QString readOnlyNotice() const;
    //! SQLite's PRAGMA data_version: changes when another connection (another Catalog object,
    //! another process) commits to the file, never for this object's own writes. A cheap poll
    //! (no file I/O) that tells a view to re-read after a worker or the CLI wrote.
    qint64 dataVersion() const;

    //! Runs work as one all-or-nothing write: if it throws, nothing it wrote remains and the
    //! exception propagates. Nests (inner calls become savepoints).
    void transact(const std::function<void()>& work);

    // Project settings
    ProjectSettings settings() const;
    void setSettings(const ProjectSettings& settings);
    //! How frames are composed for preview and export (fit, the video's display, captions).
    RenderSettings renderSettings() const;
    void setRenderSettings(const RenderSettings& settings);

    // Segments, ordered by start time. Adding a segment creates its grid's empty cells;
    // changing the grid size adds and removes cells to match.
    QVector<Segment> segments() const;
    std::optional<Segment> segment(qint64 segmentId) const;
    qint64 addSegment(const Segment& segment);
    void updateSegment(const Segment& segment);
    void removeSegment(qint64 segmentId);
    //! Makes the stored timeline equal to segments in one transaction: segments with id 0 are
    //! added, those with a stored id updated, stored ones not in the list removed (with their
    //! cells). Returns the list with every id filled in. Used to persist timeline edits.
    QVector<Segment> syncSegments(const QVector<Segment>& segments);
    //! Gives the segment the grid `grid` in one transaction, moving each cell named as a move's
    //! `from` to its `to` with its state, versions and grades (a refined grid spreads its cells
    //! apart); every other cell is deleted with its versions, and the positions nothing moved to
    //! get new empty cells. Fails naming the problem for an unknown segment, a move from a cell
    //! the grid lacks, two moves from or to one cell, or a move outside `grid`.
    void regridSegment(qint64 segmentId, const GridGeometry& grid, const QVector<CellMove>& moves);

    // Cells and their versions
    QVector<Cell> cells(qint64 segmentId) const;
    std::optional<Cell> cell(qint64 segmentId, CellIndex index) const;
    std::optional<Cell> cellById(qint64 cellId) const;
    void setCellState(qint64 cellId, CellState state);
    //! Stores a generated image and makes it the cell's active version (the cell becomes done,
    //! a locked cell stays locked). Returns the new version's id. Its preview is made from the
    //! image, or taken as given when the caller copies a stored version with its preview (a
    //! merge: the shard's was made from the same bytes), which saves decoding the image again.
    qint64 addVersion(const Version& version, const VersionPreview& preview = {});
    void setActiveVersion(qint64 cellId, qint64 versionId);
    //! The cell's versions, oldest first, without their image bytes.
    QVector<Version> versions(qint64 cellId) const;
    QByteArray versionImage(qint64 versionId) const;
    //! The version's preview PNG (VersionPreview, at most 128 px a side), made when it was stored;
    //! for a version stored before schema 5, made now from its image (and not stored).
    QByteArray versionPreview(qint64 versionId) const;
    //! The version's stored preview and signature; null for a version stored before schema 5.
    VersionPreview storedPreview(qint64 versionId) const;
    //! Every cell of the segment, row-major, with its history's size, its active version's size,
    //! recipe and signature: what a grid view needs, in one query instead of one per cell.
    QVector<CellOverview> cellOverviews(qint64 segmentId) const;
    //! The stored optical flow from one version's image to another's (motion's encoded form), or
    //! empty when none is stored (or the project predates schema 6).
    QByteArray cellFlow(qint64 fromVersionId, qint64 toVersionId) const;
    //! Stores (or replaces) the flow between two versions.
    void storeCellFlow(qint64 fromVersionId, qint64 toVersionId, const QByteArray& flow);
    //! The version's image upscaled `scale` times by `network` (a PNG), or empty when none is
    //! stored (or the project predates schema 7).
    QByteArray versionUpscale(qint64 versionId, int scale, const QString& network) const;
    //! Stores (or replaces) an upscale of the version's image.
    void storeVersionUpscale(qint64 versionId, int scale, const QString& network, const QByteArray& png);

    // Grades (an identity grade removes the stored row)
    Grade grade(GradeScope scope, qint64 ownerId = 0) const;
    void setGrade(GradeScope scope, qint64 ownerId, const Grade& grade);
    //! Project, segment and cell grades combined for one cell.
    Grade effectiveGrade(qint64 cellId) const;

    // The persistent job queue
    qint64 enqueueJob(const QString& kind, const QJsonObject& payload, qint64 totalUnits = 0);
    std::optional<Job> job(qint64 jobId) const;
    QVector<Job> jobs() const;
    void setJobProgress(qint64 jobId, qint64 doneUnits, qint64 totalUnits);
    void setJobState(qint64 jobId, JobState state, const QString& error = {});
    //! Jobs left Running by a crashed process go back to Queued; returns how many.
    int requeueInterruptedJobs();

    // Stems: extra audio files aligned to the song (drums, bass, vocals) that can drive features
    QVector<Stem> stems() const;
    qint64 addStem(const Stem& stem);
    void updateStem(const Stem& stem);
    void removeStem(qint64 stemId);

    //! Analysis results cached by the audio file's content hash and the analysis parameters'
    //! key, so reopening a project does not re-analyse.
    std::optional<QByteArray> cachedAnalysis(const QString& audioHash, const QString& key) const;
    void storeAnalysis(const QString& audioHash, const QString& key, const QByteArray& data);

    // Export history
    qint64 beginExport(const QString& path, const QString& preset, const QJsonObject& settings);
    void finishExport(qint64 exportId, JobState state, const QString& error = {});
    QVector<ExportRecord> exports() const;

    //! SQLite's own integrity and foreign-key checks plus Tessera's invariants.
    IntegrityReport checkIntegrity() const;

private:
    struct Private;
    explicit Catalog(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace tessera
