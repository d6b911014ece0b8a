#pragma once

// A small real project for the studio's panel tests: a 4-second click-track song linked and
// analysed by the project module, two segments (the first with a generated 1x2 grid of a black
// and a white cell whose X axis follows the loudness, the second with no images yet).

#include "CatalogTestData.h"
#include "SongTestData.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/core/AxisSpec.h"
#include "tessera/project/ProjectAudio.h"
#include "tessera/timeline/SegmentDefaults.h"

#include <QFile>
#include <QTemporaryDir>

namespace tessera::testing {

//! Copies a project for a screenshot, with its write-ahead log: a project still open elsewhere
//! keeps its recent commits there. False when a copy failed.
inline bool copyProjectWithLog(const QString& source, const QString& target)
{
    if (!QFile::copy(source, target))
        return false;
    const QString wal = source + QStringLiteral("-wal");
    return !QFile::exists(wal) || QFile::copy(wal, target + QStringLiteral("-wal"));
}

struct StudioTestProject
{
    QString path;
    QString songPath;
    std::unique_ptr<Catalog> catalog;
    qint64 firstId = 0;  //!< 0..2 s, "moon over the water", 1x2 generated
    qint64 secondId = 0; //!< 2..4 s, "fire in the rain", 2x2 empty

    static constexpr double kSeconds = 4.0;

    explicit StudioTestProject(const QTemporaryDir& dir)
    {
        songPath = dir.filePath(QStringLiteral("clicks.wav"));
        writeBurstTrack(songPath, kSeconds, {0.4, 1.1, 1.5, 2.5, 3.2});
        path = dir.filePath(QStringLiteral("studio.tessera"));
        ProjectSettings settings;
        settings.name = QStringLiteral("Studio test");
        settings.width = 160;
        settings.height = 90;
        settings.stylePrompt = QStringLiteral("cinematic, film grain");
        settings.negativePrompt = QStringLiteral("text, watermark");
        catalog = Catalog::create(path, settings);
        linkSong(*catalog, songPath);

        Segment first = makeSegment(TimeRange{0, 2000}, QStringLiteral("moon over the water"));
        first.grid = GridGeometry(1, 2);
        first.axisX = *parseAxisSpec(QStringLiteral("term:moon:0.2:1.4:feature=rms:attack=0:release=120"));
        firstId = catalog->addSegment(first);
        Segment second = makeSegment(TimeRange{2000, 4000}, QStringLiteral("fire in the rain"));
        second.grid = GridGeometry(2, 2);
        secondId = catalog->addSegment(second);
        for (const Cell& cell : catalog->cells(firstId))
            catalog->addVersion(versionFor(cell.id, cell.index.col == 0 ? QColor(Qt::black) : QColor(Qt::white)));
    }
};

} // namespace tessera::testing
