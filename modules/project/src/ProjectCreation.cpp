#include "tessera/project/ProjectCreation.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/core/TimeFormat.h"
#include "tessera/project/ProjectAudio.h"
#include "tessera/project/ProjectLyrics.h"
#include "tessera/timeline/SegmentDefaults.h"

#include <QFile>

#include <memory>

namespace tessera {

namespace {

// Links the song and builds the timeline from the lyrics (or one instrumental segment).
QStringList setUpSong(Catalog& catalog, const QString& songPath, const QString& lyricsPath,
    const ProgressCallback& progress)
{
    QStringList report;
    const ProjectAudioAnalysis song = linkSong(catalog, songPath, {}, progress);
    const qint64 durationMs = millisecondsFromSeconds(song.analysis.durationSeconds());
    report << QStringLiteral("song: %1 (%2, %3 BPM)")
                  .arg(song.audioPath, formatSongTime(durationMs))
                  .arg(song.analysis.tempoBpm, 0, 'f', 1);
    report += song.messages;
    if (lyricsPath.isEmpty()) {
        catalog.syncSegments({makeSegment({0, durationMs}, QString())});
        report << QStringLiteral("timeline: one instrumental segment (no lyrics given)");
        return report;
    }
    const LyricsImport lyrics = importProjectLyrics(catalog, lyricsPath, durationMs);
    report << QStringLiteral("lyrics: %1 segments from %2").arg(lyrics.segmentCount).arg(lyricsPath);
    for (const QString& warning : lyrics.warnings)
        report << QStringLiteral("warning: %1: %2").arg(lyricsPath, warning);
    for (const QString& note : lyrics.notes)
        report << QStringLiteral("note: %1").arg(note);
    return report;
}

} // namespace

QStringList createProjectFromSong(const QString& path, const ProjectSettings& settings, const QString& songPath,
    const QString& lyricsPath, const ProgressCallback& progress)
{
    std::unique_ptr<Catalog> catalog = Catalog::create(path, settings);
    try {
        if (songPath.isEmpty())
            return {};
        return setUpSong(*catalog, songPath, lyricsPath, progress);
    } catch (...) {
        // A project that could not be set up is not left behind half-made.
        catalog.reset();
        for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
        throw;
    }
}

} // namespace tessera
