#include "internal/OggCheck.h"

#include <QFile>

namespace tessera::internal {

bool oggEndsCleanly(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const qint64 size = file.size();
    file.seek(std::max<qint64>(0, size - kMaxOggPage));
    return oggTailEndsCleanly(file.readAll());
}

bool oggTailEndsCleanly(const QByteArray& tail)
{
    // Walk back over capture patterns until one parses as a page ending exactly at the file's end.
    for (qsizetype at = tail.lastIndexOf("OggS"); at >= 0; at = at > 0 ? tail.lastIndexOf("OggS", at - 1) : -1) {
        if (at + 27 > tail.size())
            continue;
        const auto byte = [&tail](qsizetype i) { return quint8(tail.at(i)); };
        const int segments = byte(at + 26);
        if (at + 27 + segments > tail.size())
            continue;
        qsizetype body = 0;
        for (int s = 0; s < segments; ++s)
            body += byte(at + 27 + s);
        if (byte(at + 4) != 0 || at + 27 + segments + body != tail.size())
            continue; // not a page that ends the file: "OggS" inside a packet, or a cut page
        return (byte(at + 5) & 0x04) != 0;
    }
    return false; // no page ends where the file does: the last one was cut short
}

} // namespace tessera::internal
