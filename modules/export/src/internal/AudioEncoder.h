#pragma once

// The sound side of a movie export: the song's range encoded as AAC (FFmpeg's native encoder,
// for MP4) or PCM (for QuickTime/ProRes), at the song's own rate and channels where the codec
// allows. Exactly round(duration * rate) samples are encoded, pts counted in samples from 0; the
// AAC encoder's priming (initial_padding) comes out as a negative first pts, which the MP4 muxer
// turns into an edit list so players start at the first real sample, aligned with frame 0.

#include "internal/AvUtil.h"
#include "tessera/export/ExportSettings.h"

#include <functional>

namespace tessera::exporting {

class SongReader;

class AudioEncoder
{
public:
    using PacketSink = std::function<void(AVPacket*)>;

    AudioEncoder(const ExportSettings& settings, SongReader& song, bool globalHeader);

    const AVCodecContext* context() const { return m_codec.get(); }
    AVRational timeBase() const { return m_codec->time_base; }
    int sampleRate() const { return m_codec->sample_rate; }

    //! The sample at which video frame `index` starts (index * den * rate / num, rounded).
    qint64 sampleAtFrame(qint64 index) const;
    //! Encodes whole codec frames ending at or before `sample`, keeping pace with the video so the
    //! muxer interleaves without buffering.
    void encodeUntil(qint64 sample, const PacketSink& sink);
    //! Encodes the rest of the range (a shorter last frame) and drains the encoder.
    void finish(const PacketSink& sink);

private:
    void encodeFrame(int samples, const PacketSink& sink);
    void drain(const PacketSink& sink);
    [[noreturn]] void fail(const QString& what, int code) const;

    QString m_reportPath;
    SongReader& m_song;
    FrameRate m_frameRate;
    CodecPtr m_codec;
    FifoPtr m_fifo;
    PacketPtr m_packet;
    int m_frameSize = 1024;
    qint64 m_totalSamples = 0;
    qint64 m_encodedSamples = 0;
};

} // namespace tessera::exporting
