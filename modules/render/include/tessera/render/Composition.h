#pragma once

#include "tessera/audio/AudioAnalysis.h"
#include "tessera/audio/Progress.h"
#include "tessera/core/Grade.h"
#include "tessera/core/GridGeometry.h"
#include "tessera/core/ProjectSettings.h"
#include "tessera/core/RenderSettings.h"
#include "tessera/core/Segment.h"

#include <QByteArray>
#include <QString>
#include <QVector>

#include <functional>
#include <map>

namespace tessera {

class Catalog;

//! One cell as the compositor needs it: which image is active and the grade it is seen through.
struct CompositionCell
{
    CellIndex index;
    qint64 versionId = 0; //!< the active version; 0 when the cell has no image to show
    Grade grade;          //!< project, segment and cell grades combined
};

//! A segment and its cells.
struct CompositionSegment
{
    Segment segment;
    QVector<CompositionCell> cells; //!< row-major, one per grid position
    const CompositionCell* cellAt(CellIndex index) const;
};

//! Everything that decides the frames, read from a project once: the same Composition always
//! gives the same frames. A plain value, so the preview and the exporter share it.
struct Composition
{
    ProjectSettings project;
    RenderSettings render;
    QVector<CompositionSegment> segments;     //!< in timeline order
    std::map<QString, AudioAnalysis> analyses; //!< by source: "" the song, else a stem's name
    double songSeconds = 0.0;
    QString songPath; //!< the song file in use (absolute; relinked when it moved)

    //! The analysis an axis follows (the song's when the stem is unknown), or nullptr.
    const AudioAnalysis* analysis(const QString& source) const;
    //! The beats of the song (for beat-aligned crossfades).
    std::vector<double> beatTimes() const;
};

//! Reads a project's composition: settings, segments, every cell's active version and combined
//! grade, and the analyses its axes follow (from the catalog's cache, computed when missing).
//! Throws CatalogError, ProjectError (a missing song) or AudioError.
Composition loadComposition(Catalog& catalog, const ProgressCallback& progress = {});

//! Fetches a version's PNG bytes; the compositor calls it from the thread that composes.
using CellImageLoader = std::function<QByteArray(qint64 versionId)>;

} // namespace tessera
