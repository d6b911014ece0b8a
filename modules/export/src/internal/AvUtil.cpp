#include "internal/AvUtil.h"

#include <cerrno>
#include <new>

namespace tessera::exporting {

QString avErrorText(int code)
{
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return QString::fromUtf8(text);
}

QString writeProblem(int code)
{
    if (code == AVERROR(ENOSPC) || code == AVERROR(EDQUOT))
        return QStringLiteral("disk full while writing the video (%1)").arg(avErrorText(code));
    if (code == AVERROR(EFBIG))
        return QStringLiteral("file size limit reached while writing the video (%1)").arg(avErrorText(code));
    return QStringLiteral("cannot write the video (%1)").arg(avErrorText(code));
}

PacketPtr makePacket()
{
    PacketPtr packet(av_packet_alloc());
    if (!packet)
        throw std::bad_alloc();
    return packet;
}

FramePtr makeFrame()
{
    FramePtr frame(av_frame_alloc());
    if (!frame)
        throw std::bad_alloc();
    return frame;
}

} // namespace tessera::exporting
