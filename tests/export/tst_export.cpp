#include "ExportTestMedia.h"
#include "tessera/export/ExportError.h"
#include "tessera/export/VideoExporter.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <cstdio>
#include <sys/resource.h>

using namespace tessera;
using namespace tessera::testing;

namespace {

constexpr double kSongSeconds = 4.0;
constexpr double kClickInterval = 0.5;
constexpr double kFirstClick = 0.25;
constexpr double kFlashSeconds = 0.1;

//! Expects work to throw an ExportError (not a cancel) naming `path` and holding every fragment.
template <typename Work> void expectExportError(Work work, const QString& path, const QStringList& fragments)
{
    try {
        work();
    } catch (const ExportCancelled&) {
        QFAIL("expected an ExportError, got a cancellation");
    } catch (const ExportError& error) {
        QVERIFY2(error.message().startsWith(path + QStringLiteral(": ")), qPrintable(error.message()));
        for (const QString& fragment : fragments)
            QVERIFY2(error.message().contains(fragment), qPrintable(error.message() + " lacks " + fragment));
        return;
    }
    QFAIL("expected an ExportError");
}

ExportSettings smallSettings(const QString& output, qint64 frames)
{
    ExportSettings settings;
    settings.outputPath = output;
    settings.width = 320;
    settings.height = 240;
    settings.frameRate = FrameRate { 30, 1 };
    settings.frameCount = frames;
    settings.x264Preset = QStringLiteral("veryfast");
    return settings;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool haveTools()
{
    const QString ffprobe = QStringLiteral(TESSERA_FFPROBE);
    const QString ffmpeg = QStringLiteral(TESSERA_FFMPEG);
    return !ffprobe.isEmpty() && !ffmpeg.isEmpty() && !ffprobe.endsWith(QStringLiteral("NOTFOUND"))
        && !ffmpeg.endsWith(QStringLiteral("NOTFOUND"));
}

double number(const QJsonObject& object, const QString& key)
{
    return object.value(key).toString().toDouble();
}

// Child modes: the test binary re-run with an argument, so a test can kill it or limit its files.

//! Exports a long video, printing "frame N" after each frame, until killed.
int runLongExportChild(const QString& output, const QString& song)
{
    ExportSettings settings = smallSettings(output, 100000);
    settings.audioPath = song;
    PatternFrameSource source(320, 240, [](qint64 i) { return QColor::fromHsv(int(i % 360), 200, 200); });
    try {
        exportVideo(settings, source, [](const ExportProgress& progress) {
            std::printf("frame %lld\n", static_cast<long long>(progress.framesDone));
            std::fflush(stdout);
            return true;
        });
    } catch (const std::exception& error) {
        std::fprintf(stderr, "%s\n", error.what());
        return 3;
    }
    return 0;
}

//! Exports noise under a small file-size limit; prints the error and exits 3 when it fails.
int runFileSizeLimitChild(const QString& output, qint64 limitBytes)
{
    std::signal(SIGXFSZ, SIG_IGN); // writes past the limit then fail with EFBIG instead of killing us
    const rlimit limit { rlim_t(limitBytes), rlim_t(limitBytes) };
    if (setrlimit(RLIMIT_FSIZE, &limit) != 0)
        return 4;
    ExportSettings settings = smallSettings(output, 60);
    settings.crf = 0;
    PatternFrameSource source(320, 240);
    source.noise = true;
    try {
        exportVideo(settings, source);
    } catch (const ExportError& error) {
        std::fprintf(stderr, "%s\n", error.what());
        return 3;
    }
    return 0;
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void frameRateIsExact();
    void settingsValidation_data();
    void settingsValidation();
    void flashesAndClicksStayInSync_data();
    void flashesAndClicksStayInSync();
    void mp4IsTaggedAndIndexedFirst();
    void cancelLeavesNothing();
    void cancelAndErrorsKeepAnExistingTarget();
    void killedExportLeavesTargetAlone_data();
    void killedExportLeavesTargetAlone();
    void unwritableOutputsAreNamed();
    void fileSizeLimitIsReported();
    void fullDiskIsReported();
    void songProblemsAreNamed();
    void wrongFrameSizeIsNamed();
    void proResMovIsDecodable();
    void pngSequenceIsWrittenWhole();

private:
    QTemporaryDir m_dir;
};

void TestExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (!haveTools())
        QSKIP("ffprobe/ffmpeg (Debian package ffmpeg) are needed to decode the output independently");
}

void TestExport::frameRateIsExact()
{
    // given NTSC rates spelled as decimals and as fractions
    // when they are read
    // then they are the exact rationals and frame times come from them, not a rounded duration
    QCOMPARE(FrameRate::fromString(QStringLiteral("29.97")), (FrameRate { 30000, 1001 }));
    QCOMPARE(FrameRate::fromString(QStringLiteral("23.976")), (FrameRate { 24000, 1001 }));
    QCOMPARE(FrameRate::fromString(QStringLiteral("60000/1001")), (FrameRate { 60000, 1001 }));
    QCOMPARE(FrameRate::fromString(QStringLiteral("25")), (FrameRate { 25, 1 }));
    QVERIFY(!FrameRate::fromString(QStringLiteral("fast")));
    const FrameRate ntsc { 30000, 1001 };
    QCOMPARE(ntsc.secondsAt(30000 * 60), 1001.0 * 60);
    QCOMPARE(ntsc.firstFrameAtOrAfter(ntsc.secondsAt(1234)), qint64(1234));
}

void TestExport::settingsValidation_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("fpsNum");
    QTest::addColumn<int>("fpsDen");
    QTest::addColumn<qint64>("frames");
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("odd width") << 321 << 240 << 30 << 1 << qint64(10) << "medium"
                               << "even";
    QTest::newRow("too large") << 4096 << 2160 << 30 << 1 << qint64(10) << "medium"
                               << "too large";
    QTest::newRow("zero fps") << 320 << 240 << 0 << 1 << qint64(10) << "medium"
                              << "not positive";
    QTest::newRow("1000 fps") << 320 << 240 << 1000 << 1 << qint64(10) << "medium"
                              << "unsupported";
    QTest::newRow("no frames") << 320 << 240 << 30 << 1 << qint64(0) << "medium"
                               << "no frames";
    QTest::newRow("bad preset") << 320 << 240 << 30 << 1 << qint64(10) << "quick"
                                << "preset";
}

void TestExport::settingsValidation()
{
    // given settings with one problem
    QFETCH(int, width);
    QFETCH(int, height);
    QFETCH(int, fpsNum);
    QFETCH(int, fpsDen);
    QFETCH(qint64, frames);
    QFETCH(QString, preset);
    QFETCH(QString, fragment);
    const QString output = m_dir.filePath(QStringLiteral("invalid.mp4"));
    ExportSettings settings = smallSettings(output, frames);
    settings.width = width;
    settings.height = height;
    settings.frameRate = FrameRate { fpsNum, fpsDen };
    settings.x264Preset = preset;
    PatternFrameSource source(width, height);

    // when it is validated and exported
    // then both name the problem, the export names the file, and nothing is written
    QVERIFY2(settings.validationError().contains(fragment), qPrintable(settings.validationError()));
    expectExportError([&] { exportVideo(settings, source); }, output, { fragment });
    QVERIFY(!QFile::exists(output));
    QCOMPARE(source.calls, qint64(0));
    QVERIFY(smallSettings(output, 10).validationError().isEmpty());
}

void TestExport::flashesAndClicksStayInSync_data()
{
    QTest::addColumn<int>("fpsNum");
    QTest::addColumn<int>("fpsDen");
    QTest::addColumn<double>("songStart");
    QTest::addColumn<double>("seconds");
    QTest::addColumn<int>("sampleRate");
    QTest::addColumn<int>("channels");
    QTest::addColumn<QString>("songFormat");
    QTest::newRow("30 fps, 44.1 kHz stereo") << 30 << 1 << 0.0 << 3.5 << 44100 << 2 << "wav";
    QTest::newRow("25 fps range from 0.7 s, 48 kHz mono") << 25 << 1 << 0.7 << 2.5 << 48000 << 1 << "wav";
    QTest::newRow("24 fps, 44.1 kHz stereo") << 24 << 1 << 0.0 << 3.5 << 44100 << 2 << "wav";
    QTest::newRow("29.97 fps range from 1.13 s, 44.1 kHz stereo")
        << 30000 << 1001 << 1.13 << 2.5 << 44100 << 2 << "wav";
    QTest::newRow("30 fps, FLAC song from 1.4 s") << 30 << 1 << 1.4 << 2.5 << 44100 << 2 << "flac";
    QTest::newRow("30 fps, MP3 song from 0.9 s") << 30 << 1 << 0.9 << 2.5 << 44100 << 2 << "mp3";
}

void TestExport::flashesAndClicksStayInSync()
{
    // given a click track and frames that flash white from each click
    QFETCH(int, fpsNum);
    QFETCH(int, fpsDen);
    QFETCH(double, songStart);
    QFETCH(double, seconds);
    QFETCH(int, sampleRate);
    QFETCH(int, channels);
    QFETCH(QString, songFormat);
    const FrameRate rate { fpsNum, fpsDen };
    const std::vector<double> clicks = clickTimes(kFirstClick, kClickInterval, kSongSeconds - 0.1);
    const QString wav = m_dir.filePath(QStringLiteral("clicks-%1-%2.wav").arg(sampleRate).arg(channels));
    writeClickTrack(wav, sampleRate, channels, kSongSeconds, clicks);
    // Compressed songs seek by their own index and carry decoder delay; ffmpeg makes them from the WAV.
    QString song = wav;
    if (songFormat != QLatin1String("wav")) {
        song = m_dir.filePath(QStringLiteral("clicks.") + songFormat);
        QCOMPARE(runProgram(QStringLiteral(TESSERA_FFMPEG),
                     { QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-y"),
                         QStringLiteral("-i"), wav, QStringLiteral("-b:a"), QStringLiteral("256k"), song })
                     .exitCode,
            0);
    }
    const QString output = m_dir.filePath(QStringLiteral("sync-%1.mp4")
                                              .arg(QTest::currentDataTag())
                                              .replace(QLatin1Char(' '), QLatin1Char('_')));
    ExportSettings settings = smallSettings(output, qint64(std::lround(seconds * rate.framesPerSecond())));
    settings.frameRate = rate;
    settings.audioPath = song;
    settings.audioStartSeconds = songStart;
    FlashFrameSource source(320, 240, rate, songStart, clicks, kFlashSeconds);

    // when it is exported and decoded back by ffmpeg
    const ExportResult result = exportVideo(settings, source);
    QVERIFY(result.hasAudio);
    const std::vector<double> lumas = frameLumas(output);
    const std::vector<float> audio = decodedAudio(output, channels);
    const QJsonObject probed = probe(output);

    // then every flash starts on the first frame at or after its click, with no others, and the
    // decoded timestamp of that white frame is its frame time to within half a frame: the whole
    // video one frame early or late (frames or timestamps shifted) fails here
    const double frame = 1.0 / rate.framesPerSecond();
    QCOMPARE(qint64(lumas.size()), settings.frameCount);
    const std::vector<double> frameTimes = videoFrameTimes(output);
    QCOMPARE(qint64(frameTimes.size()), settings.frameCount);
    std::vector<qint64> flashStarts;
    for (size_t i = 0; i < lumas.size(); ++i) {
        if (lumas[i] > 128.0 && (i == 0 || lumas[i - 1] <= 128.0))
            flashStarts.push_back(qint64(i));
    }
    std::vector<double> clicksInRange;
    for (double click : clicks) {
        if (click >= songStart && rate.firstFrameAtOrAfter(click - songStart) < settings.frameCount)
            clicksInRange.push_back(click - songStart);
    }
    QCOMPARE(flashStarts.size(), clicksInRange.size());
    double worstFlash = 0.0;
    for (size_t k = 0; k < clicksInRange.size(); ++k) {
        const qint64 expectedFrame = rate.firstFrameAtOrAfter(clicksInRange[k]);
        const double shownAt = frameTimes[size_t(flashStarts[k])];
        const double expectedAt = rate.secondsAt(expectedFrame);
        worstFlash = std::max(worstFlash, std::abs(shownAt - expectedAt));
        QVERIFY2(flashStarts[k] == expectedFrame && std::abs(shownAt - expectedAt) < 0.5 * frame,
            qPrintable(QStringLiteral("click at %1 s: white from frame %2 shown at %3 s, expected frame %4 at %5 s")
                           .arg(clicksInRange[k])
                           .arg(flashStarts[k])
                           .arg(shownAt)
                           .arg(expectedFrame)
                           .arg(expectedAt)));
    }
    qInfo("flash timestamps: worst %.3f ms from their frame times over %d clicks", 1000.0 * worstFlash,
        int(clicksInRange.size()));

    // and the decoded clicks line up with the song's (the AAC priming is cut by the edit list)
    std::vector<float> original;
    {
        const QString range = m_dir.filePath(QStringLiteral("original.f32"));
        const ProgramResult cut = runProgram(QStringLiteral(TESSERA_FFMPEG),
            { QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), wav, QStringLiteral("-f"),
                QStringLiteral("f32le"), QStringLiteral("-") });
        QCOMPARE(cut.exitCode, 0);
        const auto* all = reinterpret_cast<const float*>(cut.out.constData());
        const qsizetype first = qsizetype(std::llround(songStart * sampleRate));
        for (qsizetype i = first; i < cut.out.size() / qsizetype(sizeof(float)) / channels; ++i)
            original.push_back(all[i * channels]);
    }
    const std::vector<double> expected = findOnsets(original, sampleRate, clicksInRange);
    const std::vector<double> decoded = findOnsets(audio, sampleRate, clicksInRange);
    double worst = 0.0;
    double sum = 0.0;
    for (size_t k = 0; k < clicksInRange.size(); ++k) {
        QVERIFY2(
            expected[k] >= 0.0 && decoded[k] >= 0.0, qPrintable(QStringLiteral("click %1 not found").arg(k)));
        worst = std::max(worst, std::abs(decoded[k] - expected[k]));
        sum += decoded[k] - expected[k];
    }
    qInfo("audio offset after AAC round trip: mean %.3f ms, worst %.3f ms over %d clicks",
        1000.0 * sum / double(clicksInRange.size()), 1000.0 * worst, int(clicksInRange.size()));
    // measured: on the same sample in every row; one sample of slack for the AAC round trip
    QVERIFY2(std::lround(worst * sampleRate) <= 1,
        qPrintable(QStringLiteral("clicks off by up to %1 ms").arg(worst * 1000.0)));
    // and it is the MP4 edit list that does it: read without it, the clicks come late by the AAC
    // encoder's priming (1024 samples), so this check would see a missing or wrong edit list
    const std::vector<float> primed
        = decodedAudio(output, channels, { QStringLiteral("-ignore_editlist"), QStringLiteral("1") });
    const std::vector<double> late = findOnsets(primed, sampleRate, clicksInRange);
    QVERIFY(late[0] >= 0.0);
    QCOMPARE(std::lround((late[0] - expected[0]) * sampleRate), 1024L);

    // and both streams last the video's length, start at 0, and the audio keeps rate and channels
    const QJsonObject video = streamOf(probed, QStringLiteral("video"));
    const QJsonObject sound = streamOf(probed, QStringLiteral("audio"));
    QVERIFY(std::abs(number(video, QStringLiteral("duration")) - settings.durationSeconds()) < frame);
    QVERIFY2(std::abs(number(sound, QStringLiteral("duration")) - settings.durationSeconds()) < frame,
        qPrintable(sound.value(QStringLiteral("duration")).toString()));
    QVERIFY(std::abs(number(video, QStringLiteral("start_time"))) < 0.001);
    QVERIFY2(std::abs(number(sound, QStringLiteral("start_time"))) < 0.001,
        qPrintable(sound.value(QStringLiteral("start_time")).toString()));
    QVERIFY2(std::abs(double(audio.size()) / sampleRate - settings.durationSeconds()) < frame,
        qPrintable(QString::number(double(audio.size()) / sampleRate)));
    QCOMPARE(sound.value(QStringLiteral("sample_rate")).toString().toInt(), sampleRate);
    QCOMPARE(sound.value(QStringLiteral("channels")).toInt(), channels);
    QCOMPARE(video.value(QStringLiteral("r_frame_rate")).toString(),
        QStringLiteral("%1/%2").arg(fpsNum).arg(fpsDen));
}

void TestExport::mp4IsTaggedAndIndexedFirst()
{
    // given a short export with a song
    const QString song = m_dir.filePath(QStringLiteral("tags.wav"));
    writeClickTrack(song, 44100, 2, 2.0, clickTimes(kFirstClick, kClickInterval, 2.0));
    const QString output = m_dir.filePath(QStringLiteral("tags.mp4"));
    ExportSettings settings = smallSettings(output, 45);
    settings.audioPath = song;
    settings.x264Preset = QStringLiteral("medium");
    PatternFrameSource source(
        320, 240, [](qint64 i) { return QColor::fromHsv(int(i * 8 % 360), 180, 220); },
        QImage::Format_ARGB32);

    // when it is exported and probed
    exportVideo(settings, source);
    const QJsonObject probed = probe(output);
    const QJsonObject video = streamOf(probed, QStringLiteral("video"));
    const QJsonObject sound = streamOf(probed, QStringLiteral("audio"));

    // then it is H.264 High 4:2:0, BT.709 limited range, square pixels, with AAC
    QCOMPARE(video.value(QStringLiteral("codec_name")).toString(), QStringLiteral("h264"));
    QCOMPARE(video.value(QStringLiteral("profile")).toString(), QStringLiteral("High"));
    QCOMPARE(video.value(QStringLiteral("pix_fmt")).toString(), QStringLiteral("yuv420p"));
    QCOMPARE(video.value(QStringLiteral("color_primaries")).toString(), QStringLiteral("bt709"));
    QCOMPARE(video.value(QStringLiteral("color_transfer")).toString(), QStringLiteral("bt709"));
    QCOMPARE(video.value(QStringLiteral("color_space")).toString(), QStringLiteral("bt709"));
    QCOMPARE(video.value(QStringLiteral("color_range")).toString(), QStringLiteral("tv"));
    const QString aspect = video.value(QStringLiteral("sample_aspect_ratio")).toString(QStringLiteral("1:1"));
    QCOMPARE(aspect, QStringLiteral("1:1"));
    QCOMPARE(video.value(QStringLiteral("width")).toInt(), 320);
    QCOMPARE(sound.value(QStringLiteral("codec_name")).toString(), QStringLiteral("aac"));
    // and the index (moov) comes before the media (mdat), for playback while downloading
    const QStringList boxes = topLevelBoxes(output);
    QVERIFY2(boxes.contains(QStringLiteral("moov")) && boxes.contains(QStringLiteral("mdat")),
        qPrintable(boxes.join(',')));
    QVERIFY2(boxes.indexOf(QStringLiteral("moov")) < boxes.indexOf(QStringLiteral("mdat")),
        qPrintable(boxes.join(',')));
    // and ffmpeg decodes all of it without a complaint
    const ProgramResult decode = runProgram(QStringLiteral(TESSERA_FFMPEG),
        { QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), output, QStringLiteral("-f"),
            QStringLiteral("null"), QStringLiteral("-") });
    QCOMPARE(decode.exitCode, 0);
    QVERIFY2(decode.err.trimmed().isEmpty(), qPrintable(decode.err));
    // and a mid-grey converts with the BT.709 limited-range matrix (Y = 16 + 219 * 0.5)
    const QString grey = m_dir.filePath(QStringLiteral("grey.mp4"));
    ExportSettings greySettings = smallSettings(grey, 3);
    PatternFrameSource greySource(320, 240, [](qint64) { return QColor(128, 128, 128); });
    exportVideo(greySettings, greySource);
    const ProgramResult raw = runProgram(QStringLiteral(TESSERA_FFMPEG),
        { QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), grey,
            QStringLiteral("-frames:v"), QStringLiteral("1"), QStringLiteral("-f"),
            QStringLiteral("rawvideo"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"),
            QStringLiteral("-") });
    QVERIFY(raw.out.size() >= 320 * 240);
    QVERIFY2(std::abs(int(quint8(raw.out[320 * 120 + 160])) - 126) <= 1,
        qPrintable(QString::number(quint8(raw.out[320 * 120 + 160]))));
}

void TestExport::cancelLeavesNothing()
{
    // given an export of 300 frames into an empty folder
    const QString folder = m_dir.filePath(QStringLiteral("cancel"));
    QVERIFY(QDir().mkpath(folder));
    const QString output = folder + QStringLiteral("/cancelled.mp4");
    ExportSettings settings = smallSettings(output, 300);
    PatternFrameSource source(320, 240);
    qint64 lastSeen = 0;
    qint64 reportedCount = 0;
    ExportProgress last;

    // when the progress callback says stop at frame 10
    try {
        exportVideo(settings, source, [&](const ExportProgress& progress) {
            lastSeen = progress.framesDone;
            reportedCount = progress.frameCount;
            last = progress;
            return progress.framesDone < 10;
        });
        QFAIL("expected ExportCancelled");
    } catch (const ExportCancelled& cancelled) {
        QCOMPARE(cancelled.message(), output + QStringLiteral(": cancelled"));
    }

    // then it stopped at once: no target, no temporary, and the source was asked for few more frames
    QCOMPARE(lastSeen, qint64(10));
    QCOMPARE(reportedCount, qint64(300));
    QVERIFY(last.framesPerSecond > 0.0);
    QVERIFY(std::abs(last.etaSeconds - 290.0 / last.framesPerSecond) < 1e-6);
    QVERIFY2(source.calls <= 15, qPrintable(QString::number(source.calls)));
    QVERIFY(!QFile::exists(output));
    QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
}

void TestExport::cancelAndErrorsKeepAnExistingTarget()
{
    // given a folder holding an earlier export
    const QString folder = m_dir.filePath(QStringLiteral("keep"));
    QVERIFY(QDir().mkpath(folder));
    const QString output = folder + QStringLiteral("/video.mp4");
    const QByteArray earlier("an earlier export that must survive");
    {
        QFile file(output);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(earlier);
    }
    const QString notAudio = folder + QStringLiteral("/notes.txt");
    {
        QFile file(notAudio);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("these are lyrics, not a song\n");
    }
    ExportSettings settings = smallSettings(output, 120);

    // when one export is cancelled, one's source throws halfway and one's song is not audio
    PatternFrameSource cancelled(320, 240);
    QVERIFY_THROWS_EXCEPTION(ExportCancelled,
        exportVideo(settings, cancelled, [](const ExportProgress& p) { return p.framesDone < 30; }));
    PatternFrameSource failing(320, 240);
    failing.throwAt = 60;
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, exportVideo(settings, failing));
    ExportSettings badSong = settings;
    badSong.audioPath = notAudio;
    PatternFrameSource unused(320, 240);
    expectExportError(
        [&] { exportVideo(badSong, unused); }, notAudio, { QStringLiteral("cannot read it as audio") });

    // then the earlier export is byte for byte what it was, and no temporary is left
    QCOMPARE(readAll(output), earlier);
    QCOMPARE(temporaries(folder), QStringList());
}

void TestExport::killedExportLeavesTargetAlone_data()
{
    QTest::addColumn<bool>("existing");
    QTest::newRow("no earlier file") << false;
    QTest::newRow("an earlier file") << true;
}

void TestExport::killedExportLeavesTargetAlone()
{
    // given a child process exporting a long video (this binary in its child mode)
    QFETCH(bool, existing);
    const QString folder
        = m_dir.filePath(existing ? QStringLiteral("kill-existing") : QStringLiteral("kill-new"));
    QVERIFY(QDir().mkpath(folder));
    const QString output = folder + QStringLiteral("/long.mp4");
    const QByteArray earlier("an earlier export that must survive a crash");
    if (existing) {
        QFile file(output);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(earlier);
    }
    const QString song = folder + QStringLiteral("/song.wav");
    writeClickTrack(song, 44100, 2, kSongSeconds, clickTimes(kFirstClick, kClickInterval, kSongSeconds));
    QProcess child;
    child.start(
        QCoreApplication::applicationFilePath(), { QStringLiteral("--export-child-long"), output, song });
    QVERIFY(child.waitForStarted());
    QByteArray seen;
    while (!seen.contains("frame 40\n") && child.state() == QProcess::Running) {
        QVERIFY2(child.waitForReadyRead(30000), "the child export made no progress");
        seen += child.readAllStandardOutput();
    }

    // when it is killed with SIGKILL midway
    QVERIFY(child.state() == QProcess::Running);
    child.kill();
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    // then the target is absent (or the earlier file byte-identical); at most the temporary remains
    if (existing)
        QCOMPARE(readAll(output), earlier);
    else
        QVERIFY(!QFile::exists(output));
    const QStringList left = temporaries(folder);
    QVERIFY2(left.size() <= 1, qPrintable(left.join(',')));
    for (const QString& name : left) {
        QVERIFY2(name.startsWith(QStringLiteral(".long.partial-")) && name.endsWith(QStringLiteral(".mp4")),
            qPrintable(name));
        QFile::remove(folder + QLatin1Char('/') + name);
    }
}

void TestExport::unwritableOutputsAreNamed()
{
    // given outputs in folders that cannot take a file, even for root
    const QString regularFile = m_dir.filePath(QStringLiteral("plain.txt"));
    {
        QFile file(regularFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    const QString underFile = regularFile + QStringLiteral("/out.mp4");
    const QString missing = m_dir.filePath(QStringLiteral("no/such/folder/out.mp4"));
    const QString sysfs = QStringLiteral("/sys/tessera-export-test.mp4");
    const QString isFolder = m_dir.path();
    PatternFrameSource source(320, 240);

    // when exports are started there
    // then each fails naming the file and saying why, before rendering a frame
    expectExportError([&] { exportVideo(smallSettings(underFile, 5), source); }, underFile,
        { QStringLiteral("is not a folder") });
    expectExportError([&] { exportVideo(smallSettings(missing, 5), source); }, missing,
        { QStringLiteral("does not exist") });
    expectExportError([&] { exportVideo(smallSettings(isFolder, 5), source); }, isFolder,
        { QStringLiteral("is a folder") });
    if (QFileInfo(QStringLiteral("/sys")).isDir()) {
        // sysfs refuses new files to everyone, root included (EACCES)
        expectExportError([&] { exportVideo(smallSettings(sysfs, 5), source); }, sysfs,
            { QStringLiteral("cannot write in the folder /sys") });
        QVERIFY(!QFile::exists(sysfs));
    }
    QCOMPARE(source.calls, qint64(0));
}

void TestExport::fileSizeLimitIsReported()
{
    // given a child process whose files may not grow past 200 kB (RLIMIT_FSIZE; writes fail with EFBIG)
    const QString folder = m_dir.filePath(QStringLiteral("fsize"));
    QVERIFY(QDir().mkpath(folder));
    const QString output = folder + QStringLiteral("/big.mp4");

    // when it exports incompressible frames
    const ProgramResult result = runProgram(QCoreApplication::applicationFilePath(),
        { QStringLiteral("--export-child-fsize"), output, QStringLiteral("204800") });

    // then the export fails cleanly, naming the file and the limit, and leaves nothing behind
    QVERIFY2(
        result.exitCode == 3, qPrintable(QStringLiteral("exit %1: %2").arg(result.exitCode).arg(result.err)));
    const QString message = result.err.trimmed();
    QVERIFY2(message.startsWith(output
                 + QStringLiteral(": file size limit reached while writing the video (File too large)")),
        qPrintable(message));
    QVERIFY(!QFile::exists(output));
    QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
}

void TestExport::fullDiskIsReported()
{
    // given a 1 MB tmpfs (needs root or CAP_SYS_ADMIN; skipped elsewhere)
    const QString mountPoint = m_dir.filePath(QStringLiteral("tiny-disk"));
    QVERIFY(QDir().mkpath(mountPoint));
    if (runProgram(QStringLiteral("mount"),
            { QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"), QStringLiteral("size=1m"),
                QStringLiteral("tmpfs"), mountPoint })
            .exitCode
        != 0)
        QSKIP("cannot mount a tmpfs here (not root?)");
    const auto unmount = qScopeGuard([&] { runProgram(QStringLiteral("umount"), { mountPoint }); });
    const QString output = mountPoint + QStringLiteral("/full.mp4");
    ExportSettings settings = smallSettings(output, 90);
    settings.crf = 0;
    PatternFrameSource source(320, 240);
    source.noise = true;

    // when an export outgrows it
    // then it fails saying the disk is full, and the disk holds nothing afterwards
    expectExportError([&] { exportVideo(settings, source); }, output,
        { QStringLiteral("disk full while writing the video"), QStringLiteral("No space left on device") });
    QVERIFY(!QFile::exists(output));
    QCOMPARE(
        QDir(mountPoint).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
}

void TestExport::songProblemsAreNamed()
{
    // given a missing song, a text file and a picture posing as songs
    const QString missing = m_dir.filePath(QStringLiteral("missing.mp3"));
    const QString text = m_dir.filePath(QStringLiteral("lyrics.mp3"));
    {
        QFile file(text);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
    }
    const QString picture = m_dir.filePath(QStringLiteral("cover.png"));
    QImage cover(64, 64, QImage::Format_RGB888);
    cover.fill(Qt::red);
    QVERIFY(cover.save(picture));
    const QString output = m_dir.filePath(QStringLiteral("songless.mp4"));
    PatternFrameSource source(320, 240);

    // when they are exported with
    // then the error names the song and the problem, and no video appears
    for (const auto& [song, fragment] : { std::pair { missing, QStringLiteral("no such song file") },
             std::pair { text, QStringLiteral("cannot read it as audio") },
             std::pair { picture, QStringLiteral("no audio stream") } }) {
        ExportSettings settings = smallSettings(output, 10);
        settings.audioPath = song;
        expectExportError([&] { exportVideo(settings, source); }, song, { fragment });
        QVERIFY(!QFile::exists(output));
    }
    QCOMPARE(temporaries(m_dir.path()), QStringList());
}

void TestExport::wrongFrameSizeIsNamed()
{
    // given a source whose frames are not the export size
    const QString output = m_dir.filePath(QStringLiteral("wrong-size.mp4"));
    PatternFrameSource source(640, 480);

    // when it is exported
    // then the error names the file, the frame and both sizes, and nothing is left
    expectExportError([&] { exportVideo(smallSettings(output, 10), source); }, output,
        { QStringLiteral("frame 0 is 640x480, expected 320x240") });
    QVERIFY(!QFile::exists(output));
    QCOMPARE(temporaries(m_dir.path()), QStringList());
}

void TestExport::proResMovIsDecodable()
{
    // given the ProRes preset with a 48 kHz song
    const QString song = m_dir.filePath(QStringLiteral("prores.wav"));
    writeClickTrack(song, 48000, 2, 1.0, clickTimes(kFirstClick, kClickInterval, 1.0));
    const QString output = m_dir.filePath(QStringLiteral("master.mov"));
    ExportSettings settings = smallSettings(output, 12);
    settings.format = ExportFormat::ProRes422Mov;
    settings.frameRate = FrameRate { 25, 1 };
    settings.audioPath = song;
    PatternFrameSource source(320, 240, [](qint64 i) { return QColor::fromHsv(int(i * 20), 200, 200); });

    // when it is exported and probed
    exportVideo(settings, source);
    const QJsonObject video = streamOf(probe(output), QStringLiteral("video"));
    const QJsonObject sound = streamOf(probe(output), QStringLiteral("audio"));
    const ProgramResult counted = runProgram(QStringLiteral(TESSERA_FFPROBE),
        { QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-count_frames"),
            QStringLiteral("-select_streams"), QStringLiteral("v:0"), QStringLiteral("-show_entries"),
            QStringLiteral("stream=nb_read_frames"), QStringLiteral("-of"), QStringLiteral("csv=p=0"),
            output });

    // then it is ProRes 422 10-bit 4:2:2 with PCM sound, all 12 frames decodable, 0.48 s long
    QCOMPARE(video.value(QStringLiteral("codec_name")).toString(), QStringLiteral("prores"));
    QCOMPARE(video.value(QStringLiteral("profile")).toString(), QStringLiteral("Standard"));
    QCOMPARE(video.value(QStringLiteral("codec_tag_string")).toString(), QStringLiteral("apcn"));
    QCOMPARE(video.value(QStringLiteral("pix_fmt")).toString(), QStringLiteral("yuv422p10le"));
    QCOMPARE(video.value(QStringLiteral("color_space")).toString(), QStringLiteral("bt709"));
    QCOMPARE(sound.value(QStringLiteral("codec_name")).toString(), QStringLiteral("pcm_s16le"));
    QCOMPARE(sound.value(QStringLiteral("sample_rate")).toString(), QStringLiteral("48000"));
    QCOMPARE(QString::fromUtf8(counted.out).trimmed(), QStringLiteral("12"));
    QVERIFY(std::abs(number(video, QStringLiteral("duration")) - 0.48) < 0.04);
    QVERIFY(std::abs(number(sound, QStringLiteral("duration")) - 0.48) < 0.04);
}

void TestExport::pngSequenceIsWrittenWhole()
{
    // given a PNG-sequence export into a new folder
    const QString output = m_dir.filePath(QStringLiteral("frames"));
    ExportSettings settings = smallSettings(output, 5);
    settings.format = ExportFormat::PngSequence;
    PatternFrameSource source(320, 240, [](qint64 i) { return QColor(int(i * 50), 0, 0); });

    // when it is exported
    exportVideo(settings, source);

    // then the folder holds exactly frames_000001.png .. frames_000005.png, each the right picture
    const QStringList names = QDir(output).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    QCOMPARE(names,
        (QStringList { QStringLiteral("frames_000001.png"), QStringLiteral("frames_000002.png"),
            QStringLiteral("frames_000003.png"), QStringLiteral("frames_000004.png"),
            QStringLiteral("frames_000005.png") }));
    const QImage third(output + QStringLiteral("/frames_000003.png"));
    QCOMPARE(third.size(), QSize(320, 240));
    QCOMPARE(third.pixelColor(10, 10), QColor(100, 0, 0));

    // and a second export replaces the old frames whole, while a folder with other files is refused
    settings.frameCount = 3;
    exportVideo(settings, source);
    QCOMPARE(QDir(output).entryList(QDir::Files).size(), 3);
    QCOMPARE(temporaries(m_dir.path()), QStringList());
    QFile other(output + QStringLiteral("/keep-me.txt"));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.close();
    expectExportError(
        [&] { exportVideo(settings, source); }, output, { QStringLiteral("holds other files") });
    QVERIFY(QFile::exists(other.fileName()));
}

int main(int argc, char** argv)
{
    setExportLogging(false);
    if (argc == 4 && qstrcmp(argv[1], "--export-child-long") == 0)
        return runLongExportChild(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    if (argc == 4 && qstrcmp(argv[1], "--export-child-fsize") == 0)
        return runFileSizeLimitChild(QString::fromLocal8Bit(argv[2]), QByteArray(argv[3]).toLongLong());
    QCoreApplication app(argc, argv);
    TestExport test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_export.moc"
