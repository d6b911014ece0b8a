#pragma once

// What the reliability tests compare before and after a process is killed or starved: every
// version (with a hash of its image), every cell's state and active version, the segment grades
// and the jobs, read through the real catalog opened read-only.

#include "tessera/catalog/Catalog.h"

#include <QCryptographicHash>
#include <QHash>
#include <QMap>

namespace tessera::testing {

struct ProjectState
{
    QVector<Segment> segments;
    QMap<qint64, Cell> cells;              //!< by cell id
    QMap<qint64, qint64> versionCell;      //!< version id -> its cell
    QMap<qint64, QByteArray> versionHash;  //!< version id -> SHA-256 of its PNG
    QMap<qint64, Grade> segmentGrades;     //!< by segment id
    QVector<Job> jobs;

    static ProjectState read(const QString& path)
    {
        const auto catalog = Catalog::open(path, Catalog::Access::ReadOnly);
        ProjectState state;
        state.segments = catalog->segments();
        for (const Segment& segment : state.segments) {
            state.segmentGrades.insert(segment.id, catalog->grade(GradeScope::Segment, segment.id));
            for (const Cell& cell : catalog->cells(segment.id)) {
                state.cells.insert(cell.id, cell);
                for (const Version& version : catalog->versions(cell.id)) {
                    state.versionCell.insert(version.id, cell.id);
                    state.versionHash.insert(version.id,
                        QCryptographicHash::hash(catalog->versionImage(version.id), QCryptographicHash::Sha256));
                }
            }
        }
        state.jobs = catalog->jobs();
        return state;
    }

    int versionsOf(qint64 cellId) const
    {
        int count = 0;
        for (auto it = versionCell.cbegin(); it != versionCell.cend(); ++it)
            count += it.value() == cellId ? 1 : 0;
        return count;
    }

    int cellsIn(CellState wanted) const
    {
        int count = 0;
        for (const Cell& cell : cells)
            count += cell.state == wanted ? 1 : 0;
        return count;
    }

    //! Cells a plain generate would still take (empty, queued, rejected, or left generating).
    int pendingCells() const
    {
        return cellsIn(CellState::Empty) + cellsIn(CellState::Queued) + cellsIn(CellState::Rejected)
            + cellsIn(CellState::Generating);
    }

    int unfinishedJobs() const
    {
        int count = 0;
        for (const Job& job : jobs)
            count += job.state == JobState::Queued || job.state == JobState::Running ? 1 : 0;
        return count;
    }
};

} // namespace tessera::testing
