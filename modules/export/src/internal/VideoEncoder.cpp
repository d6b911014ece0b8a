#include "internal/VideoEncoder.h"

#include "tessera/export/ExportError.h"

extern "C" {
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
}

namespace tessera::exporting {

namespace {

struct CodecChoice
{
    const char* encoder;
    AVPixelFormat pixelFormat;
};

CodecChoice codecFor(ExportFormat format)
{
    if (format == ExportFormat::ProRes422Mov)
        return { "prores_ks", AV_PIX_FMT_YUV422P10LE };
    return { "libx264", AV_PIX_FMT_YUV420P };
}

void setOption(AVCodecContext* codec, const char* name, const QString& value)
{
    av_opt_set(codec->priv_data, name, value.toUtf8().constData(), 0);
}

} // namespace

VideoEncoder::VideoEncoder(const ExportSettings& settings, bool globalHeader)
    : m_reportPath(settings.outputPath)
    , m_frame(makeFrame())
    , m_packet(makePacket())
{
    const CodecChoice choice = codecFor(settings.format);
    const AVCodec* codec = avcodec_find_encoder_by_name(choice.encoder);
    if (!codec)
        throw ExportError(m_reportPath,
            QStringLiteral("this FFmpeg has no %1 encoder").arg(QString::fromLatin1(choice.encoder)));
    m_codec.reset(avcodec_alloc_context3(codec));
    if (!m_codec)
        throw std::bad_alloc();

    AVCodecContext* c = m_codec.get();
    c->width = settings.width;
    c->height = settings.height;
    c->pix_fmt = choice.pixelFormat;
    c->time_base = AVRational { settings.frameRate.denominator, settings.frameRate.numerator };
    c->framerate = AVRational { settings.frameRate.numerator, settings.frameRate.denominator };
    c->sample_aspect_ratio = AVRational { 1, 1 };
    // Display-referred Rec.709 video: tagged so players decode it the way it was converted.
    c->color_primaries = AVCOL_PRI_BT709;
    c->color_trc = AVCOL_TRC_BT709;
    c->colorspace = AVCOL_SPC_BT709;
    c->color_range = AVCOL_RANGE_MPEG;
    c->thread_count = 0; // the encoder's own threads, as many as it finds useful
    if (globalHeader)
        c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (settings.format == ExportFormat::ProRes422Mov) {
        av_opt_set_int(c->priv_data, "profile", 2, 0); // 2 = ProRes 422 (standard)
        setOption(c, "vendor", QStringLiteral("apl0"));
    } else {
        setOption(c, "preset", settings.x264Preset);
        setOption(c, "crf", QString::number(settings.crf));
        // crf 0 is lossless, which only High 4:4:4 Predictive allows; x264 picks that itself.
        if (settings.crf > 0)
            setOption(c, "profile", QStringLiteral("high"));
    }
    if (const int rc = avcodec_open2(c, codec, nullptr); rc < 0)
        fail(QStringLiteral("cannot open the %1 encoder").arg(QString::fromLatin1(choice.encoder)), rc);

    // Same size, so the filter only shapes the chroma subsampling; bicubic as FFmpeg's tools use,
    // with accurate rounding so flat greys stay flat.
    m_scaler.reset(sws_getContext(c->width, c->height, AV_PIX_FMT_RGB24, c->width, c->height, c->pix_fmt,
        SWS_BICUBIC | SWS_ACCURATE_RND, nullptr, nullptr, nullptr));
    if (!m_scaler)
        throw ExportError(m_reportPath,
            QStringLiteral("cannot convert RGB to %1")
                .arg(QString::fromLatin1(av_get_pix_fmt_name(c->pix_fmt))));
    const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
    // Source RGB is full range; the destination is BT.709 limited ("tv") range.
    sws_setColorspaceDetails(m_scaler.get(), bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16);

    m_frame->format = c->pix_fmt;
    m_frame->width = c->width;
    m_frame->height = c->height;
    m_frame->color_primaries = c->color_primaries;
    m_frame->color_trc = c->color_trc;
    m_frame->colorspace = c->colorspace;
    m_frame->color_range = c->color_range;
    m_frame->sample_aspect_ratio = c->sample_aspect_ratio;
    if (const int rc = av_frame_get_buffer(m_frame.get(), 0); rc < 0)
        fail(QStringLiteral("cannot allocate a frame"), rc);
}

void VideoEncoder::encode(const QImage& image, qint64 index, const PacketSink& sink)
{
    // The encoder may still reference the last frame's buffers (frame threads): copy-on-write.
    if (const int rc = av_frame_make_writable(m_frame.get()); rc < 0)
        fail(QStringLiteral("cannot allocate a frame"), rc);
    const uint8_t* source[1] = { image.constBits() };
    const int sourceStride[1] = { int(image.bytesPerLine()) };
    sws_scale(m_scaler.get(), source, sourceStride, 0, image.height(), m_frame->data, m_frame->linesize);
    m_frame->pts = index;
    if (const int rc = avcodec_send_frame(m_codec.get(), m_frame.get()); rc < 0)
        fail(QStringLiteral("cannot encode frame %1").arg(index), rc);
    drain(sink);
}

void VideoEncoder::flush(const PacketSink& sink)
{
    if (const int rc = avcodec_send_frame(m_codec.get(), nullptr); rc < 0 && rc != AVERROR_EOF)
        fail(QStringLiteral("cannot finish encoding"), rc);
    drain(sink);
}

void VideoEncoder::drain(const PacketSink& sink)
{
    for (;;) {
        const int rc = avcodec_receive_packet(m_codec.get(), m_packet.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
            return;
        if (rc < 0)
            fail(QStringLiteral("cannot encode"), rc);
        // Every frame lasts one tick of 1/rate: the muxer takes the last frame's length from here,
        // so the video's duration is exactly frameCount / rate.
        m_packet->duration = 1;
        sink(m_packet.get());
        av_packet_unref(m_packet.get());
    }
}

void VideoEncoder::fail(const QString& what, int code) const
{
    throw ExportError(m_reportPath, QStringLiteral("%1 (%2)").arg(what, avErrorText(code)));
}

} // namespace tessera::exporting
