#pragma once

// A movie: the video encoder, the audio encoder fed from the song (when there is one) and the
// muxer, driven frame by frame. After each video frame the audio is encoded up to that frame's
// end, so packets reach the muxer nearly in time order and its interleaving queue stays small.

#include "internal/FrameSink.h"
#include "tessera/export/ExportSettings.h"

#include <memory>

namespace tessera::exporting {

class AudioEncoder;
class Muxer;
class SongReader;
class VideoEncoder;

class MovieWriter : public FrameSink
{
public:
    //! Opens the song and the encoders and writes the header into `filePath`; throws ExportError.
    MovieWriter(const ExportSettings& settings, const QString& filePath);
    ~MovieWriter() override;

    void write(const QImage& image, qint64 index) override;
    void finish() override;
    bool hasAudio() const override { return m_audio != nullptr; }

private:
    std::unique_ptr<Muxer> m_muxer;
    std::unique_ptr<SongReader> m_song;
    std::unique_ptr<VideoEncoder> m_video;
    std::unique_ptr<AudioEncoder> m_audio;
    int m_videoStream = -1;
    int m_audioStream = -1;
};

} // namespace tessera::exporting
