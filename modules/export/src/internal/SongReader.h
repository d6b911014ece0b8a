#pragma once

// The song's samples for one export, streamed: demuxed and decoded packet by packet from the
// range's start (a seek, then the samples before the start discarded exactly), converted with
// libswresample to the audio encoder's format, rate and layout, and silence after the song ends.

#include "internal/AvUtil.h"

#include <QString>

namespace tessera::exporting {

class SongReader
{
public:
    //! Opens the song; throws ExportError naming it when it is missing or holds no decodable audio.
    explicit SongReader(const QString& path);
    ~SongReader();
    SongReader(const SongReader&) = delete;
    SongReader& operator=(const SongReader&) = delete;

    int sampleRate() const { return m_decoder->sample_rate; }
    //! The song's layout (a default one for its channel count when the file names none).
    const AVChannelLayout& channelLayout() const { return m_layout; }
    //! True when the song has more than 16 bits a sample worth keeping (float, 24 or 32 bit).
    bool isHighResolution() const;

    //! Fixes the output and where in the song it starts; call once before fill().
    void start(AVSampleFormat format, int sampleRate, const AVChannelLayout& layout, double startSeconds);
    //! Appends samples to `fifo` until it holds at least `wanted`, padding with silence at the end.
    void fill(AVAudioFifo* fifo, int wanted);

private:
    bool decodeNextPacket(AVAudioFifo* fifo);
    void receiveFrames(AVAudioFifo* fifo);
    void take(const AVFrame* frame, AVAudioFifo* fifo);
    void convert(const uint8_t* const* input, int count, AVAudioFifo* fifo);
    void configureConverter(const AVFrame* frame);
    void appendSilence(qint64 count, AVAudioFifo* fifo);
    [[noreturn]] void fail(const QString& what, int code) const;

    QString m_path;
    InputPtr m_input;
    CodecPtr m_decoder;
    SwrPtr m_converter;
    FramePtr m_frame;
    PacketPtr m_packet;
    AVChannelLayout m_layout {};
    AVChannelLayout m_outLayout {};
    AVSampleFormat m_outFormat = AV_SAMPLE_FMT_NONE;
    int m_outRate = 0;
    int m_streamIndex = -1;
    int m_convertedFormat = -1; //!< the decoded format the converter was built for
    qint64 m_startSample = 0; //!< the range's first sample, at the song's rate
    qint64 m_position = 0; //!< song sample of the next decoded sample
    bool m_positionKnown = true; //!< false right after a seek, until a frame gives its time
    bool m_emittedAny = false;
    bool m_decodedAny = false;
    bool m_ended = false;
    int m_badPackets = 0;
};

} // namespace tessera::exporting
