#pragma once

// The project the shard_merge seeds were cut from. make_shard_merge_seed cuts its shards from it and
// fuzz_shard_merge merges each input into a fresh copy of it, so both build it here, the same way
// (same segments, prompts, seeds and so the same settings hashes).

#include "tessera/catalog/Catalog.h"
#include "tessera/generation/GridJob.h"

#include <QBuffer>
#include <QImage>

namespace tessera::fuzz {

inline ProjectSettings mergeProjectSettings()
{
    ProjectSettings settings;
    settings.stylePrompt = QStringLiteral("oil painting");
    settings.negativePrompt = QStringLiteral("blurry");
    return settings;
}

//! Creates the project at path (which must not exist): two segments (a 2x2 grid with a term-weight
//! axis, a 1x3 one), one cell with an image and one locked with its image, so a merge meets each case.
inline void createMergeProject(const QString& path)
{
    const auto project = Catalog::create(path, mergeProjectSettings());
    Segment neon;
    neon.range = {0, 4000};
    neon.lyric = QStringLiteral("Neon rivers");
    neon.prompt = QStringLiteral("(neon:1.3) rivers at night");
    neon.seed = 42;
    neon.grid = GridGeometry{2, 2};
    neon.axisX.variation = AxisVariation::TermWeight;
    neon.axisX.term = QStringLiteral("neon");
    neon.axisX.from = 0.5;
    neon.axisX.to = 1.5;
    Segment towers;
    towers.range = {4000, 8000};
    towers.lyric = QStringLiteral("Glass towers");
    towers.seed = 7;
    towers.grid = GridGeometry{1, 3};
    const qint64 neonId = project->addSegment(neon);
    const qint64 towersId = project->addSegment(towers);
    for (const qint64 cellId : {project->cells(neonId).front().id, project->cells(towersId).back().id}) {
        Version done;
        done.cellId = cellId;
        done.png = QByteArray::fromBase64(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        done.width = 1;
        done.height = 1;
        done.recipe = QJsonObject{{QStringLiteral("source"), QStringLiteral("import")}};
        project->addVersion(done);
    }
    project->setCellState(project->cells(towersId).back().id, CellState::Locked);
}

//! What the shards generate: every pending cell of both segments.
inline QVector<GridJobSpec> mergeSelection(const Catalog& project)
{
    QVector<GridJobSpec> selection;
    GenerationOptions options;
    options.steps = 4;
    for (const Segment& segment : project.segments())
        selection.append(GridJobSpec{segment.id, {}, options});
    return selection;
}

//! A small PNG of one colour, as a back-end's image.
inline QByteArray solidPng(int width, int height, QRgb colour)
{
    QImage image(width, height, QImage::Format_RGB888);
    image.fill(colour);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

} // namespace tessera::fuzz
