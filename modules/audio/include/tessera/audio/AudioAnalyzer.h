#pragma once

#include "tessera/audio/AnalysisParameters.h"
#include "tessera/audio/AudioAnalysis.h"
#include "tessera/audio/AudioBuffer.h"
#include "tessera/audio/AudioDecoder.h"
#include "tessera/audio/Progress.h"
#include "tessera/audio/WaveformPeaks.h"

#include <QString>

namespace tessera {

//! Computes every feature of one buffer: RMS, three band energies, spectral centroid and onset
//! strength as 100 Hz curves; onset times; beats and tempo. Works the same on the mix and on any
//! stem. The features run in parallel threads. origin names the audio in errors (its file).
//! Throws AudioError for bad parameters or audio, AudioCancelled when progress returns false.
AudioAnalysis analyzeAudio(const AudioBuffer& audio, const AnalysisParameters& parameters = {},
    const ProgressCallback& progress = {}, const QString& origin = {});

//! What analysing a file gives: its features, its waveform peaks, and any decoding warning.
struct AudioFileAnalysis
{
    AudioAnalysis analysis;
    WaveformPeaks peaks;
    QString warning; //!< from DecodedAudio::warning (partial files with allowPartial only)
};

//! Decodes a file and analyses it, computing the peaks from the same decode. Progress covers both.
AudioFileAnalysis analyzeAudioFile(const QString& path, const AnalysisParameters& parameters = {},
    const ProgressCallback& progress = {}, const DecodeOptions& decodeOptions = {});

} // namespace tessera
