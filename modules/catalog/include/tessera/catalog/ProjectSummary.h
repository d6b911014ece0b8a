#pragma once

#include "tessera/core/CellState.h"
#include "tessera/core/ProjectSettings.h"
#include "tessera/core/Segment.h"

#include <QJsonObject>
#include <QMap>
#include <QVector>

namespace tessera {

class Catalog;

//! A segment as scripts read it (`info --json`, `segment --json`): id, times, lyric, prompt,
//! seed, grid, axes and transition.
QJsonObject segmentJson(const Segment& segment);

//! What a person or a script wants to know of a project at a glance; shown by the studio's
//! summary and by `tessera-cli info`.
struct ProjectSummary
{
    QString path;
    int schemaVersion = 0;
    ProjectSettings settings;
    QVector<Segment> segments;
    QMap<CellState, int> cellsByState;
    int cellCount = 0;
    int versionCount = 0;
    int jobCount = 0;
    int exportCount = 0;

    static ProjectSummary of(const Catalog& catalog);

    //! Song duration covered by segments, in ms (end of the last segment).
    qint64 timelineEndMs() const;
    QJsonObject toJson() const;
    //! A few lines of plain text for terminals and the studio's summary panel.
    QString toText() const;
};

} // namespace tessera
