// Decoding with FFmpeg: demux the best audio stream, decode every packet, convert each frame to
// interleaved float at the source's rate and layout with libswresample, and judge at the end
// whether the whole file decoded (against the duration its container declares). Files are read by
// FFmpeg's own file protocol, bytes in memory through an AVIOContext with read and seek callbacks.
#include "tessera/audio/AudioDecoder.h"
#include "tessera/core/FileCheck.h"

#include "tessera/audio/AudioError.h"
#include "internal/FormatTime.h"
#include "internal/OggCheck.h"

#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <algorithm>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
}

namespace tessera {

namespace {

QString avErrorText(int code)
{
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return QString::fromUtf8(text);
}

struct FormatCloser { void operator()(AVFormatContext* c) const { avformat_close_input(&c); } };
struct CodecFreer { void operator()(AVCodecContext* c) const { avcodec_free_context(&c); } };
struct PacketFreer { void operator()(AVPacket* p) const { av_packet_free(&p); } };
struct FrameFreer { void operator()(AVFrame* f) const { av_frame_free(&f); } };
struct SwrFreer { void operator()(SwrContext* s) const { swr_free(&s); } };

//! Converts decoded frames of any sample format to interleaved float, appending to one buffer.
class FrameConverter
{
public:
    FrameConverter(const QString& path, AudioBuffer& out)
        : m_path(path)
        , m_out(out)
    {
    }
    ~FrameConverter() { av_channel_layout_uninit(&m_outLayout); av_channel_layout_uninit(&m_inLayout); }
    FrameConverter(const FrameConverter&) = delete;
    FrameConverter& operator=(const FrameConverter&) = delete;

    void append(const AVFrame* frame)
    {
        if (frame->nb_samples <= 0)
            return;
        if (!m_swr || frame->format != m_inFormat || frame->sample_rate != m_inRate
            || av_channel_layout_compare(&frame->ch_layout, &m_inLayout) != 0)
            configure(frame);
        convert(const_cast<const uint8_t**>(frame->extended_data), frame->nb_samples);
    }

    //! Drains what the resampler still holds (only when the rate changed mid-stream).
    void flush()
    {
        if (m_swr)
            convert(nullptr, 0);
    }

private:
    void configure(const AVFrame* frame)
    {
        if (m_out.channels == 0) {
            // The first frame fixes the output: the source's own layout and rate.
            if (av_channel_layout_copy(&m_outLayout, &frame->ch_layout) < 0 || frame->ch_layout.nb_channels <= 0)
                throw AudioError(m_path, QStringLiteral("audio stream has no channels"));
            if (frame->sample_rate <= 0)
                throw AudioError(m_path, QStringLiteral("audio stream has no sample rate"));
            m_out.channels = m_outLayout.nb_channels;
            m_out.sampleRate = frame->sample_rate;
        } else {
            flush(); // a format change mid-stream: drain the old converter first
        }
        av_channel_layout_uninit(&m_inLayout);
        av_channel_layout_copy(&m_inLayout, &frame->ch_layout);
        m_inFormat = frame->format;
        m_inRate = frame->sample_rate;
        SwrContext* swr = nullptr;
        int rc = swr_alloc_set_opts2(&swr, &m_outLayout, AV_SAMPLE_FMT_FLT, m_out.sampleRate, &m_inLayout,
            AVSampleFormat(m_inFormat), m_inRate, 0, nullptr);
        m_swr.reset(swr);
        if (rc >= 0)
            rc = swr_init(swr);
        if (rc < 0)
            throw AudioError(m_path, QStringLiteral("cannot convert its samples (%1)").arg(avErrorText(rc)));
    }

    void convert(const uint8_t** input, int inputFrames)
    {
        const int capacity = swr_get_out_samples(m_swr.get(), inputFrames);
        if (capacity <= 0)
            return;
        const size_t start = m_out.samples.size();
        m_out.samples.resize(start + size_t(capacity) * size_t(m_out.channels));
        uint8_t* output = reinterpret_cast<uint8_t*>(m_out.samples.data() + start);
        const int got = swr_convert(m_swr.get(), &output, capacity, input, inputFrames);
        if (got < 0)
            throw AudioError(m_path, QStringLiteral("cannot convert its samples (%1)").arg(avErrorText(got)));
        m_out.samples.resize(start + size_t(got) * size_t(m_out.channels));
    }

    QString m_path;
    AudioBuffer& m_out;
    std::unique_ptr<SwrContext, SwrFreer> m_swr;
    AVChannelLayout m_inLayout{};
    AVChannelLayout m_outLayout{};
    int m_inFormat = -1;
    int m_inRate = 0;
};

void checkIsReadableFile(const QString& path)
{
    if (path.isEmpty())
        throw AudioError(QStringLiteral("(no file)"), QStringLiteral("no audio file given"));
    if (const QString problem = fileProblem(path, QStringLiteral("an audio file"), FileCheck::ReadableNonEmpty);
        !problem.isEmpty())
        throw AudioError(path, problem);
}

//! Decoded audio is held in memory: refuse more than 4 GiB of float samples (about 3 hours of
//! 48 kHz 5.1) with a clear message rather than failing to allocate.
constexpr size_t kMaxSamples = size_t(1) << 30;
//! What decoding reserves before the first frame: 64 MiB of floats, six minutes of 44.1 kHz stereo.
constexpr size_t kMaxReservedSamples = size_t(1) << 24;

double declaredSeconds(const AVFormatContext* format, const AVStream* stream)
{
    if (stream->duration != AV_NOPTS_VALUE && stream->duration > 0)
        return double(stream->duration) * av_q2d(stream->time_base);
    if (format->duration != AV_NOPTS_VALUE && format->duration > 0)
        return double(format->duration) / AV_TIME_BASE;
    return 0.0;
}

//! Bytes in memory as FFmpeg input: an AVIOContext whose read and seek callbacks walk the buffer
//! (FFmpeg's documented way to demux from memory, see doc/examples/avio_read_callback.c).
class MemoryInput
{
public:
    explicit MemoryInput(const QByteArray& bytes)
        : m_bytes(bytes)
    {
        constexpr int kBufferSize = 32 * 1024;
        auto* buffer = static_cast<unsigned char*>(av_malloc(kBufferSize));
        if (buffer)
            m_context = avio_alloc_context(buffer, kBufferSize, 0, this, &MemoryInput::read, nullptr, &MemoryInput::seek);
        if (!m_context)
            av_free(buffer);
    }
    ~MemoryInput()
    {
        if (m_context) {
            av_freep(&m_context->buffer); // FFmpeg may have replaced the buffer given
            avio_context_free(&m_context);
        }
    }
    MemoryInput(const MemoryInput&) = delete;
    MemoryInput& operator=(const MemoryInput&) = delete;

    AVIOContext* context() const { return m_context; }

private:
    static int read(void* opaque, uint8_t* buffer, int size)
    {
        auto* input = static_cast<MemoryInput*>(opaque);
        const qint64 left = input->m_bytes.size() - input->m_position;
        if (left <= 0)
            return AVERROR_EOF;
        const int count = int(std::min<qint64>(size, left));
        std::memcpy(buffer, input->m_bytes.constData() + input->m_position, size_t(count));
        input->m_position += count;
        return count;
    }

    static int64_t seek(void* opaque, int64_t offset, int whence)
    {
        auto* input = static_cast<MemoryInput*>(opaque);
        const qint64 size = input->m_bytes.size();
        if (whence & AVSEEK_SIZE)
            return size;
        qint64 base = 0;
        switch (whence & ~AVSEEK_FORCE) {
        case SEEK_SET: base = 0; break;
        case SEEK_CUR: base = input->m_position; break;
        case SEEK_END: base = size; break;
        default: return AVERROR(EINVAL);
        }
        // Past the end is allowed (the next read is at EOF), as for a file; before the start is not.
        if ((offset > 0 && base > std::numeric_limits<qint64>::max() - offset) || base + offset < 0)
            return AVERROR(EINVAL);
        input->m_position = base + offset;
        return input->m_position;
    }

    const QByteArray& m_bytes;
    qint64 m_position = 0;
    AVIOContext* m_context = nullptr;
};

//! Demuxes, decodes and judges an opened input; origin names it in messages. oggEndsCleanly reads
//! the input's last page (asked only of Ogg containers).
DecodedAudio decodeOpened(AVFormatContext* openedFormat, const QString& origin, const std::function<bool()>& oggEndsCleanly,
    const DecodeOptions& options, const ProgressCallback& progress);

} // namespace

void setDecoderLogging(bool verbose)
{
    av_log_set_level(verbose ? AV_LOG_INFO : AV_LOG_QUIET);
}

DecodedAudio decodeAudioFile(const QString& path, const DecodeOptions& options, const ProgressCallback& progress)
{
    checkIsReadableFile(path);

    AVFormatContext* format = nullptr;
    const int rc = avformat_open_input(&format, QFile::encodeName(path).constData(), nullptr, nullptr);
    if (rc < 0)
        throw AudioError(path, QStringLiteral("not a recognised audio file (%1)").arg(avErrorText(rc)));
    return decodeOpened(format, path, [&path] { return internal::oggEndsCleanly(path); }, options, progress);
}

DecodedAudio decodeAudioData(const QByteArray& bytes, const QString& name, const DecodeOptions& options,
    const ProgressCallback& progress)
{
    if (bytes.isEmpty())
        throw AudioError(name, QStringLiteral("empty file"));
    const MemoryInput input(bytes); // outlives the format context that reads through it
    AVFormatContext* format = avformat_alloc_context();
    if (!format || !input.context()) {
        avformat_free_context(format);
        throw AudioError(name, QStringLiteral("out of memory"));
    }
    format->pb = input.context(); // custom I/O: closing the format leaves the context to MemoryInput
    // On failure avformat_open_input frees the format context itself.
    const int rc = avformat_open_input(&format, nullptr, nullptr, nullptr);
    if (rc < 0)
        throw AudioError(name, QStringLiteral("not a recognised audio file (%1)").arg(avErrorText(rc)));
    return decodeOpened(
        format, name,
        [&bytes] { return internal::oggTailEndsCleanly(bytes.right(qsizetype(internal::kMaxOggPage))); },
        options, progress);
}

namespace {

DecodedAudio decodeOpened(AVFormatContext* openedFormat, const QString& path, const std::function<bool()>& oggEndsCleanly,
    const DecodeOptions& options, const ProgressCallback& progress)
{
    std::unique_ptr<AVFormatContext, FormatCloser> format(openedFormat);
    int rc = avformat_find_stream_info(format.get(), nullptr);
    if (rc < 0)
        throw AudioError(path, QStringLiteral("cannot read its stream information (%1)").arg(avErrorText(rc)));

    const AVCodec* codec = nullptr;
    const int streamIndex = av_find_best_stream(format.get(), AVMEDIA_TYPE_AUDIO, -1, -1, &codec, 0);
    if (streamIndex == AVERROR_STREAM_NOT_FOUND) {
        for (unsigned i = 0; i < format->nb_streams; ++i)
            if (format->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO)
                throw AudioError(path, QStringLiteral("no readable audio stream (the file is damaged or not audio)"));
        throw AudioError(path, QStringLiteral("contains no audio stream"));
    }
    if (streamIndex < 0 || !codec) {
        // AVERROR_DECODER_NOT_FOUND: an audio stream FFmpeg has no decoder for (streamIndex is the
        // error code, not an index); name the codec of the stream it would have picked.
        AVCodecID codecId = AV_CODEC_ID_NONE;
        for (unsigned i = 0; i < format->nb_streams && codecId == AV_CODEC_ID_NONE; ++i)
            if (format->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO)
                codecId = format->streams[i]->codecpar->codec_id;
        const QString name = codecId == AV_CODEC_ID_NONE ? QStringLiteral("unknown") // as ffprobe says
                                                         : QString::fromUtf8(avcodec_get_name(codecId));
        throw AudioError(path, QStringLiteral("no decoder for its audio codec \"%1\"").arg(name));
    }
    AVStream* stream = format->streams[streamIndex];
    for (unsigned i = 0; i < format->nb_streams; ++i)
        format->streams[i]->discard = int(i) == streamIndex ? AVDISCARD_DEFAULT : AVDISCARD_ALL;

    std::unique_ptr<AVCodecContext, CodecFreer> decoder(avcodec_alloc_context3(codec));
    if (!decoder)
        throw AudioError(path, QStringLiteral("out of memory"));
    rc = avcodec_parameters_to_context(decoder.get(), stream->codecpar);
    decoder->pkt_timebase = stream->time_base;
    if (rc >= 0)
        rc = avcodec_open2(decoder.get(), codec, nullptr);
    if (rc < 0)
        throw AudioError(path, QStringLiteral("cannot open its %1 decoder (%2)")
                                   .arg(QString::fromUtf8(codec->name), avErrorText(rc)));

    DecodedAudio result;
    result.codec = QString::fromUtf8(codec->name);
    result.container = QString::fromUtf8(format->iformat->name);
    result.expectedSeconds = declaredSeconds(format.get(), stream);
    const double expectedSamples = result.expectedSeconds * decoder->sample_rate * decoder->ch_layout.nb_channels;
    if (expectedSamples > double(kMaxSamples))
        throw AudioError(path, QStringLiteral("too long to decode into memory (%1 of %2 channels at %3 Hz)")
                                   .arg(internal::formatClockTime(result.expectedSeconds))
                                   .arg(decoder->ch_layout.nb_channels)
                                   .arg(decoder->sample_rate));
    if (result.expectedSeconds > 0 && decoder->sample_rate > 0 && decoder->ch_layout.nb_channels > 0) {
        // The declared length is the file's word, not a fact: a few hundred damaged bytes can claim
        // hours. Reserve at most kMaxReservedSamples up front; a longer song grows past it.
        const double declared = (result.expectedSeconds * 1.01 * decoder->sample_rate + 4096) * decoder->ch_layout.nb_channels;
        result.audio.samples.reserve(size_t(std::min(declared, double(kMaxReservedSamples))));
    }

    std::unique_ptr<AVPacket, PacketFreer> packet(av_packet_alloc());
    std::unique_ptr<AVFrame, FrameFreer> frame(av_frame_alloc());
    FrameConverter converter(path, result.audio);
    int packets = 0;
    int badPackets = 0;
    int readError = 0;
    bool lastPacketBad = false; // a stream that ends in a damaged packet was cut off
    double nextReport = 0.0;

    const auto drainFrames = [&]() {
        for (;;) {
            const int got = avcodec_receive_frame(decoder.get(), frame.get());
            if (got == AVERROR(EAGAIN) || got == AVERROR_EOF)
                return;
            if (got < 0) {
                ++badPackets;
                return;
            }
            converter.append(frame.get());
            av_frame_unref(frame.get());
        }
    };

    for (;;) {
        rc = av_read_frame(format.get(), packet.get());
        if (rc == AVERROR_EOF)
            break;
        if (rc < 0) {
            readError = rc;
            break;
        }
        if (packet->stream_index == streamIndex) {
            ++packets;
            const int badBefore = badPackets;
            if (packet->flags & AV_PKT_FLAG_CORRUPT)
                ++badPackets; // the demuxer saw it damaged or cut short; decode what it holds
            const int sent = avcodec_send_packet(decoder.get(), packet.get());
            if (sent < 0 && sent != AVERROR(EAGAIN))
                ++badPackets; // a damaged packet: skip it and go on, as FFmpeg's own tools do
            else
                drainFrames();
            lastPacketBad = badPackets > badBefore;
        }
        av_packet_unref(packet.get());
        if (result.audio.samples.size() > kMaxSamples)
            throw AudioError(path, QStringLiteral("too long to decode into memory (over %1)")
                                       .arg(internal::formatClockTime(result.audio.durationSeconds())));
        if (progress && result.expectedSeconds > 0 && result.audio.sampleRate > 0) {
            const double seconds = result.audio.durationSeconds();
            if (seconds >= nextReport) {
                nextReport = seconds + 2.0;
                if (!progress(std::min(1.0, seconds / result.expectedSeconds)))
                    throw AudioCancelled(path);
            }
        }
    }
    avcodec_send_packet(decoder.get(), nullptr);
    drainFrames();
    converter.flush();
    result.audio.samples.shrink_to_fit();

    const double decoded = result.audio.durationSeconds();
    if (result.audio.isEmpty()) {
        if (readError != 0)
            throw AudioError(path, QStringLiteral("no audio could be decoded (%1)").arg(avErrorText(readError)));
        if (badPackets > 0)
            throw AudioError(path, QStringLiteral("no audio could be decoded: all %1 packets are corrupt").arg(packets));
        throw AudioError(path, QStringLiteral("contains no audio samples"));
    }

    // Judge completeness. Encoders pad or trim a few milliseconds, so allow a little slack.
    const double slack = std::max(0.25, 0.01 * result.expectedSeconds);
    const bool short_ = result.expectedSeconds > 0 && decoded < result.expectedSeconds - slack;
    const bool cutOgg = result.container == QLatin1String("ogg") && !oggEndsCleanly();
    const bool damaged = readError != 0 || badPackets > std::max(1, packets / 100);
    if (short_ || lastPacketBad || cutOgg || damaged) {
        QString problem = QStringLiteral("truncated or corrupt: decoded %1").arg(internal::formatClockTime(decoded));
        if (short_)
            problem += QStringLiteral(" of %1").arg(internal::formatClockTime(result.expectedSeconds));
        QStringList reasons;
        if (readError != 0)
            reasons << avErrorText(readError);
        if (badPackets > 0)
            reasons << QStringLiteral("%1 of %2 packets undecodable").arg(badPackets).arg(packets);
        if (lastPacketBad)
            reasons << QStringLiteral("the file ends in a damaged packet");
        if (cutOgg)
            reasons << QStringLiteral("the Ogg stream ends without its final page");
        if (!reasons.isEmpty())
            problem += QStringLiteral(" (") + reasons.join(QStringLiteral("; ")) + QLatin1Char(')');
        if (!options.allowPartial)
            throw AudioError(path, problem);
        result.complete = false;
        result.warning = path + QStringLiteral(": ") + problem;
    } else if (badPackets > 0) {
        result.warning = path
            + QStringLiteral(": %1 of %2 packets could not be decoded and were skipped").arg(badPackets).arg(packets);
    }
    if (progress && !progress(1.0))
        throw AudioCancelled(path);
    return result;
}

} // namespace

} // namespace tessera
