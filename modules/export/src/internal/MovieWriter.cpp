#include "internal/MovieWriter.h"

#include "internal/AudioEncoder.h"
#include "internal/Muxer.h"
#include "internal/SongReader.h"
#include "internal/VideoEncoder.h"

namespace tessera::exporting {

MovieWriter::MovieWriter(const ExportSettings& settings, const QString& filePath)
{
    const bool mp4 = settings.format == ExportFormat::H264Mp4;
    m_muxer = std::make_unique<Muxer>(mp4 ? "mp4" : "mov", filePath, settings.outputPath);
    // The song first: a missing or broken song fails before any encoding work.
    if (!settings.audioPath.isEmpty())
        m_song = std::make_unique<SongReader>(settings.audioPath);
    m_video = std::make_unique<VideoEncoder>(settings, m_muxer->wantsGlobalHeader());
    m_videoStream = m_muxer->addStream(m_video->context());
    if (m_song) {
        m_audio = std::make_unique<AudioEncoder>(settings, *m_song, m_muxer->wantsGlobalHeader());
        m_audioStream = m_muxer->addStream(m_audio->context());
    }
    m_muxer->start();
}

MovieWriter::~MovieWriter() = default;

void MovieWriter::write(const QImage& image, qint64 index)
{
    m_video->encode(image, index,
        [this](AVPacket* packet) { m_muxer->write(packet, m_videoStream, m_video->timeBase()); });
    if (m_audio) {
        m_audio->encodeUntil(m_audio->sampleAtFrame(index + 1),
            [this](AVPacket* packet) { m_muxer->write(packet, m_audioStream, m_audio->timeBase()); });
    }
}

void MovieWriter::finish()
{
    m_video->flush([this](AVPacket* packet) { m_muxer->write(packet, m_videoStream, m_video->timeBase()); });
    if (m_audio)
        m_audio->finish(
            [this](AVPacket* packet) { m_muxer->write(packet, m_audioStream, m_audio->timeBase()); });
    m_muxer->finish();
}

} // namespace tessera::exporting
