#pragma once

#include <QByteArray>
#include <QString>

namespace tessera::internal {

//! The most bytes an Ogg page takes: header, segment table, largest body. The tail of a file this
//! long holds its last page whole.
constexpr qint64 kMaxOggPage = 27 + 255 + 255 * 255;

//! True when an Ogg file's last page is complete and marked end-of-stream. FFmpeg's Ogg demuxer
//! takes the duration from the last page it finds and says nothing when the file was cut short,
//! so this reads the container's framing itself (RFC 3533: "OggS", flags byte 5 with 0x04 for
//! end-of-stream, segment count at byte 26, then the segment table).
bool oggEndsCleanly(const QString& path);
//! The same judgement on the file's last bytes (up to kMaxOggPage of them, or all of a shorter file).
bool oggTailEndsCleanly(const QByteArray& tail);

} // namespace tessera::internal
