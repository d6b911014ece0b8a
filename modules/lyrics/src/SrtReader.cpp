// SubRip reader. Hand-written: a block is "index / start --> end / text lines / blank line",
// too small a format to warrant a dependency. Tolerated: CRLF, a missing index, missing blank
// lines between blocks or at the end, '.' instead of ',', positions after the end time, and
// <i>/<b>/<u>/<font> or {\...} styling (removed: a lyric feeds prompts, not a renderer).

#include "Formats.h"
#include "TimeCodes.h"

#include <QRegularExpression>
#include <algorithm>

namespace tessera::internal {

namespace {

bool isBlank(const QString& line) { return line.trimmed().isEmpty(); }
bool isTimeLine(const QString& line) { return line.contains(QLatin1String("-->")); }

bool isIndex(const QString& line)
{
    static const QRegularExpression index(QStringLiteral("^\\s*[0-9]+\\s*$"));
    return index.match(line).hasMatch();
}

QString stripStyling(const QString& text)
{
    static const QRegularExpression tags(QStringLiteral("</?(?:i|b|u|font)(?:\\s[^>]*)?>|\\{\\\\[^}]*\\}"),
                                         QRegularExpression::CaseInsensitiveOption);
    QString plain = text;
    plain.remove(tags);
    return plain.trimmed();
}

class SrtReader
{
public:
    explicit SrtReader(const QStringList& lines)
        : m_lines(lines)
    {
    }

    LyricsDocument read()
    {
        int i = 0;
        while (i < m_lines.size()) {
            if (isBlank(m_lines.at(i))) {
                ++i;
                continue;
            }
            i = readBlock(i);
        }
        std::stable_sort(m_document.lines.begin(), m_document.lines.end(),
                         [](const LyricLine& a, const LyricLine& b) { return *a.startMs < *b.startMs; });
        return std::move(m_document);
    }

private:
    const QStringList& m_lines;
    LyricsDocument m_document;

    void warn(int index, const QString& message) { m_document.warnings.append({index + 1, message}); }

    //! True when line i starts a new block (an index followed by a time line, or a time line).
    bool startsBlock(int i) const
    {
        if (isTimeLine(m_lines.at(i)))
            return true;
        return isIndex(m_lines.at(i)) && i + 1 < m_lines.size() && isTimeLine(m_lines.at(i + 1));
    }

    //! Index of the first line after the block starting at i (the next blank line or block).
    int skipBlock(int i) const
    {
        ++i;
        while (i < m_lines.size() && !isBlank(m_lines.at(i)) && !startsBlock(i))
            ++i;
        return i;
    }

    int readBlock(int first)
    {
        int timeLine = first;
        if (!isTimeLine(m_lines.at(first))) {
            if (!startsBlock(first)) {
                warn(first, isIndex(m_lines.at(first))
                                ? QStringLiteral("subtitle %1 has no time line (expected hh:mm:ss,mmm --> hh:mm:ss,mmm)")
                                      .arg(m_lines.at(first).trimmed())
                                : QStringLiteral("expected a subtitle number, found \"%1\"").arg(m_lines.at(first).trimmed()));
                return skipBlock(first);
            }
            timeLine = first + 1;
        }
        const QString& timing = m_lines.at(timeLine);
        const int arrow = timing.indexOf(QLatin1String("-->"));
        const QString endText = timing.mid(arrow + 3).trimmed().section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
        const ParsedTime start = parseSrtTime(timing.left(arrow));
        const ParsedTime end = parseSrtTime(endText);
        int i = timeLine + 1;
        QStringList text;
        while (i < m_lines.size() && !isBlank(m_lines.at(i)) && !startsBlock(i)) {
            const QString plain = stripStyling(m_lines.at(i));
            if (!plain.isEmpty())
                text.append(plain);
            ++i;
        }
        if (!start.ms || !end.ms) {
            warn(timeLine, QStringLiteral("bad time line: %1").arg(start.ms ? end.problem : start.problem));
        } else if (*end.ms <= *start.ms) {
            warn(timeLine, QStringLiteral("subtitle ends (%1) before it starts (%2)")
                               .arg(formatSrtTime(*end.ms), formatSrtTime(*start.ms)));
        } else if (text.isEmpty()) {
            warn(timeLine, QStringLiteral("subtitle has no text"));
        } else {
            LyricLine line;
            line.startMs = start.ms;
            line.endMs = end.ms;
            line.text = text.join(QLatin1Char('\n'));
            m_document.lines.append(line);
        }
        return i;
    }
};

} // namespace

LyricsDocument readSrt(const QStringList& lines)
{
    return SrtReader(lines).read();
}

} // namespace tessera::internal
