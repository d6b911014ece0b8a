#include "tessera/render/Composition.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/project/ProjectAudio.h"

#include <algorithm>

namespace tessera {

const CompositionCell* CompositionSegment::cellAt(CellIndex index) const
{
    const int cols = segment.grid.cols();
    const int position = index.row * cols + index.col;
    if (!segment.grid.contains(index) || position >= cells.size())
        return nullptr;
    return &cells[position];
}

const AudioAnalysis* Composition::analysis(const QString& source) const
{
    auto found = analyses.find(source);
    if (found == analyses.end())
        found = analyses.find(QString());
    return found == analyses.end() ? nullptr : &found->second;
}

std::vector<double> Composition::beatTimes() const
{
    const AudioAnalysis* song = analysis({});
    return song ? song->beatTimes : std::vector<double>{};
}

Composition loadComposition(Catalog& catalog, const ProgressCallback& progress)
{
    Composition composition;
    composition.project = catalog.settings();
    composition.render = catalog.renderSettings();
    QVector<Segment> segments = catalog.segments();
    std::sort(segments.begin(), segments.end(),
        [](const Segment& a, const Segment& b) { return a.range.startMs < b.range.startMs; });
    QStringList sources{QString()};
    for (const Segment& segment : segments) {
        CompositionSegment entry;
        entry.segment = segment;
        const int rows = segment.grid.rows();
        const int cols = segment.grid.cols();
        entry.cells.resize(rows * cols);
        for (int row = 0; row < rows; ++row)
            for (int col = 0; col < cols; ++col)
                entry.cells[row * cols + col].index = {row, col};
        for (const Cell& cell : catalog.cells(segment.id)) {
            if (!segment.grid.contains(cell.index))
                continue;
            CompositionCell& target = entry.cells[cell.index.row * cols + cell.index.col];
            // Rejected cells keep their image on screen until a better one replaces it: a hole
            // in the grid would flash black; the grid browser is where rejects are seen.
            target.versionId = cell.activeVersionId;
            target.grade = catalog.effectiveGrade(cell.id);
        }
        for (const AxisDefinition* axis : {&segment.axisX, &segment.axisY})
            if (axis->feature != AudioFeature::None && !sources.contains(axis->source))
                sources.append(axis->source);
        composition.segments.append(entry);
    }
    // The song is always analysed: its length fixes the video's, its beats align crossfades.
    for (int i = 0; i < sources.size(); ++i) {
        const auto step = [&](double fraction) {
            return !progress || progress((double(i) + fraction) / double(sources.size()));
        };
        ProjectAudioAnalysis found = analyzeProjectAudio(catalog, sources[i], {}, step);
        if (sources[i].isEmpty())
            composition.songPath = found.audioPath;
        composition.analyses[sources[i]] = std::move(found.analysis);
    }
    composition.songSeconds = composition.analyses[QString()].durationSeconds();
    return composition;
}

} // namespace tessera
