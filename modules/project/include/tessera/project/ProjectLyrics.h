#pragma once

#include "tessera/project/TimelineEdit.h"

#include <QStringList>
#include <memory>

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

//! The same import as an undoable edit for the studio (lyrics imported later into a project):
//! reads the file and builds the new timeline now, refusing as importProjectLyrics does; the
//! returned command replaces the segments when executed (EditHistory::execute) and puts the old
//! ones back on undo. report, when given, receives the counts, warnings and notes.
std::unique_ptr<SegmentsEditCommand> makeReplaceLyricsCommand(const Catalog& catalog, const QString& lyricsPath,
    qint64 songDurationMs, bool replaceGenerated = false, LyricsImport* report = nullptr,
    std::shared_ptr<SegmentIdMap> ids = {});

//! Writes the timeline's lyric lines as LRC or SRT (from the extension), with word timing.
void exportProjectLyrics(const Catalog& catalog, const QString& path);

} // namespace tessera
