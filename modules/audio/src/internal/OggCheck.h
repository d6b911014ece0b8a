#pragma once

#include <QString>

namespace tessera::internal {

//! True when an Ogg file's last page is complete and marked end-of-stream. FFmpeg's Ogg demuxer
//! takes the duration from the last page it finds and says nothing when the file was cut short,
//! so this reads the container's framing itself (RFC 3533: "OggS", flags byte 5 with 0x04 for
//! end-of-stream, segment count at byte 26, then the segment table).
bool oggEndsCleanly(const QString& path);

} // namespace tessera::internal
