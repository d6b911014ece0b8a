#include "internal/SongReader.h"

#include "tessera/export/ExportError.h"

#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <cmath>

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/samplefmt.h>
}

namespace tessera::exporting {

namespace {

//! More undecodable packets than this and the song is broken, not merely scratched.
constexpr int kMaxBadPackets = 64;

void checkIsFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        throw ExportError(path, QStringLiteral("no such song file"));
    if (info.isDir())
        throw ExportError(path, QStringLiteral("is a folder, not a song"));
    if (!info.isReadable())
        throw ExportError(path, QStringLiteral("cannot read the song (permission denied)"));
}

} // namespace

SongReader::SongReader(const QString& path)
    : m_path(path)
    , m_frame(makeFrame())
    , m_packet(makePacket())
{
    checkIsFile(path);
    AVFormatContext* input = nullptr;
    int rc = avformat_open_input(&input, QFile::encodeName(path).constData(), nullptr, nullptr);
    if (rc < 0)
        fail(QStringLiteral("cannot read it as audio"), rc);
    m_input.reset(input);
    if ((rc = avformat_find_stream_info(input, nullptr)) < 0)
        fail(QStringLiteral("cannot read it as audio"), rc);
    const AVCodec* codec = nullptr;
    m_streamIndex = av_find_best_stream(input, AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
    if (m_streamIndex == AVERROR_STREAM_NOT_FOUND)
        throw ExportError(path, QStringLiteral("not a song: the file has no audio stream"));
    if (m_streamIndex < 0 || !codec)
        throw ExportError(path, QStringLiteral("no decoder for its audio"));
    m_decoder.reset(avcodec_alloc_context3(codec));
    if (!m_decoder)
        throw std::bad_alloc();
    if ((rc = avcodec_parameters_to_context(m_decoder.get(), input->streams[m_streamIndex]->codecpar)) < 0
        || (rc = avcodec_open2(m_decoder.get(), codec, nullptr)) < 0)
        fail(QStringLiteral("cannot decode its audio"), rc);
    if (m_decoder->sample_rate <= 0 || m_decoder->ch_layout.nb_channels <= 0)
        throw ExportError(path, QStringLiteral("its audio has no sample rate or no channels"));
    if (m_decoder->ch_layout.order == AV_CHANNEL_ORDER_NATIVE)
        av_channel_layout_copy(&m_layout, &m_decoder->ch_layout);
    else
        av_channel_layout_default(&m_layout, m_decoder->ch_layout.nb_channels);
    // Other streams (cover art, a video) are never read.
    for (unsigned i = 0; i < input->nb_streams; ++i)
        input->streams[i]->discard = int(i) == m_streamIndex ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
}

SongReader::~SongReader()
{
    av_channel_layout_uninit(&m_layout);
    av_channel_layout_uninit(&m_outLayout);
}

bool SongReader::isHighResolution() const
{
    const AVSampleFormat format = av_get_packed_sample_fmt(m_decoder->sample_fmt);
    return format == AV_SAMPLE_FMT_S32 || format == AV_SAMPLE_FMT_FLT || format == AV_SAMPLE_FMT_DBL
        || m_decoder->bits_per_raw_sample > 16;
}

void SongReader::start(
    AVSampleFormat format, int sampleRate, const AVChannelLayout& layout, double startSeconds)
{
    m_outFormat = format;
    m_outRate = sampleRate;
    av_channel_layout_copy(&m_outLayout, &layout);
    m_startSample = std::llround(startSeconds * m_decoder->sample_rate);
    if (m_startSample <= 0)
        return; // decode from the first sample, which is song time 0
    const AVStream* stream = m_input->streams[m_streamIndex];
    const int64_t origin = stream->start_time == AV_NOPTS_VALUE ? 0 : stream->start_time;
    const int64_t target
        = origin + av_rescale_q(m_startSample, AVRational { 1, m_decoder->sample_rate }, stream->time_base);
    // Backward: land at or before the start, then discard up to it sample-exactly by timestamps.
    if (av_seek_frame(m_input.get(), m_streamIndex, target, AVSEEK_FLAG_BACKWARD) >= 0) {
        avcodec_flush_buffers(m_decoder.get());
        m_positionKnown = false;
    }
}

void SongReader::fill(AVAudioFifo* fifo, int wanted)
{
    while (av_audio_fifo_size(fifo) < wanted && !m_ended) {
        if (!decodeNextPacket(fifo)) {
            m_ended = true;
            if (!m_decodedAny)
                throw ExportError(m_path, QStringLiteral("no audio could be decoded from it"));
            if (m_converter)
                convert(nullptr, 0, fifo); // what the resampler still holds
        }
    }
    // Past the song's end (a range beyond it, or a video longer than the song): silence.
    if (av_audio_fifo_size(fifo) < wanted)
        appendSilence(wanted - av_audio_fifo_size(fifo), fifo);
}

bool SongReader::decodeNextPacket(AVAudioFifo* fifo)
{
    for (;;) {
        const int rc = av_read_frame(m_input.get(), m_packet.get());
        if (rc == AVERROR_EOF) {
            avcodec_send_packet(m_decoder.get(), nullptr);
            receiveFrames(fifo);
            return false;
        }
        if (rc < 0)
            fail(QStringLiteral("cannot read the song"), rc);
        if (m_packet->stream_index != m_streamIndex) {
            av_packet_unref(m_packet.get());
            continue;
        }
        const int sent = avcodec_send_packet(m_decoder.get(), m_packet.get());
        av_packet_unref(m_packet.get());
        if (sent == AVERROR_INVALIDDATA) {
            // A scratched packet: skipped as FFmpeg's tools do, unless the whole song is like that.
            if (++m_badPackets > kMaxBadPackets)
                fail(QStringLiteral("cannot decode the song"), sent);
            return true;
        }
        if (sent < 0)
            fail(QStringLiteral("cannot decode the song"), sent);
        receiveFrames(fifo);
        return true;
    }
}

void SongReader::receiveFrames(AVAudioFifo* fifo)
{
    for (;;) {
        const int rc = avcodec_receive_frame(m_decoder.get(), m_frame.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
            return;
        if (rc == AVERROR_INVALIDDATA) {
            if (++m_badPackets > kMaxBadPackets)
                fail(QStringLiteral("cannot decode the song"), rc);
            continue;
        }
        if (rc < 0)
            fail(QStringLiteral("cannot decode the song"), rc);
        m_decodedAny = true;
        take(m_frame.get(), fifo);
        av_frame_unref(m_frame.get());
    }
}

void SongReader::take(const AVFrame* frame, AVAudioFifo* fifo)
{
    const int rate = m_decoder->sample_rate;
    if (!m_positionKnown) {
        const AVStream* stream = m_input->streams[m_streamIndex];
        const int64_t origin = stream->start_time == AV_NOPTS_VALUE ? 0 : stream->start_time;
        m_position = frame->best_effort_timestamp == AV_NOPTS_VALUE
            ? m_startSample
            : av_rescale_q(frame->best_effort_timestamp - origin, stream->time_base, AVRational { 1, rate });
        m_positionKnown = true;
    }
    const qint64 frameStart = m_position;
    m_position += frame->nb_samples;
    const qint64 skip = std::clamp<qint64>(m_startSample - frameStart, 0, frame->nb_samples);
    if (skip == frame->nb_samples)
        return;
    if (!m_emittedAny && frameStart > m_startSample) {
        // The seek landed past the start (a coarse index): keep the timing with silence.
        appendSilence(av_rescale(frameStart - m_startSample, m_outRate, rate), fifo);
    }
    m_emittedAny = true;
    configureConverter(frame);

    // Point past the discarded samples in every plane (or in the one interleaved plane).
    const auto format = AVSampleFormat(frame->format);
    const int channels = frame->ch_layout.nb_channels;
    const int planes = av_sample_fmt_is_planar(format) ? channels : 1;
    const qint64 offset = skip * av_get_bytes_per_sample(format) * (planes == 1 ? channels : 1);
    const uint8_t* input[AV_NUM_DATA_POINTERS] = {};
    for (int p = 0; p < planes && p < AV_NUM_DATA_POINTERS; ++p)
        input[p] = frame->extended_data[p] + offset;
    if (planes > AV_NUM_DATA_POINTERS)
        throw ExportError(m_path, QStringLiteral("the song has too many channels (%1)").arg(channels));
    convert(input, frame->nb_samples - int(skip), fifo);
}

void SongReader::configureConverter(const AVFrame* frame)
{
    if (m_converter && frame->format == m_convertedFormat)
        return;
    if (m_converter)
        convert(nullptr, 0, nullptr); // a format change mid-song: the old converter's tail is dropped
    AVChannelLayout inLayout {};
    if (frame->ch_layout.order == AV_CHANNEL_ORDER_NATIVE)
        av_channel_layout_copy(&inLayout, &frame->ch_layout);
    else
        av_channel_layout_default(&inLayout, frame->ch_layout.nb_channels);
    SwrContext* swr = nullptr;
    int rc = swr_alloc_set_opts2(&swr, &m_outLayout, m_outFormat, m_outRate, &inLayout,
        AVSampleFormat(frame->format), m_decoder->sample_rate, 0, nullptr);
    av_channel_layout_uninit(&inLayout);
    m_converter.reset(swr);
    if (rc >= 0)
        rc = swr_init(swr);
    if (rc < 0)
        fail(QStringLiteral("cannot convert its samples"), rc);
    m_convertedFormat = frame->format;
}

void SongReader::convert(const uint8_t* const* input, int count, AVAudioFifo* fifo)
{
    const int capacity = swr_get_out_samples(m_converter.get(), count);
    if (capacity <= 0)
        return;
    uint8_t** output = nullptr;
    int rc = av_samples_alloc_array_and_samples(
        &output, nullptr, m_outLayout.nb_channels, capacity, m_outFormat, 0);
    if (rc < 0)
        throw std::bad_alloc();
    const int got
        = swr_convert(m_converter.get(), output, capacity, const_cast<const uint8_t**>(input), count);
    if (got > 0 && fifo)
        rc = av_audio_fifo_write(fifo, reinterpret_cast<void**>(output), got);
    av_freep(&output[0]);
    av_freep(&output);
    if (got < 0)
        fail(QStringLiteral("cannot convert its samples"), got);
    if (rc < 0)
        throw std::bad_alloc();
}

void SongReader::appendSilence(qint64 count, AVAudioFifo* fifo)
{
    constexpr int kChunk = 4096;
    uint8_t** silence = nullptr;
    if (av_samples_alloc_array_and_samples(&silence, nullptr, m_outLayout.nb_channels, kChunk, m_outFormat, 0)
        < 0)
        throw std::bad_alloc();
    av_samples_set_silence(silence, 0, kChunk, m_outLayout.nb_channels, m_outFormat);
    int rc = 0;
    for (qint64 left = count; left > 0 && rc >= 0; left -= kChunk)
        rc = av_audio_fifo_write(
            fifo, reinterpret_cast<void**>(silence), int(std::min<qint64>(left, kChunk)));
    av_freep(&silence[0]);
    av_freep(&silence);
    if (rc < 0)
        throw std::bad_alloc();
}

void SongReader::fail(const QString& what, int code) const
{
    throw ExportError(m_path, QStringLiteral("%1 (%2)").arg(what, avErrorText(code)));
}

} // namespace tessera::exporting
