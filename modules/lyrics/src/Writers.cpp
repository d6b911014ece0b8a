#include "Formats.h"
#include "TimeCodes.h"

#include "tessera/lyrics/LyricsError.h"

namespace tessera::internal {

namespace {

//! Default length of the last SRT entry when neither the line nor the document says.
constexpr qint64 kLastLineMs = 4000;

QString oneLine(const QString& text)
{
    return text.simplified();
}

} // namespace

void requireTimed(const LyricsDocument& document, const QString& sourceName)
{
    for (int i = 0; i < document.lines.size(); ++i) {
        if (!document.lines.at(i).isTimed()) {
            throw LyricsError(sourceName, QStringLiteral("line %1 (\"%2\") has no time yet; tap the lyrics first")
                                              .arg(i + 1)
                                              .arg(oneLine(document.lines.at(i).text)));
        }
    }
}

// Times are written as song times and never with an [offset:] tag, so that reading the export
// gives the same times back. A line's explicit end becomes a trailing word stamp (enhanced
// lines) or an empty "[mm:ss.xx]" line, written only where it does not overlap the next line.
QString writeLrc(const LyricsDocument& document, const QString& sourceName)
{
    requireTimed(document, sourceName);
    QString out;
    const auto tag = [&out](const char* key, const QString& value) {
        if (!value.isEmpty())
            out += QStringLiteral("[%1:%2]\n").arg(QLatin1String(key), oneLine(value));
    };
    tag("ti", document.title);
    tag("ar", document.artist);
    tag("al", document.album);
    if (document.lengthMs)
        tag("length", formatLrcTime(*document.lengthMs));
    const QVector<LyricLine>& lines = document.lines;
    for (int i = 0; i < lines.size(); ++i) {
        const LyricLine& line = lines.at(i);
        out += QLatin1Char('[') + formatLrcTime(*line.startMs) + QLatin1Char(']');
        if (line.words.isEmpty()) {
            out += oneLine(line.text) + QLatin1Char('\n');
            const bool fits = i + 1 == lines.size() || (line.endMs && *line.endMs <= *lines.at(i + 1).startMs);
            if (line.endMs && fits)
                out += QLatin1Char('[') + formatLrcTime(*line.endMs) + QStringLiteral("]\n");
            continue;
        }
        for (const TimedWord& word : line.words)
            out += QLatin1Char('<') + formatLrcTime(word.startMs) + QLatin1Char('>') + QString(word.text).replace(QLatin1Char('\n'), QLatin1Char(' '));
        if (line.endMs)
            out += QLatin1Char('<') + formatLrcTime(*line.endMs) + QLatin1Char('>');
        out += QLatin1Char('\n');
    }
    return out;
}

QString writeSrt(const LyricsDocument& document, const QString& sourceName)
{
    requireTimed(document, sourceName);
    QString out;
    const QVector<LyricLine>& lines = document.lines;
    for (int i = 0; i < lines.size(); ++i) {
        const LyricLine& line = lines.at(i);
        const qint64 start = *line.startMs;
        qint64 end = start + kLastLineMs;
        if (line.endMs)
            end = *line.endMs;
        else if (i + 1 < lines.size() && *lines.at(i + 1).startMs > start)
            end = *lines.at(i + 1).startMs;
        else if (i + 1 == lines.size() && document.lengthMs && *document.lengthMs > start)
            end = *document.lengthMs;
        QStringList text;
        for (const QString& row : line.text.split(QLatin1Char('\n'))) {
            if (!row.trimmed().isEmpty())
                text.append(row.trimmed());
        }
        out += QStringLiteral("%1\n%2 --> %3\n%4\n\n")
                   .arg(i + 1)
                   .arg(formatSrtTime(start), formatSrtTime(end), text.join(QLatin1Char('\n')));
    }
    return out;
}

QString writePlainText(const LyricsDocument& document)
{
    QString out;
    for (const LyricLine& line : document.lines)
        out += oneLine(line.text) + QLatin1Char('\n');
    return out;
}

} // namespace tessera::internal
