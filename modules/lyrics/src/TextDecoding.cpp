#include "TextDecoding.h"

#include "tessera/lyrics/LyricsError.h"

#include <QList>
#include <QStringDecoder>

namespace tessera::internal {

namespace {

const QString kSaveAsUtf8 = QStringLiteral("; save it as UTF-8");

bool startsWith(const QByteArray& bytes, const char* prefix, int size)
{
    return bytes.startsWith(QByteArray::fromRawData(prefix, size));
}

} // namespace

QString decodeUtf8(const QByteArray& bytes, const QString& sourceName)
{
    if (startsWith(bytes, "\xFF\xFE\x00\x00", 4) || startsWith(bytes, "\x00\x00\xFE\xFF", 4))
        throw LyricsError(sourceName, QStringLiteral("is UTF-32 text; Tessera reads UTF-8 lyrics") + kSaveAsUtf8);
    if (startsWith(bytes, "\xFF\xFE", 2) || startsWith(bytes, "\xFE\xFF", 2))
        throw LyricsError(sourceName, QStringLiteral("is UTF-16 text; Tessera reads UTF-8 lyrics") + kSaveAsUtf8);
    QByteArray body = bytes;
    if (body.startsWith("\xEF\xBB\xBF"))
        body.remove(0, 3);
    if (body.contains('\0')) {
        throw LyricsError(sourceName, QStringLiteral("contains NUL bytes: not a text file, or UTF-16 without a "
                                                     "byte-order mark")
                              + kSaveAsUtf8);
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(body);
    if (!decoder.hasError())
        return text;
    // Find the first line at fault ('\n' never occurs inside a UTF-8 sequence).
    const QList<QByteArray> lines = body.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        QStringDecoder lineDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString unused = lineDecoder.decode(lines.at(i));
        if (lineDecoder.hasError()) {
            throw LyricsError(sourceName, QStringLiteral("line %1 is not valid UTF-8 (Latin-1 or another 8-bit "
                                                         "encoding?)")
                                              .arg(i + 1)
                                          + kSaveAsUtf8);
        }
    }
    throw LyricsError(sourceName, QStringLiteral("is not valid UTF-8") + kSaveAsUtf8);
}

} // namespace tessera::internal
