#pragma once

#include "tessera/audio/AnalysisParameters.h"
#include "tessera/audio/AudioAnalysis.h"
#include "tessera/audio/Progress.h"
#include "tessera/audio/WaveformPeaks.h"

#include <QStringList>

namespace tessera {

class Catalog;

//! The analysis of the song or a stem, and how it was obtained.
struct ProjectAudioAnalysis
{
    AudioAnalysis analysis;
    WaveformPeaks peaks;
    QString audioPath;     //!< the file analysed (absolute)
    bool fromCache = false; //!< read from the catalog's cache rather than computed
    QStringList messages;  //!< relinked after a move, changed since linked, decoding warnings
};

//! Links the song for the project (its path relative to the project file when it lies beside or
//! below it, and its content hash) and analyses it, caching the result. The file is decoded
//! before anything is stored, so a missing or non-audio file changes nothing (AudioError).
ProjectAudioAnalysis linkSong(Catalog& catalog, const QString& songPath,
    const AnalysisParameters& parameters = {}, const ProgressCallback& progress = {});

//! Adds a stem (drums, bass, vocals...) aligned to the song, analysed and cached the same way;
//! stems only drive features, the export plays the song.
ProjectAudioAnalysis linkStem(Catalog& catalog, const QString& name, const QString& path,
    const AnalysisParameters& parameters = {}, const ProgressCallback& progress = {});

//! Analyses the song (source empty) or the stem named source. The result is cached in the
//! catalog keyed by the file's content hash and the parameters, so reopening does not
//! re-analyse; a file that moved is relinked by its contents, one that changed is re-analysed.
//! Throws ProjectError when the audio is missing, AudioError when it cannot be decoded.
ProjectAudioAnalysis analyzeProjectAudio(Catalog& catalog, const QString& source = {},
    const AnalysisParameters& parameters = {}, const ProgressCallback& progress = {});

} // namespace tessera
