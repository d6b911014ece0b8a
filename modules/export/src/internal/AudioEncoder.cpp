#include "internal/AudioEncoder.h"

#include "internal/SongReader.h"
#include "tessera/export/ExportError.h"

#include <algorithm>

extern "C" {
#include <libavutil/channel_layout.h>
}

namespace tessera::exporting {

namespace {

//! The song's rate when the codec takes it, else the nearest higher one it takes (else 48 kHz).
int chooseSampleRate(const AVCodec* codec, int songRate)
{
    if (!codec->supported_samplerates)
        return songRate;
    int best = 0;
    for (const int* rate = codec->supported_samplerates; *rate; ++rate) {
        if (*rate == songRate)
            return songRate;
        if (*rate > songRate && (best == 0 || *rate < best))
            best = *rate;
    }
    return best > 0 ? best : 48000;
}

//! The song's layout when the codec takes it; else mono stays mono and the rest mixes to stereo.
AVChannelLayout chooseLayout(const AVCodec* codec, const AVChannelLayout& song)
{
    AVChannelLayout chosen {};
    bool supported = !codec->ch_layouts;
    for (const AVChannelLayout* layout = codec->ch_layouts; layout && layout->nb_channels; ++layout)
        supported = supported || av_channel_layout_compare(layout, &song) == 0;
    if (supported)
        av_channel_layout_copy(&chosen, &song);
    else
        av_channel_layout_default(&chosen, song.nb_channels == 1 ? 1 : 2);
    return chosen;
}

const char* encoderName(const ExportSettings& settings, const SongReader& song)
{
    if (settings.format != ExportFormat::ProRes422Mov)
        return "aac";
    // Editing formats carry uncompressed sound; 24 bit when the song has more than 16.
    return song.isHighResolution() ? "pcm_s24le" : "pcm_s16le";
}

} // namespace

AudioEncoder::AudioEncoder(const ExportSettings& settings, SongReader& song, bool globalHeader)
    : m_reportPath(settings.outputPath)
    , m_song(song)
    , m_frameRate(settings.frameRate)
    , m_packet(makePacket())
{
    const char* name = encoderName(settings, song);
    const AVCodec* codec = avcodec_find_encoder_by_name(name);
    if (!codec)
        throw ExportError(
            m_reportPath, QStringLiteral("this FFmpeg has no %1 encoder").arg(QString::fromLatin1(name)));
    m_codec.reset(avcodec_alloc_context3(codec));
    if (!m_codec)
        throw std::bad_alloc();
    AVCodecContext* c = m_codec.get();
    c->sample_fmt = codec->sample_fmts ? codec->sample_fmts[0] : AV_SAMPLE_FMT_FLTP;
    c->sample_rate = chooseSampleRate(codec, song.sampleRate());
    c->ch_layout = chooseLayout(codec, song.channelLayout());
    c->time_base = AVRational { 1, c->sample_rate };
    if (codec->id == AV_CODEC_ID_AAC)
        c->bit_rate = settings.audioBitrate;
    if (globalHeader)
        c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (const int rc = avcodec_open2(c, codec, nullptr); rc < 0)
        fail(QStringLiteral("cannot open the %1 encoder").arg(QString::fromLatin1(name)), rc);
    // PCM takes any frame size; AAC needs exactly its own (1024) but for the last.
    if (c->frame_size > 0)
        m_frameSize = c->frame_size;

    m_fifo.reset(av_audio_fifo_alloc(c->sample_fmt, c->ch_layout.nb_channels, m_frameSize * 2));
    if (!m_fifo)
        throw std::bad_alloc();
    m_totalSamples = sampleAtFrame(settings.frameCount);
    song.start(c->sample_fmt, c->sample_rate, c->ch_layout, settings.audioStartSeconds);
}

qint64 AudioEncoder::sampleAtFrame(qint64 index) const
{
    // Exact rational arithmetic (128-bit intermediate in av_rescale), rounded to the nearest sample.
    return av_rescale(index, qint64(m_frameRate.denominator) * m_codec->sample_rate, m_frameRate.numerator);
}

void AudioEncoder::encodeUntil(qint64 sample, const PacketSink& sink)
{
    const qint64 target = std::min(sample, m_totalSamples);
    while (m_encodedSamples + m_frameSize <= target)
        encodeFrame(m_frameSize, sink);
}

void AudioEncoder::finish(const PacketSink& sink)
{
    while (m_encodedSamples < m_totalSamples)
        encodeFrame(int(std::min<qint64>(m_frameSize, m_totalSamples - m_encodedSamples)), sink);
    if (const int rc = avcodec_send_frame(m_codec.get(), nullptr); rc < 0 && rc != AVERROR_EOF)
        fail(QStringLiteral("cannot finish encoding the audio"), rc);
    drain(sink);
}

void AudioEncoder::encodeFrame(int samples, const PacketSink& sink)
{
    m_song.fill(m_fifo.get(), samples);
    FramePtr frame = makeFrame();
    frame->nb_samples = samples;
    frame->format = m_codec->sample_fmt;
    frame->sample_rate = m_codec->sample_rate;
    if (av_channel_layout_copy(&frame->ch_layout, &m_codec->ch_layout) < 0
        || av_frame_get_buffer(frame.get(), 0) < 0)
        throw std::bad_alloc();
    if (av_audio_fifo_read(m_fifo.get(), reinterpret_cast<void**>(frame->extended_data), samples) != samples)
        throw ExportError(m_reportPath, QStringLiteral("lost audio samples on the way to the encoder"));
    frame->pts = m_encodedSamples;
    m_encodedSamples += samples;
    if (const int rc = avcodec_send_frame(m_codec.get(), frame.get()); rc < 0)
        fail(QStringLiteral("cannot encode the audio"), rc);
    drain(sink);
}

void AudioEncoder::drain(const PacketSink& sink)
{
    for (;;) {
        const int rc = avcodec_receive_packet(m_codec.get(), m_packet.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
            return;
        if (rc < 0)
            fail(QStringLiteral("cannot encode the audio"), rc);
        sink(m_packet.get());
        av_packet_unref(m_packet.get());
    }
}

void AudioEncoder::fail(const QString& what, int code) const
{
    throw ExportError(m_reportPath, QStringLiteral("%1 (%2)").arg(what, avErrorText(code)));
}

} // namespace tessera::exporting
