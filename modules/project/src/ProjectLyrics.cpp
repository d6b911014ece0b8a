#include "tessera/project/ProjectLyrics.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/lyrics/LyricsIO.h"
#include "tessera/project/ProjectError.h"
#include "tessera/timeline/TimelineBuilder.h"

#include <utility>
#include <QFileInfo>

namespace tessera {

namespace {

int generatedVersionCount(const Catalog& catalog)
{
    int count = 0;
    for (const Segment& segment : catalog.segments()) {
        for (const Cell& cell : catalog.cells(segment.id))
            count += cell.activeVersionId != 0 ? 1 : 0;
    }
    return count;
}

// Reads the lyrics and builds the new timeline, refusing (before anything changes) when the
// current one has generated images that would be dropped. Shared by the direct and undoable imports.
std::pair<LyricsDocument, TimelineBuild> readNewTimeline(const Catalog& catalog, const QString& lyricsPath,
    qint64 songDurationMs, bool replaceGenerated)
{
    LyricsDocument document = importLyrics(lyricsPath);
    TimelineBuild build = buildTimeline(document.lines, songDurationMs);
    if (!replaceGenerated) {
        if (const int generated = generatedVersionCount(catalog); generated > 0) {
            throw ProjectError(catalog.path(),
                QStringLiteral("its timeline has %1 generated cell(s) that new lyrics would replace; "
                               "export them first or confirm the replacement")
                    .arg(generated));
        }
    }
    return {std::move(document), std::move(build)};
}

} // namespace

LyricsImport importProjectLyrics(Catalog& catalog, const QString& lyricsPath, qint64 songDurationMs,
    bool replaceGenerated)
{
    const auto [document, build] = readNewTimeline(catalog, lyricsPath, songDurationMs, replaceGenerated);
    // New segments only (every id 0): the old timeline's segments and cells go in the same
    // transaction, so an interrupted import leaves the old timeline whole.
    catalog.syncSegments(build.segments);
    return {int(build.segments.size()), document.warningMessages(), build.notes};
}

std::unique_ptr<SegmentsEditCommand> makeReplaceLyricsCommand(const Catalog& catalog, const QString& lyricsPath,
    qint64 songDurationMs, bool replaceGenerated, LyricsImport* report, std::shared_ptr<SegmentIdMap> ids)
{
    const auto [document, build] = readNewTimeline(catalog, lyricsPath, songDurationMs, replaceGenerated);
    if (report)
        *report = {int(build.segments.size()), document.warningMessages(), build.notes};
    const QString name = QFileInfo(lyricsPath).fileName();
    return std::make_unique<SegmentsEditCommand>(catalog.segments(), build.segments,
        QStringLiteral("Import lyrics from %1").arg(name), std::move(ids));
}

void exportProjectLyrics(const Catalog& catalog, const QString& path)
{
    LyricsDocument document;
    document.title = catalog.settings().name;
    document.lines = lyricLinesFromSegments(catalog.segments());
    if (document.lines.isEmpty())
        throw ProjectError(catalog.path(), QStringLiteral("has no lyric lines to export"));
    exportLyrics(document, path);
}

} // namespace tessera
