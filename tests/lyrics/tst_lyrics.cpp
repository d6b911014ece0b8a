#include "LyricsTestData.h"
#include "tessera/lyrics/LyricsError.h"
#include "tessera/lyrics/LyricsIO.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <array>

using namespace tessera;
using tessera::testing::timed;

namespace {

QString describe(const QVector<LyricLine>& lines)
{
    QStringList out;
    for (const LyricLine& line : lines) {
        QString words;
        for (const TimedWord& word : line.words)
            words += QStringLiteral("<%1>%2").arg(word.startMs).arg(word.text);
        out << QStringLiteral("%1-%2 \"%3\" %4")
                   .arg(line.startMs ? QString::number(*line.startMs) : QStringLiteral("untimed"))
                   .arg(line.endMs ? QString::number(*line.endMs) : QStringLiteral("open"))
                   .arg(line.text, words);
    }
    return out.join(QLatin1Char('\n'));
}

QVector<int> warningLines(const LyricsDocument& document)
{
    QVector<int> lines;
    for (const LyricsWarning& warning : document.warnings)
        lines.append(warning.line);
    return lines;
}

} // namespace

#define COMPARE_LINES(actual, expected) \
    QVERIFY2((actual) == (expected), qPrintable(QStringLiteral("\nactual:\n") + describe(actual) + QStringLiteral("\nexpected:\n") + describe(expected)))

class TestLyrics : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    //! Expects work to throw a LyricsError whose message contains every fragment.
    template <typename Work>
    static void expectError(Work work, const QStringList& fragments)
    {
        try {
            work();
        } catch (const LyricsError& error) {
            for (const QString& fragment : fragments)
                QVERIFY2(error.message().contains(fragment), qPrintable(error.message() + " lacks " + fragment));
            return;
        }
        QFAIL("expected a LyricsError");
    }

    static QByteArray fullLrc()
    {
        return "[ti:Storm Song [Live]]\n"
               "[ar:The Band]\n"
               "[al:Weather]\n"
               "[length:03:25.50]\n"
               "[offset:+500]\n"
               "[by:someone]\n"
               "\n"
               "[00:12.00][01:30.50]Here comes the storm\n"
               "[00:15.5]Second line\n"
               "[00:20.123]<00:20.123>Hel<00:20.400>lo <00:21.00>world <00:22.50>\n"
               "[00:25]Plain seconds\n"
               "[00:28.00]\n"
               "[00:40.00]Last\n";
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void importsLrcWithTagsOffsetRepeatsAndWords()
    {
        // given an LRC file with tags, a positive offset, a repeated line, 1/2/3 or no fraction
        // digits, an enhanced (word-timed) line with an end stamp, and an end marker
        const QString path = write(QStringLiteral("full.lrc"), fullLrc());
        // when it is imported
        const LyricsDocument document = importLyrics(path);
        // then tags are read, the offset shows lyrics 500 ms earlier (song time = stamp - offset),
        // the repeated line appears at both times in time order, and words keep their timing
        QCOMPARE(document.title, QStringLiteral("Storm Song [Live]"));
        QCOMPARE(document.artist, QStringLiteral("The Band"));
        QCOMPARE(document.album, QStringLiteral("Weather"));
        QCOMPARE(document.lengthMs, std::optional<qint64>(205500));
        QCOMPARE(document.offsetMs, qint64(500));
        QVERIFY2(document.warnings.isEmpty(), qPrintable(document.warningMessages().join('\n')));
        const QVector<LyricLine> expected{
            timed(11500, QStringLiteral("Here comes the storm")),
            timed(15000, QStringLiteral("Second line")),
            timed(19623, QStringLiteral("Hello world"), 22000,
                  {{19623, QStringLiteral("Hel")}, {19900, QStringLiteral("lo ")}, {20500, QStringLiteral("world ")}}),
            timed(24500, QStringLiteral("Plain seconds"), 27500),
            timed(39500, QStringLiteral("Last")),
            timed(90000, QStringLiteral("Here comes the storm")),
        };
        COMPARE_LINES(document.lines, expected);
        QVERIFY(document.isTimed());
    }

    void negativeOffsetShowsLyricsLater()
    {
        // given an offset of -250 ms, when imported, then every time moves 250 ms later
        const QString path = write(QStringLiteral("late.lrc"), "[offset:-250]\n[00:01.00]one\n[00:02.00]two\n");
        const LyricsDocument document = importLyrics(path);
        COMPARE_LINES(document.lines, (QVector<LyricLine>{timed(1250, QStringLiteral("one")), timed(2250, QStringLiteral("two"))}));
        QCOMPARE(document.offsetMs, qint64(-250));
    }

    void repeatedStampsCarryTimedWord()
    {
        // given a word-timed line sung twice, when imported, then the second copy's words move with it
        const QString path = write(QStringLiteral("repeat.lrc"), "[00:10.00][00:50.00]<00:10.00>la <00:10.50>la\n");
        const LyricsDocument document = importLyrics(path);
        const QVector<LyricLine> expected{
            timed(10000, QStringLiteral("la la"), std::nullopt, {{10000, QStringLiteral("la ")}, {10500, QStringLiteral("la")}}),
            timed(50000, QStringLiteral("la la"), std::nullopt, {{50000, QStringLiteral("la ")}, {50500, QStringLiteral("la")}}),
        };
        COMPARE_LINES(document.lines, expected);
    }

    void importsInlineSquareBracketWordStamps()
    {
        // given an LRC whose word stamps are square brackets inside the text, with 3, 1, 2 and no
        // fraction digits, a trailing stamp, a bracket that is text ("[Live]") and an end marker
        const QString path = QStringLiteral(TESSERA_LYRICS_TESTDATA "/inline-brackets.lrc");
        // when it is imported
        const LyricsDocument document = importLyrics(path);
        // then each inline stamp times the word after it as "<mm:ss.xx>" would, the spaces around
        // a stamp go with the word before it, and no stamp is left in the text
        QVERIFY2(document.warnings.isEmpty(), qPrintable(document.warningMessages().join('\n')));
        QCOMPARE(document.title, QStringLiteral("Inline word stamps"));
        const QVector<LyricLine> expected{
            timed(17300, QStringLiteral("hello world"), std::nullopt,
                  {{17300, QStringLiteral("hello ")}, {18000, QStringLiteral("world")}}),
            timed(19500, QStringLiteral("one two three"), 21250,
                  {{19500, QStringLiteral("one ")}, {19750, QStringLiteral("two ")}, {20000, QStringLiteral("three ")}}),
            timed(22000, QStringLiteral("Chorus [Live] stays text"), 25000,
                  {{22000, QStringLiteral("Chorus [Live] stays ")}, {23000, QStringLiteral("text")}}),
        };
        COMPARE_LINES(document.lines, expected);
        // and exported as LRC (enhanced "<>" stamps) and read back, the words are the same
        const QString exported = m_dir.filePath(QStringLiteral("inline-out.lrc"));
        exportLyrics(document, exported);
        COMPARE_LINES(importLyrics(exported).lines, expected);
    }

    void importsMixedWordStampForms()
    {
        // given one file mixing "<>" and inline "[]" word stamps on a line, an [offset:], a
        // repeated line whose two stamps have a space between them and inline word stamps after,
        // a plain line and a "<3" that is text
        const QString path = QStringLiteral(TESSERA_LYRICS_TESTDATA "/mixed-word-stamps.lrc");
        // when it is imported
        const LyricsDocument document = importLyrics(path);
        // then both forms time words alike, the offset moves them 200 ms earlier, the repeat
        // carries its words, and only stamps leave the text
        QVERIFY2(document.warnings.isEmpty(), qPrintable(document.warningMessages().join('\n')));
        const QVector<LyricLine> expected{
            timed(4800, QStringLiteral("Hello there friend"), 7300,
                  {{4800, QStringLiteral("Hel")}, {5200, QStringLiteral("lo ")}, {5800, QStringLiteral("there ")},
                   {6300, QStringLiteral("friend ")}}),
            timed(9800, QStringLiteral("la la la"), std::nullopt,
                  {{9800, QStringLiteral("la ")}, {10300, QStringLiteral("la ")}, {10800, QStringLiteral("la")}}),
            timed(11800, QStringLiteral("Plain line, no word timing")),
            timed(12800, QStringLiteral("love you <3")),
            timed(29800, QStringLiteral("la la la"), std::nullopt,
                  {{29800, QStringLiteral("la ")}, {30300, QStringLiteral("la ")}, {30800, QStringLiteral("la")}}),
        };
        COMPARE_LINES(document.lines, expected);
    }

    void malformedWordStampIsReportedAndLeftOutOfText()
    {
        // given an LRC with a damaged "<>" word stamp on line 3 and a damaged inline "[]" one on line 4
        const QString path = QStringLiteral(TESSERA_LYRICS_TESTDATA "/malformed-word-stamp.lrc");
        // when it is imported
        const LyricsDocument document = importLyrics(path);
        // then each damaged stamp is reported with its line and the stamp itself, its line keeps
        // its start and clean text but no word timing, and the other lines keep their words
        const QVector<LyricLine> expected{
            timed(10000, QStringLiteral("good words"), std::nullopt,
                  {{10000, QStringLiteral("good ")}, {10500, QStringLiteral("words")}}),
            timed(11000, QStringLiteral("bad stamp")),
            timed(12000, QStringLiteral("also bad")),
            timed(13000, QStringLiteral("fine again"), std::nullopt,
                  {{13000, QStringLiteral("fine ")}, {13500, QStringLiteral("again")}}),
        };
        COMPARE_LINES(document.lines, expected);
        QCOMPARE(warningLines(document), (QVector<int>{3, 4}));
        const QStringList messages = document.warningMessages();
        QVERIFY2(messages.at(0).startsWith(QStringLiteral("line 3: ")) && messages.at(0).contains(QStringLiteral("<00:11.xx>")),
                 qPrintable(messages.at(0)));
        QVERIFY2(messages.at(1).startsWith(QStringLiteral("line 4: ")) && messages.at(1).contains(QStringLiteral("[00:1x.50]")),
                 qPrintable(messages.at(1)));
    }

    void importsSrtWithCrlfMultilineAndLooseBlocks()
    {
        // given an SRT with CRLF line ends, a two-row entry, styling, a block with no blank line
        // before it and none at the end of the file
        const QString path = write(QStringLiteral("song.srt"),
                                   "1\r\n00:00:01,000 --> 00:00:04,000\r\nFirst line\r\nsecond row\r\n\r\n"
                                   "2\r\n00:00:05,500 --> 00:00:07,250 X1:10 X2:20\r\n<i>Styled</i> text\r\n"
                                   "3\r\n00:01:02,003 --> 00:01:03,000\r\nLast");
        // when imported
        const LyricsDocument document = importLyrics(path);
        // then every entry is there with its start and end
        QVERIFY2(document.warnings.isEmpty(), qPrintable(document.warningMessages().join('\n')));
        const QVector<LyricLine> expected{
            timed(1000, QStringLiteral("First line\nsecond row"), 4000),
            timed(5500, QStringLiteral("Styled text"), 7250),
            timed(62003, QStringLiteral("Last"), 63000),
        };
        COMPARE_LINES(document.lines, expected);
    }

    void importsPlainTextUntimed()
    {
        // given plain text with blank lines, padding and a section label
        const QString path = write(QStringLiteral("words.txt"), "First line\n\n   Second line  \n[Chorus]\nThird\n");
        // when imported
        const LyricsDocument document = importLyrics(path);
        // then each non-empty line is one untimed lyric line and the label is reported
        QVector<LyricLine> expected(3);
        expected[0].text = QStringLiteral("First line");
        expected[1].text = QStringLiteral("Second line");
        expected[2].text = QStringLiteral("Third");
        COMPARE_LINES(document.lines, expected);
        QVERIFY(!document.isTimed());
        QCOMPARE(warningLines(document), QVector<int>{4});
    }

    void malformedLrcLinesAreReportedByNumber()
    {
        // given an LRC with good lines among malformed ones
        const QString path = write(QStringLiteral("broken.lrc"),
                                   "[ti:x]\n"                              // 1
                                   "[00:01.00]good one\n"                  // 2
                                   "this has no stamp\n"                   // 3
                                   "[00:75.00]bad seconds\n"               // 4
                                   "[ab:cd.ef]oops\n"                      // 5
                                   "[00:05.00]good two\n"                  // 6
                                   "[00:06.00 unclosed\n"                  // 7
                                   "[chorus]\n"                            // 8
                                   "[offset:abc]\n"                        // 9
                                   "[00:09.00]<00:09.00>a <00:08.00>b\n"); // 10
        // when imported
        const LyricsDocument document = importLyrics(path);
        // then the good lines import and each bad one is reported with its line number
        COMPARE_LINES(document.lines, (QVector<LyricLine>{timed(1000, QStringLiteral("good one")),
                                                          timed(5000, QStringLiteral("good two")),
                                                          timed(9000, QStringLiteral("a b"))}));
        QCOMPARE(warningLines(document), (QVector<int>{3, 4, 5, 7, 8, 9, 10}));
        QVERIFY(document.warnings.at(1).message.contains(QStringLiteral("75 seconds")));
        QVERIFY(document.warningMessages().at(0).startsWith(QStringLiteral("line 3: ")));
        QCOMPARE(document.offsetMs, qint64(0));
    }

    void malformedSrtBlocksAreReportedByNumber()
    {
        // given an SRT with a bad time line, an entry ending before it starts, a block with no
        // time line and one with no text
        const QString path = write(QStringLiteral("broken.srt"),
                                   "1\n00:00:01,000 --> 00:00:02,000\ngood one\n\n"   // 1-4
                                   "2\n00:00:0x,000 --> 00:00:04,000\nbad time\n\n"   // 5-8
                                   "3\n00:00:06,000 --> 00:00:05,000\nbackwards\n\n"  // 9-12
                                   "4\nno time line here\n\n"                         // 13-15
                                   "5\n00:00:08,000 --> 00:00:09,000\n\n"             // 16-18
                                   "6\n00:00:10,000 --> 00:00:11,000\ngood two\n");   // 19-21
        // when imported
        const LyricsDocument document = importLyrics(path);
        // then the good entries import and each bad one is reported where it went wrong
        COMPARE_LINES(document.lines, (QVector<LyricLine>{timed(1000, QStringLiteral("good one"), 2000),
                                                          timed(10000, QStringLiteral("good two"), 11000)}));
        QCOMPARE(warningLines(document), (QVector<int>{6, 10, 13, 17}));
    }

    void acceptsUtf8WithBom()
    {
        // given a UTF-8 file with a byte-order mark and non-ASCII text
        const QString text = QStringLiteral("[ti:Caf\u00e9]\n[00:01.00]\u00fcber die Br\u00fccke \u591c\n");
        const QString path = write(QStringLiteral("bom.lrc"), QByteArray("\xEF\xBB\xBF") + text.toUtf8());
        // when imported, then the BOM does not hide the first tag and the text is intact
        const LyricsDocument document = importLyrics(path);
        QCOMPARE(document.title, QStringLiteral("Caf\u00e9"));
        COMPARE_LINES(document.lines, (QVector<LyricLine>{timed(1000, QStringLiteral("\u00fcber die Br\u00fccke \u591c"))}));
        QVERIFY(document.warnings.isEmpty());
    }

    void rejectsOtherEncodings()
    {
        const QString text = QStringLiteral("[00:01.00]caf\u00e9\n");
        // UTF-16 with a BOM, little and big endian
        QByteArray le("\xFF\xFE", 2);
        QByteArray be("\xFE\xFF", 2);
        for (const QChar c : text) {
            le.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
            be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xff));
        }
        const QString lePath = write(QStringLiteral("utf16le.lrc"), le);
        const QString bePath = write(QStringLiteral("utf16be.lrc"), be);
        expectError([&] { importLyrics(lePath); }, {lePath + QStringLiteral(": "), QStringLiteral("UTF-16"), QStringLiteral("UTF-8")});
        expectError([&] { importLyrics(bePath); }, {bePath, QStringLiteral("UTF-16")});
        // UTF-16 without a BOM
        const QString bare = write(QStringLiteral("utf16bare.lrc"), le.mid(2));
        expectError([&] { importLyrics(bare); }, {bare, QStringLiteral("NUL")});
        // Latin-1: the second line holds 0xE9 for 'é'
        const QString latin1 = write(QStringLiteral("latin1.txt"), QByteArray("first line\nCaf\xe9 au lait\n"));
        expectError([&] { importLyrics(latin1); }, {latin1, QStringLiteral("line 2 is not valid UTF-8")});
    }

    void unreadableFilesGiveClearErrors()
    {
        const QString missing = m_dir.filePath(QStringLiteral("missing.lrc"));
        expectError([&] { importLyrics(missing); }, {missing, QStringLiteral("no such file")});
        expectError([&] { importLyrics(m_dir.path()); }, {m_dir.path(), QStringLiteral("directory")});
        const QString empty = write(QStringLiteral("empty.lrc"), QByteArray());
        expectError([&] { importLyrics(empty); }, {empty, QStringLiteral("empty")});
        const QString garbage = write(QStringLiteral("garbage.lrc"), "just words\nmore words\n");
        expectError([&] { importLyrics(garbage); }, {garbage, QStringLiteral("no LRC lyric line"), QStringLiteral("line 1")});
    }

    void lrcRoundTrips()
    {
        // given an imported LRC with words, ends, repeats and millisecond times
        const LyricsDocument original = importLyrics(write(QStringLiteral("trip.lrc"), fullLrc()));
        // when exported as LRC and read back
        const QString exported = m_dir.filePath(QStringLiteral("trip-out.lrc"));
        exportLyrics(original, exported);
        const LyricsDocument back = importLyrics(exported);
        // then the lines and tags are the same, with song times (no offset left to apply)
        COMPARE_LINES(back.lines, original.lines);
        QCOMPARE(back.title, original.title);
        QCOMPARE(back.artist, original.artist);
        QCOMPARE(back.album, original.album);
        QCOMPARE(back.lengthMs, original.lengthMs);
        QCOMPARE(back.offsetMs, qint64(0));
        QVERIFY(back.warnings.isEmpty());
        QFile file(exported);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY2(text.contains(QStringLiteral("[00:19.623]<00:19.623>Hel<00:19.90>lo <00:20.50>world <00:22.00>")), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("offset")));
    }

    void srtRoundTripsAndConvertsFromLrc()
    {
        // given an SRT document, when exported as SRT and read back, then it is the same
        const LyricsDocument srt = importLyrics(write(QStringLiteral("trip.srt"),
            "1\n00:00:01,000 --> 00:00:04,000\nFirst line\nsecond row\n\n2\n00:00:05,500 --> 00:00:07,250\nnext\n"));
        const QString srtOut = m_dir.filePath(QStringLiteral("trip-out.srt"));
        exportLyrics(srt, srtOut);
        COMPARE_LINES(importLyrics(srtOut).lines, srt.lines);
        // given an LRC document, when exported as SRT, then each line ends where the next starts
        const LyricsDocument lrc = importLyrics(write(QStringLiteral("conv.lrc"), "[00:01.00]a\n[00:03.00]b\n[00:05.00]\n"));
        const QString converted = m_dir.filePath(QStringLiteral("conv.srt"));
        exportLyrics(lrc, converted);
        COMPARE_LINES(importLyrics(converted).lines,
                      (QVector<LyricLine>{timed(1000, QStringLiteral("a"), 3000), timed(3000, QStringLiteral("b"), 5000)}));
        // and SRT exported as LRC keeps the gaps as end markers
        const QString back = m_dir.filePath(QStringLiteral("conv-back.lrc"));
        exportLyrics(srt, back);
        COMPARE_LINES(importLyrics(back).lines,
                      (QVector<LyricLine>{timed(1000, QStringLiteral("First line second row"), 4000),
                                          timed(5500, QStringLiteral("next"), 7250)}));
    }

    void untimedLyricsExportOnlyAsText()
    {
        // given untimed plain text
        const LyricsDocument plain = importLyrics(write(QStringLiteral("untimed.txt"), "one\ntwo\n"));
        // when exported as LRC or SRT, then the export is refused and names the first line
        const QString lrc = m_dir.filePath(QStringLiteral("untimed.lrc"));
        expectError([&] { exportLyrics(plain, lrc); }, {lrc, QStringLiteral("line 1"), QStringLiteral("tap")});
        QVERIFY(!QFile::exists(lrc));
        // but as text it round-trips
        const QString txt = m_dir.filePath(QStringLiteral("untimed-out.txt"));
        exportLyrics(plain, txt);
        COMPARE_LINES(importLyrics(txt).lines, plain.lines);
    }

    void detectsFormatFromExtensionAndContent()
    {
        QCOMPARE(detectLyricsFormat(QStringLiteral("a.LRC"), QStringLiteral("hello")), LyricsFormat::Lrc);
        QCOMPARE(detectLyricsFormat(QStringLiteral("a.srt"), QStringLiteral("hello")), LyricsFormat::Srt);
        QCOMPARE(detectLyricsFormat(QStringLiteral("a.txt"), QStringLiteral("[ar:x]\n[00:01.00]hi")), LyricsFormat::Lrc);
        QCOMPARE(detectLyricsFormat(QStringLiteral("lyrics"), QStringLiteral("1\n00:00:01,000 --> 00:00:02,000\nhi")), LyricsFormat::Srt);
        QCOMPARE(detectLyricsFormat(QStringLiteral("a.txt"), QStringLiteral("[Verse 1]\nhello")), LyricsFormat::PlainText);
        // and import uses it: LRC content in a .txt file is read as LRC
        const LyricsDocument document = importLyrics(write(QStringLiteral("lrc-inside.txt"), "[00:02.00]timed\n"));
        COMPARE_LINES(document.lines, (QVector<LyricLine>{timed(2000, QStringLiteral("timed"))}));
        // an explicit format wins over the content
        const LyricsDocument forced = importLyrics(write(QStringLiteral("forced.lrc"), "[00:02.00]timed\n"), LyricsFormat::PlainText);
        QCOMPARE(forced.lines.size(), 1);
        QCOMPARE(forced.lines.first().text, QStringLiteral("[00:02.00]timed"));
        QVERIFY(!forced.lines.first().isTimed());
        QCOMPARE(lyricsFormatFromName(QStringLiteral("SRT")), std::optional<LyricsFormat>(LyricsFormat::Srt));
        QCOMPARE(lyricsFormatFromName(QStringLiteral("doc")), std::optional<LyricsFormat>());
    }

    void garbledInputNeverCrashes()
    {
        // given many files assembled at random from the pieces of LRC and SRT syntax (a fixed
        // seed, so a failure reproduces)
        const QVector<QByteArray> pieces{"[", "]", "<", ">", ":", ".", ",", "-->", "\n", "\r\n", " ", "00", "7",
                                         "59", "99", "1234", "ti", "offset", "-", "+", "la", "\xc3\xa9", "\n\n"};
        QRandomGenerator random(20261124);
        int imported = 0;
        for (int round = 0; round < 2000; ++round) {
            QByteArray bytes;
            const int count = random.bounded(1, 60);
            for (int i = 0; i < count; ++i)
                bytes += pieces.at(random.bounded(int(pieces.size())));
            const LyricsFormat format = std::array{LyricsFormat::Lrc, LyricsFormat::Srt, LyricsFormat::PlainText,
                                                   LyricsFormat::Auto}[random.bounded(4)];
            // when parsed, then it either imports or fails with a LyricsError, never worse
            try {
                const LyricsDocument document = parseLyrics(bytes, QStringLiteral("fuzz.lrc"), format);
                ++imported;
                const int lineCount = int(bytes.count('\n')) + 1;
                for (const LyricsWarning& warning : document.warnings)
                    QVERIFY(warning.line >= 1 && warning.line <= lineCount);
                for (int i = 1; i < document.lines.size(); ++i) {
                    if (document.lines.at(i).isTimed())
                        QVERIFY(*document.lines.at(i - 1).startMs <= *document.lines.at(i).startMs);
                }
            } catch (const LyricsError& error) {
                QVERIFY(error.message().startsWith(QStringLiteral("fuzz.lrc: ")));
            }
        }
        QVERIFY2(imported > 100, qPrintable(QString::number(imported)));
    }
};

QTEST_GUILESS_MAIN(TestLyrics)
#include "tst_lyrics.moc"
