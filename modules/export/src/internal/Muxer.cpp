#include "internal/Muxer.h"

#include "tessera/export/ExportError.h"

#include <QFile>
#include <cstring>

extern "C" {
#include <libavutil/dict.h>
}

namespace tessera::exporting {

Muxer::Muxer(const char* containerName, const QString& filePath, const QString& reportPath)
    : m_filePath(filePath)
    , m_reportPath(reportPath)
    , m_fastStart(std::strcmp(containerName, "mp4") == 0)
{
    const int rc = avformat_alloc_output_context2(
        &m_format, nullptr, containerName, QFile::encodeName(filePath).constData());
    if (rc < 0 || !m_format)
        throw ExportError(reportPath,
            QStringLiteral("cannot set up the %1 container (%2)")
                .arg(QString::fromLatin1(containerName), avErrorText(rc)));
}

Muxer::~Muxer()
{
    if (m_format && m_format->pb)
        avio_closep(&m_format->pb); // after a failure: the caller removes the temporary anyway
    avformat_free_context(m_format);
}

bool Muxer::wantsGlobalHeader() const
{
    return (m_format->oformat->flags & AVFMT_GLOBALHEADER) != 0;
}

int Muxer::addStream(const AVCodecContext* encoder)
{
    AVStream* stream = avformat_new_stream(m_format, nullptr);
    if (!stream)
        throw std::bad_alloc();
    const int rc = avcodec_parameters_from_context(stream->codecpar, encoder);
    if (rc < 0)
        fail(rc);
    stream->time_base = encoder->time_base;
    if (encoder->codec_type == AVMEDIA_TYPE_VIDEO) {
        stream->sample_aspect_ratio = encoder->sample_aspect_ratio;
        stream->avg_frame_rate = encoder->framerate;
        stream->r_frame_rate = encoder->framerate;
    }
    return stream->index;
}

void Muxer::start()
{
    int rc = avio_open(&m_format->pb, QFile::encodeName(m_filePath).constData(), AVIO_FLAG_WRITE);
    if (rc < 0)
        fail(rc);
    AVDictionary* options = nullptr;
    if (m_fastStart)
        av_dict_set(&options, "movflags", "+faststart", 0);
    rc = avformat_write_header(m_format, &options);
    av_dict_free(&options);
    if (rc < 0)
        fail(rc);
}

void Muxer::write(AVPacket* packet, int streamIndex, AVRational encoderTimeBase)
{
    AVStream* stream = m_format->streams[streamIndex];
    packet->stream_index = streamIndex;
    av_packet_rescale_ts(packet, encoderTimeBase, stream->time_base);
    // Takes the packet's reference; write errors (avio's sticky error) come back here.
    const int rc = av_interleaved_write_frame(m_format, packet);
    if (rc < 0)
        fail(rc);
}

void Muxer::finish()
{
    int rc = av_interleaved_write_frame(m_format, nullptr);
    if (rc < 0)
        fail(rc);
    rc = av_write_trailer(m_format);
    if (rc < 0)
        fail(rc);
    if (m_format->pb && m_format->pb->error < 0)
        fail(m_format->pb->error);
    // Closing flushes avio's last buffer: its failure is a failed write too.
    rc = avio_closep(&m_format->pb);
    if (rc < 0)
        fail(rc);
}

void Muxer::fail(int code) const
{
    // A write error may surface later than it happened; avio keeps the first one.
    if (m_format && m_format->pb && m_format->pb->error < 0)
        code = m_format->pb->error;
    throw ExportError(m_reportPath, writeProblem(code));
}

} // namespace tessera::exporting
