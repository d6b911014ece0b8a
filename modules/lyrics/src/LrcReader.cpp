// LRC reader. Hand-written: there is no maintained LRC library in Debian, and the format is a
// handful of bracketed stamps per line. Conventions followed (from the LRC format's description):
//  - [offset:+/-ms] shifts every time; a positive offset shows lyrics EARLIER, so
//    song time = stamp - offset. Applied here, once; the document keeps the value for reference.
//  - "[00:12.00][01:30.50]chorus" repeats one line at several times; word stamps on a repeated
//    line move with it (they are read relative to the first stamp).
//  - Word stamps come in two forms, read alike: "<00:12.30>" (enhanced LRC) anywhere in the
//    text, and "[00:12.30]" once the text has begun ("[00:17.30] hello [00:18.00] world", as
//    other players write). Stamps before any text, spaces between them or not, are the line's.
//  - "[01:02.00]" with no text marks the end of the line before it; so does a trailing word
//    stamp with no word ("<00:13.00>" at the end of an enhanced line).
//  - A bracket that opens like a stamp ("<00:11.xx>") but is not one is reported and left out of
//    the text. A bad line stamp drops its line; a bad word stamp drops only the line's word
//    timing, as out-of-order word stamps do.
//  - Unknown tags ([by:], [re:], [ve:], [au:], [#:]) are metadata that Tessera ignores.

#include "Formats.h"
#include "TimeCodes.h"

#include <QRegularExpression>
#include <algorithm>

namespace tessera::internal {

namespace {

//! One timed occurrence of a line (a line with two stamps gives two entries).
struct Entry
{
    qint64 startMs = 0;
    QString text;
    QVector<TimedWord> words;
    std::optional<qint64> endMs; //!< from a trailing word stamp
    int lineNumber = 0;
};

struct LineWords
{
    QString text;
    QVector<TimedWord> words;
    std::optional<qint64> endMs;
};

class LrcReader
{
public:
    LyricsDocument read(const QStringList& lines)
    {
        for (int i = 0; i < lines.size(); ++i)
            readLine(lines.at(i).trimmed(), i + 1);
        applyOffset();
        std::stable_sort(m_entries.begin(), m_entries.end(),
                         [](const Entry& a, const Entry& b) { return a.startMs < b.startMs; });
        buildLines();
        return std::move(m_document);
    }

private:
    LyricsDocument m_document;
    QVector<Entry> m_entries;

    void warn(int line, const QString& message) { m_document.warnings.append({line, message}); }

    void readLine(const QString& line, int number)
    {
        if (line.isEmpty())
            return;
        if (!line.startsWith(QLatin1Char('['))) {
            warn(number, QStringLiteral("\"%1\" has no time stamp (expected [mm:ss.xx] or [tag:value])").arg(line));
            return;
        }
        QVector<qint64> stamps;
        int pos = 0;
        while (pos < line.size() && line.at(pos) == QLatin1Char('[')) {
            const int close = line.indexOf(QLatin1Char(']'), pos);
            if (close < 0) {
                warn(number, QStringLiteral("unclosed '[' in \"%1\"").arg(line));
                return;
            }
            const QString inner = line.mid(pos + 1, close - pos - 1);
            if (looksLikeLrcTime(inner)) {
                const ParsedTime time = parseLrcTime(inner);
                if (!time.ms) {
                    warn(number, time.problem);
                    return;
                }
                stamps.append(*time.ms);
                pos = close + 1;
                int next = pos;
                while (next < line.size() && line.at(next).isSpace())
                    ++next;
                if (next < line.size() && line.at(next) == QLatin1Char('['))
                    pos = next; // "[00:12.00] [00:40.00]chorus": no text yet, so one more line stamp
                continue;
            }
            if (!stamps.isEmpty())
                break; // a bracket after the stamps belongs to the text, e.g. "[Chorus]"
            // A tag is the whole line, so a value may hold ']' ("[ti:Live [2019]]").
            if (!line.endsWith(QLatin1Char(']')) || !readTag(line.mid(1, line.size() - 2), number))
                warn(number, QStringLiteral("\"%1\" is neither a time stamp nor a tag").arg(line.left(close + 1)));
            return;
        }
        const LineWords parsed = readWords(line.mid(pos), stamps.first(), number);
        for (const qint64 stamp : stamps) {
            const qint64 shift = stamp - stamps.first();
            Entry entry{stamp, parsed.text, parsed.words, std::nullopt, number};
            for (TimedWord& word : entry.words)
                word.startMs += shift;
            if (parsed.endMs)
                entry.endMs = *parsed.endMs + shift;
            m_entries.append(entry);
        }
    }

    //! Reads "[key:value]"; false when the text has no tag's shape.
    bool readTag(const QString& inner, int number)
    {
        static const QRegularExpression tag(QStringLiteral("^\\s*([A-Za-z#][A-Za-z0-9#_-]*)\\s*:(.*)$"));
        const QRegularExpressionMatch match = tag.match(inner);
        if (!match.hasMatch())
            return false;
        const QString key = match.captured(1).toLower();
        const QString value = match.captured(2).trimmed();
        if (key == QLatin1String("ti")) {
            m_document.title = value;
        } else if (key == QLatin1String("ar")) {
            m_document.artist = value;
        } else if (key == QLatin1String("al")) {
            m_document.album = value;
        } else if (key == QLatin1String("offset")) {
            static const QRegularExpression wholeNumber(QStringLiteral("^[+-]?[0-9]{1,9}$"));
            if (wholeNumber.match(value).hasMatch())
                m_document.offsetMs = value.toLongLong();
            else
                warn(number, QStringLiteral("offset \"%1\" is not a whole number of milliseconds").arg(value));
        } else if (key == QLatin1String("length")) {
            const ParsedTime time = parseLrcTime(value);
            if (time.ms)
                m_document.lengthMs = time.ms;
            else
                warn(number, QStringLiteral("length: %1").arg(time.problem));
        }
        return true;
    }

    //! Splits "<00:12.00>Hel<00:12.30>lo <00:13.00>" or "hello [00:18.00] world" into timed
    //! words; text without word stamps is the line's text as it is.
    LineWords readWords(const QString& rest, qint64 lineStart, int number)
    {
        // Either bracket may hold a word stamp; one without a stamp's shape ("<3", "[Live]") is text.
        static const QRegularExpression stamp(QStringLiteral("<([^<>\\[\\]]*)>|\\[([^<>\\[\\]]*)\\]"));
        LineWords result;
        QRegularExpressionMatchIterator it = stamp.globalMatch(rest);
        QVector<qint64> times;
        QStringList pieces; // pieces[0] precedes the first stamp; pieces[k + 1] follows stamp k
        int from = 0;
        bool stampsValid = true;
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            const QString inner = match.captured(match.hasCaptured(1) ? 1 : 2);
            if (!looksLikeLrcTime(inner))
                continue;
            const ParsedTime time = parseLrcTime(inner);
            if (!time.ms) {
                warn(number, QStringLiteral("word stamp %1: %2; the line is kept without word timing")
                                 .arg(match.captured(0), time.problem));
                stampsValid = false;
            }
            pieces.append(rest.mid(from, match.capturedStart() - from));
            times.append(time.ms.value_or(0));
            from = match.capturedEnd();
        }
        pieces.append(rest.mid(from));
        moveSpacesBeforeStamps(pieces);
        result.text = pieces.join(QString()).trimmed();
        if (times.isEmpty() || !stampsValid)
            return result;

        QVector<qint64> order = times;
        if (!pieces.first().isEmpty()) {
            result.words.append({lineStart, pieces.first()});
            order.prepend(lineStart);
        }
        for (int k = 0; k < times.size(); ++k) {
            const QString& word = pieces.at(k + 1);
            if (!word.trimmed().isEmpty())
                result.words.append({times.at(k), word});
            else if (k == times.size() - 1)
                result.endMs = times.at(k);
        }
        const bool ordered = std::is_sorted(order.cbegin(), order.cend())
            && (result.words.isEmpty() || !result.endMs || *result.endMs > result.words.first().startMs);
        if (!ordered) {
            warn(number, QStringLiteral("word timings are out of order; the line is kept without them"));
            result.words.clear();
            result.endMs.reset();
        }
        return result;
    }

    //! The spaces around a stamp part two words: they go with the word before it, as in
    //! "lo <00:13.00>world", so "hello [00:18.00] world" gives "hello " and "world" and the
    //! words joined give the line's text. Spaces before the first word are dropped.
    static void moveSpacesBeforeStamps(QStringList& pieces)
    {
        int lastWord = -1; // the last piece that still holds text
        for (int k = 0; k < pieces.size(); ++k) {
            QString& piece = pieces[k];
            int spaces = 0;
            while (spaces < piece.size() && piece.at(spaces).isSpace())
                ++spaces;
            if (spaces > 0 && lastWord >= 0 && !pieces.at(lastWord).back().isSpace())
                pieces[lastWord].append(piece.left(spaces));
            piece.remove(0, spaces);
            if (!piece.isEmpty())
                lastWord = k;
        }
    }

    void applyOffset()
    {
        const qint64 offset = m_document.offsetMs;
        if (offset == 0)
            return;
        for (Entry& entry : m_entries) {
            if (entry.startMs - offset < 0) {
                warn(entry.lineNumber, QStringLiteral("starts before the song once [offset:%1] is applied; moved to 0:00")
                                           .arg(offset));
            }
            entry.startMs = qMax<qint64>(0, entry.startMs - offset);
            for (TimedWord& word : entry.words)
                word.startMs = qMax<qint64>(0, word.startMs - offset);
            if (entry.endMs)
                entry.endMs = qMax<qint64>(0, *entry.endMs - offset);
        }
    }

    void buildLines()
    {
        for (const Entry& entry : std::as_const(m_entries)) {
            if (entry.text.isEmpty()) {
                // An end marker: ends the line before it, unless that one already has an end.
                if (!m_document.lines.isEmpty()) {
                    LyricLine& previous = m_document.lines.last();
                    if (!previous.endMs && entry.startMs > *previous.startMs)
                        previous.endMs = entry.startMs;
                }
                continue;
            }
            LyricLine line;
            line.startMs = entry.startMs;
            line.text = entry.text;
            line.words = entry.words;
            if (entry.endMs && *entry.endMs > entry.startMs)
                line.endMs = entry.endMs;
            m_document.lines.append(line);
        }
    }
};

} // namespace

LyricsDocument readLrc(const QStringList& lines)
{
    return LrcReader().read(lines);
}

} // namespace tessera::internal
