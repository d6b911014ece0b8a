#pragma once

#include "tessera/audio/Progress.h"
#include "tessera/core/ProjectSettings.h"

#include <QStringList>

namespace tessera {

//! Creates the project file at `path` (which must not exist) and, when a song is given, links and
//! analyses it and builds the timeline from the lyrics (or one instrumental segment without
//! them). Returns report lines (song, tempo, lyric warnings and notes). Shared by `tessera-cli
//! new` and the studio's New Project dialog, which runs it off the GUI thread. On any failure,
//! or when progress returns false (AudioCancelled), the half-made file is removed and the error
//! rethrown: nothing is left behind. Progress covers the song's decoding and analysis.
QStringList createProjectFromSong(const QString& path, const ProjectSettings& settings, const QString& songPath,
    const QString& lyricsPath, const ProgressCallback& progress = {});

} // namespace tessera
