#pragma once

#include "tessera/audio/AudioBuffer.h"
#include "tessera/audio/Progress.h"

#include <QByteArray>
#include <QString>

namespace tessera {

//! How strict decoding is.
struct DecodeOptions
{
    //! A file that decodes only partway (truncated, corrupt tail) throws by default. With this set
    //! it returns the samples decoded so far and says how far it got in DecodedAudio::warning.
    bool allowPartial = false;
};

//! The result of decoding a file: its audio, what the container says about it, and any warning.
struct DecodedAudio
{
    AudioBuffer audio;
    QString codec;               //!< FFmpeg's codec name, e.g. "flac", "mp3", "opus"
    QString container;           //!< FFmpeg's container name, e.g. "wav", "ogg", "mov,mp4,m4a,3gp,3g2,mj2"
    double expectedSeconds = 0;  //!< the duration the container declares; 0 if it declares none
    bool complete = true;        //!< false when only part of the file decoded (allowPartial only)
    QString warning;             //!< "<file>: truncated or corrupt: decoded 1:23.4 of 3:00.0", or empty
};

//! Decodes any audio FFmpeg reads (WAV, FLAC, MP3, Ogg Vorbis, Opus, AAC/M4A, ...) at any sample
//! rate and channel layout to interleaved float PCM, keeping the source rate and channels.
//!
//! Missing, empty, non-audio or undecodable files and directories throw AudioError naming the
//! file. A file that ends before the duration its container declares, or whose packets fail to
//! decode partway, is "partial": it throws "<file>: truncated or corrupt: decoded M:SS.s of M:SS.s"
//! unless DecodeOptions::allowPartial, which keeps the samples and puts that text in the warning.
//! progress (optional) sees the fraction decoded and may cancel (AudioCancelled).
DecodedAudio decodeAudioFile(const QString& path, const DecodeOptions& options = {},
    const ProgressCallback& progress = {});

//! Decodes audio held in memory (a file's bytes) exactly as decodeAudioFile decodes a file, through
//! FFmpeg's custom I/O; name stands for the file in errors and warnings. Empty bytes throw
//! AudioError "<name>: empty file"; everything else as decodeAudioFile.
DecodedAudio decodeAudioData(const QByteArray& bytes, const QString& name, const DecodeOptions& options = {},
    const ProgressCallback& progress = {});

//! FFmpeg prints its own diagnostics to stderr (process-wide); pass false to silence them. The
//! problems still reach the caller as AudioError and warnings. Command-line tools want false.
void setDecoderLogging(bool verbose);

} // namespace tessera
