#include "tessera/lyrics/LyricsFormat.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStringList>

namespace tessera {

QString lyricsFormatName(LyricsFormat format)
{
    switch (format) {
    case LyricsFormat::Auto: return QStringLiteral("auto");
    case LyricsFormat::Lrc: return QStringLiteral("lrc");
    case LyricsFormat::Srt: return QStringLiteral("srt");
    case LyricsFormat::PlainText: return QStringLiteral("txt");
    }
    return {};
}

std::optional<LyricsFormat> lyricsFormatFromName(const QString& name)
{
    const QString key = name.trimmed().toLower();
    if (key == QLatin1String("auto"))
        return LyricsFormat::Auto;
    if (key == QLatin1String("lrc"))
        return LyricsFormat::Lrc;
    if (key == QLatin1String("srt"))
        return LyricsFormat::Srt;
    if (key == QLatin1String("txt") || key == QLatin1String("text") || key == QLatin1String("plain"))
        return LyricsFormat::PlainText;
    return std::nullopt;
}

LyricsFormat detectLyricsFormat(const QString& path, const QString& text)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("lrc"))
        return LyricsFormat::Lrc;
    if (suffix == QLatin1String("srt"))
        return LyricsFormat::Srt;
    // The first line that only one format would write decides.
    static const QRegularExpression lrc(QStringLiteral("^\\[(?:[0-9]+:[0-9]|(?:ti|ar|al|au|by|re|ve|length|offset)\\s*:)"),
                                        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression srt(QStringLiteral("^[0-9]+:[0-9]+:[0-9]+[,.]?[0-9]*\\s*-->"));
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString& raw : lines) {
        const QString line = raw.trimmed();
        if (lrc.match(line).hasMatch())
            return LyricsFormat::Lrc;
        if (srt.match(line).hasMatch())
            return LyricsFormat::Srt;
    }
    return LyricsFormat::PlainText;
}

} // namespace tessera
