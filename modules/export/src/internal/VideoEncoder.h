#pragma once

// The picture side of a movie export: RGB frames converted with libswscale (BT.709 matrix,
// limited range) and encoded with libx264 (H.264 High, yuv420p) or prores_ks (ProRes 422,
// yuv422p10le). Frame i gets pts i in the time base 1/rate, so timing is exact by construction.

#include "internal/AvUtil.h"
#include "tessera/export/ExportSettings.h"

#include <QImage>
#include <functional>

namespace tessera::exporting {

class VideoEncoder
{
public:
    //! Receives each encoded packet (timestamps in timeBase()); it may take the packet's data.
    using PacketSink = std::function<void(AVPacket*)>;

    VideoEncoder(const ExportSettings& settings, bool globalHeader);

    const AVCodecContext* context() const { return m_codec.get(); }
    AVRational timeBase() const { return m_codec->time_base; }

    //! Converts and encodes frame `index` (RGB888 at the export size).
    void encode(const QImage& image, qint64 index, const PacketSink& sink);
    //! Drains the frames the encoder still holds (x264's lookahead and B-frames).
    void flush(const PacketSink& sink);

private:
    void drain(const PacketSink& sink);
    [[noreturn]] void fail(const QString& what, int code) const;

    QString m_reportPath;
    CodecPtr m_codec;
    SwsPtr m_scaler;
    FramePtr m_frame;
    PacketPtr m_packet;
};

} // namespace tessera::exporting
