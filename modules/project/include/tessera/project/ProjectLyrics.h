#pragma once

#include <QStringList>

namespace tessera {

class Catalog;

//! What importing lyrics did.
struct LyricsImport
{
    int segmentCount = 0;
    QStringList warnings; //!< malformed lines skipped, by line number
    QStringList notes;    //!< lines merged or dropped while building the timeline
};

//! Replaces the project's timeline with segments built from a lyrics file (LRC, SRT or plain
//! text) over the song's duration. Refuses, changing nothing, when the current timeline has
//! generated images unless replaceGenerated is set: curated cells are not lost by accident.
LyricsImport importProjectLyrics(Catalog& catalog, const QString& lyricsPath, qint64 songDurationMs,
    bool replaceGenerated = false);

//! Writes the timeline's lyric lines as LRC or SRT (from the extension), with word timing.
void exportProjectLyrics(const Catalog& catalog, const QString& path);

} // namespace tessera
