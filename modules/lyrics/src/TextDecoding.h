#pragma once

#include <QByteArray>
#include <QString>

namespace tessera::internal {

//! Decodes UTF-8 text (a leading BOM is dropped). Anything else (UTF-16/32 with or without a
//! BOM, Latin-1 or other 8-bit text, binary data) throws LyricsError naming sourceName and,
//! for invalid UTF-8, the first line at fault.
QString decodeUtf8(const QByteArray& bytes, const QString& sourceName);

} // namespace tessera::internal
