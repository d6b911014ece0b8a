// Plain-text reader (one lyric line per non-empty line, untimed) and the line splitter the
// readers share.

#include "Formats.h"

#include <QRegularExpression>

namespace tessera::internal {

LyricsDocument readPlainText(const QStringList& lines)
{
    // A line that is only a bracketed label ("[Chorus]", "[Verse 2]", as lyric sites write
    // them) is a section heading, not something sung: skipped with a note.
    static const QRegularExpression label(QStringLiteral("^\\[[^\\]]*\\]$"));
    LyricsDocument document;
    for (int i = 0; i < lines.size(); ++i) {
        const QString text = lines.at(i).trimmed();
        if (text.isEmpty())
            continue;
        if (label.match(text).hasMatch()) {
            document.warnings.append({i + 1, QStringLiteral("section label \"%1\" skipped").arg(text)});
            continue;
        }
        LyricLine line;
        line.text = text;
        document.lines.append(line);
    }
    return document;
}

QStringList splitLines(const QString& text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString& line : lines) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    }
    return lines;
}

} // namespace tessera::internal
