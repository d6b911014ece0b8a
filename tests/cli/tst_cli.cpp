// End-to-end tests of tessera-cli: the real executable on real project files.
#include "CatalogTestData.h"
#include "CliRunner.h"
#include "LdmTestCheckpoint.h"
#include "TestAudio.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/core/AxisSpec.h"
#include "tessera/generation/ShardMerge.h"
#include "tessera/generation/SlurmFarm.h"

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>

using namespace tessera;

using tessera::testing::CliResult;
using tessera::testing::runCli;

//! One tensor of a .safetensors file as float32 values (the test reads the format itself).
QVector<float> readSafetensorsFloat(const QString& path, const QString& name, QVector<qint64>* shape = nullptr)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    if (bytes.size() < 8)
        return {};
    quint64 headerSize = 0;
    std::memcpy(&headerSize, bytes.constData(), 8);
    const QJsonObject header = QJsonDocument::fromJson(bytes.mid(8, qsizetype(headerSize))).object();
    const QJsonObject entry = header.value(name).toObject();
    if (entry.value(QStringLiteral("dtype")).toString() != QStringLiteral("F32"))
        return {};
    if (shape) {
        shape->clear();
        for (const auto dim : entry.value(QStringLiteral("shape")).toArray())
            shape->append(dim.toInteger());
    }
    const QJsonArray offsets = entry.value(QStringLiteral("data_offsets")).toArray();
    const qint64 begin = 8 + qint64(headerSize) + offsets.at(0).toInteger();
    const qint64 end = 8 + qint64(headerSize) + offsets.at(1).toInteger();
    QVector<float> values((end - begin) / qint64(sizeof(float)));
    std::memcpy(values.data(), bytes.constData() + begin, std::size_t(end - begin));
    return values;
}

//! Runs program with PATH (and the extra variables) set: how the farm tests keep Slurm's tools out
//! of reach, or run a generated sbatch script as slurmd would.
CliResult runWithPath(const QString& program, const QStringList& arguments, const QString& path,
    const QStringList& variables = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PATH"), path);
    for (const QString& variable : variables)
        environment.insert(variable.section(QLatin1Char('='), 0, 0), variable.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(600000)) {
        process.kill();
        process.waitForFinished();
        return {-1, {}, QStringLiteral("%1 did not finish").arg(program)};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    //! A project of two segments, 2x2 and 1x2: six pending cells, in this order (timeline,
    //! row-major): segment 1's 0,0 0,1 1,0 1,1, segment 2's 0,0 0,1.
    QString farmProject(const QString& name)
    {
        const QString path = m_dir.filePath(name);
        const auto catalog = Catalog::create(path);
        Segment first;
        first.range = {0, 2000};
        first.lyric = QStringLiteral("neon rivers");
        first.seed = 3;
        first.grid = GridGeometry{2, 2};
        catalog->addSegment(first);
        Segment second;
        second.range = {2000, 4000};
        second.lyric = QStringLiteral("glass birds");
        second.seed = 5;
        second.grid = GridGeometry{1, 2};
        catalog->addSegment(second);
        return path;
    }

    //! An empty folder for PATH: no sbatch, no squeue.
    QString emptyPath()
    {
        const QString path = m_dir.filePath(QStringLiteral("empty-path"));
        QDir().mkpath(path);
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void newThenInfoJson()
    {
        // given a new project made by the CLI
        const QString path = m_dir.filePath(QStringLiteral("p.tessera"));
        const CliResult created = runCli({QStringLiteral("new"), QStringLiteral("--fps"), QStringLiteral("24"),
            QStringLiteral("--size"), QStringLiteral("1280x720"), path});
        QCOMPARE(created.exitCode, 0);
        // when described as JSON
        const CliResult info = runCli({QStringLiteral("info"), QStringLiteral("--json"), path});
        QCOMPARE(info.exitCode, 0);
        // then it is valid JSON carrying the schema version, the settings and a segment list
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(info.out.toUtf8(), &parseError);
        QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
        const QJsonObject json = document.object();
        QCOMPARE(json.value(QStringLiteral("schemaVersion")).toInt(), Catalog::kSchemaVersion);
        QCOMPARE(json.value(QStringLiteral("settings")).toObject().value(QStringLiteral("fps")).toString(), QStringLiteral("24"));
        QCOMPARE(json.value(QStringLiteral("settings")).toObject().value(QStringLiteral("width")).toInt(), 1280);
        QVERIFY(json.value(QStringLiteral("segments")).isArray());
        // and the plain text names the project
        const CliResult text = runCli({QStringLiteral("info"), path});
        QVERIFY(text.out.contains(QStringLiteral("1280x720 at 24 fps")));
    }

    void cellImportStoresTheImageAsAnRgbVersion()
    {
        // given a project with one segment, a 3x2 PNG with a half-transparent pixel and a text file
        const QString path = m_dir.filePath(QStringLiteral("import.tessera"));
        qint64 segmentId = 0;
        {
            const auto catalog = Catalog::create(path);
            Segment segment;
            segment.range = {0, 2000};
            segment.grid = GridGeometry{1, 2};
            segmentId = catalog->addSegment(segment);
        }
        QImage image(3, 2, QImage::Format_ARGB32);
        image.fill(QColor(200, 40, 10));
        image.setPixelColor(2, 1, QColor(0, 0, 255, 128));
        const QString png = m_dir.filePath(QStringLiteral("cell.png"));
        QVERIFY(image.save(png));
        const QString text = m_dir.filePath(QStringLiteral("notes.png"));
        {
            QFile file(text);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("not an image\n");
        }
        // when each is imported into cell 0,1
        const CliResult imported = runCli({QStringLiteral("cell"), path, QStringLiteral("--segment"), QStringLiteral("1"),
            QStringLiteral("--cell"), QStringLiteral("0,1"), QStringLiteral("--import"), png});
        const CliResult refused = runCli({QStringLiteral("cell"), path, QStringLiteral("--segment"), QStringLiteral("1"),
            QStringLiteral("--cell"), QStringLiteral("0,1"), QStringLiteral("--import"), text});
        // then the image is the cell's one version: same size, stored as an opaque RGB PNG, its
        // recipe naming the file; the text file is refused by name and adds nothing
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains(text + QStringLiteral(": cannot read the image")), qPrintable(refused.err));
        const auto catalog = Catalog::open(path, Catalog::Access::ReadOnly);
        const auto cell = catalog->cell(segmentId, CellIndex{0, 1});
        QVERIFY(cell);
        const QVector<Version> versions = catalog->versions(cell->id);
        QCOMPARE(versions.size(), 1);
        QCOMPARE(cell->activeVersionId, versions.front().id);
        QCOMPARE(versions.front().width, 3);
        QCOMPARE(versions.front().height, 2);
        const QImage stored = QImage::fromData(catalog->versionImage(versions.front().id), "PNG");
        QCOMPARE(stored.size(), QSize(3, 2));
        QVERIFY(!stored.hasAlphaChannel());
        QCOMPARE(stored.pixelColor(0, 0), QColor(200, 40, 10));
        QCOMPARE(versions.front().recipe.value(QStringLiteral("source")).toString(), QStringLiteral("import"));
        QCOMPARE(versions.front().recipe.value(QStringLiteral("file")).toString(), QFileInfo(png).absoluteFilePath());
    }

    void infoListsSegments()
    {
        const QString path = m_dir.filePath(QStringLiteral("segments.tessera"));
        {
            const auto catalog = Catalog::create(path);
            Segment segment;
            segment.range = {1500, 4200};
            segment.lyric = QStringLiteral("we ride the night");
            catalog->addSegment(segment);
        }
        const CliResult info = runCli({QStringLiteral("info"), QStringLiteral("--json"), path});
        const QJsonArray segments = QJsonDocument::fromJson(info.out.toUtf8()).object().value(QStringLiteral("segments")).toArray();
        QCOMPARE(segments.size(), 1);
        QCOMPARE(segments[0].toObject().value(QStringLiteral("lyric")).toString(), QStringLiteral("we ride the night"));
        QCOMPARE(segments[0].toObject().value(QStringLiteral("startMs")).toInt(), 1500);
    }

    void foreignFileFailsWithOneLineReason()
    {
        // given a text file
        const QString path = m_dir.filePath(QStringLiteral("hostname"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("build-machine\n");
        file.close();
        // when asked for info, then it exits non-zero with one line naming the file and problem
        for (const QString& command : {QStringLiteral("info"), QStringLiteral("check")}) {
            const CliResult result = runCli({command, path});
            QCOMPARE(result.exitCode, 1);
            QVERIFY(result.out.isEmpty());
            QCOMPARE(result.err.count(QLatin1Char('\n')), 1);
            QVERIFY2(result.err.contains(path) && result.err.contains(QStringLiteral("not a Tessera project")), qPrintable(result.err));
        }
        // and a missing file likewise
        const CliResult missing = runCli({QStringLiteral("info"), m_dir.filePath(QStringLiteral("nope.tessera"))});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(QStringLiteral("no such file")));
    }

    void newRefusesBadArgumentsAndExistingFiles()
    {
        const QString path = m_dir.filePath(QStringLiteral("twice.tessera"));
        QCOMPARE(runCli({QStringLiteral("new"), path}).exitCode, 0);
        const CliResult again = runCli({QStringLiteral("new"), path});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains(QStringLiteral("already exists")));
        const CliResult odd = runCli({QStringLiteral("new"), QStringLiteral("--size"), QStringLiteral("1921x1080"), m_dir.filePath(QStringLiteral("odd.tessera"))});
        QCOMPARE(odd.exitCode, 1);
        QVERIFY(odd.err.contains(QStringLiteral("even")));
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("odd.tessera"))));
        QCOMPARE(runCli({QStringLiteral("new"), QStringLiteral("--fps"), QStringLiteral("fast"), path}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("new")}).exitCode, 2);
    }

    void checkReportsProblems()
    {
        const QString path = m_dir.filePath(QStringLiteral("check.tessera"));
        QCOMPARE(runCli({QStringLiteral("new"), path}).exitCode, 0);
        const CliResult ok = runCli({QStringLiteral("check"), QStringLiteral("--json"), path});
        QCOMPARE(ok.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(ok.out.toUtf8()).object().value(QStringLiteral("ok")).toBool(), true);
        // plant a done cell without an image through a second, raw writer
        {
            const auto catalog = Catalog::open(path);
            Segment segment;
            segment.range = {0, 1000};
            segment.grid = GridGeometry(1, 1);
            catalog->addSegment(segment);
        }
        QProcess sqlite;
        sqlite.start(QStringLiteral("sqlite3"), {path, QStringLiteral("UPDATE cells SET state = 'done'")});
        if (!sqlite.waitForFinished() || sqlite.exitCode() != 0)
            QSKIP("the sqlite3 shell is not installed");
        const CliResult bad = runCli({QStringLiteral("check"), path});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.out.contains(QStringLiteral("no active version")));
        QVERIFY(bad.err.contains(QStringLiteral("1 integrity problem")));
    }

    void newFromSongAndLyricsThenAnalyze()
    {
        // given a 12 s song at 120 BPM and lyrics with word timing and one malformed line
        QTemporaryDir dir;
        const QString song = dir.filePath(QStringLiteral("song.wav"));
        QVERIFY(testing::writeClickTrackWav(song, 12.0, 120.0));
        const QString lyrics = dir.filePath(QStringLiteral("song.lrc"));
        QFile file(lyrics);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[ti:Click]\n[00:00.50]<00:00.50>Count <00:01.00>to <00:01.50>four\n[00:04.00]Second line\n"
                   "[0x:zz]broken\n[00:08.00]Last line\n");
        file.close();
        const QString project = dir.filePath(QStringLiteral("song.tessera"));

        // when a project is made from them
        const CliResult created = runCli({QStringLiteral("new"), QStringLiteral("--audio"), song,
            QStringLiteral("--lyrics"), lyrics, project});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        // then the malformed line is reported by number and the rest became segments
        QVERIFY2(created.out.contains(QStringLiteral("line 4")), qPrintable(created.out));
        const QJsonObject info = QJsonDocument::fromJson(runCli({QStringLiteral("info"), QStringLiteral("--json"), project}).out.toUtf8()).object();
        const QJsonArray segments = info.value(QStringLiteral("segments")).toArray();
        QCOMPARE(segments.size(), 3);
        QCOMPARE(segments[1].toObject().value(QStringLiteral("lyric")).toString(), QStringLiteral("Second line"));
        QCOMPARE(segments[2].toObject().value(QStringLiteral("endMs")).toInt(), 12000);
        QCOMPARE(info.value(QStringLiteral("settings")).toObject().value(QStringLiteral("audioPath")).toString(), QStringLiteral("song.wav"));

        // when analysed with a plot, then tempo and beats match the clicks and the PNG is real
        const QString plot = dir.filePath(QStringLiteral("features.png"));
        const CliResult analysed = runCli({QStringLiteral("analyze"), QStringLiteral("--json"), QStringLiteral("--plot"), plot, project});
        QVERIFY2(analysed.exitCode == 0, qPrintable(analysed.err));
        const QJsonObject analysis = QJsonDocument::fromJson(analysed.out.toUtf8()).object();
        QVERIFY2(qAbs(analysis.value(QStringLiteral("tempoBpm")).toDouble() - 120.0) < 1.2, qPrintable(analysed.out.left(400)));
        QVERIFY(analysis.value(QStringLiteral("beats")).toArray().size() >= 18);
        QVERIFY(analysis.value(QStringLiteral("fromCache")).toBool()); // analysed once, at `new`
        QImage image;
        QVERIFY(image.load(plot));
        QVERIFY(image.width() > 800);

        // when the song moves within the project folder, the next analysis relinks it
        QDir(dir.path()).mkpath(QStringLiteral("audio"));
        QVERIFY(QFile::rename(song, dir.filePath(QStringLiteral("audio/song.wav"))));
        const CliResult relinked = runCli({QStringLiteral("analyze"), project});
        QVERIFY2(relinked.exitCode == 0, qPrintable(relinked.err));
        QVERIFY2(relinked.out.contains(QStringLiteral("relinked")), qPrintable(relinked.out));
        QCOMPARE(runCli({QStringLiteral("check"), project}).exitCode, 0);

        // when exported and imported again, the lines survive with their word timing
        const QString exported = dir.filePath(QStringLiteral("out.lrc"));
        QCOMPARE(runCli({QStringLiteral("lyrics"), project, QStringLiteral("export"), exported}).exitCode, 0);
        QFile lrc(exported);
        QVERIFY(lrc.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(lrc.readAll());
        QVERIFY2(text.contains(QStringLiteral("<00:01.00>to")), qPrintable(text));
        const CliResult reimported = runCli({QStringLiteral("lyrics"), project, QStringLiteral("import"), exported});
        QVERIFY2(reimported.exitCode == 0, qPrintable(reimported.err));
        QCOMPARE(QJsonDocument::fromJson(runCli({QStringLiteral("info"), QStringLiteral("--json"), project}).out.toUtf8())
                     .object().value(QStringLiteral("segments")).toArray().size(), 3);
    }

    void stemsAreAddedListedAndRemoved()
    {
        QTemporaryDir dir;
        const QString song = dir.filePath(QStringLiteral("song.wav"));
        const QString drums = dir.filePath(QStringLiteral("drums.wav"));
        QVERIFY(testing::writeClickTrackWav(song, 4.0, 100.0));
        QVERIFY(testing::writeClickTrackWav(drums, 4.0, 100.0, 48000));
        const QString project = dir.filePath(QStringLiteral("stems.tessera"));
        QCOMPARE(runCli({QStringLiteral("new"), QStringLiteral("--audio"), song, project}).exitCode, 0);
        QCOMPARE(runCli({QStringLiteral("stem"), project, QStringLiteral("add"), QStringLiteral("drums"), drums}).exitCode, 0);
        const CliResult again = runCli({QStringLiteral("stem"), project, QStringLiteral("add"), QStringLiteral("drums"), drums});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains(QStringLiteral("already exists")));
        const QJsonArray stems = QJsonDocument::fromJson(runCli({QStringLiteral("stem"), project, QStringLiteral("list"), QStringLiteral("--json")}).out.toUtf8())
                                     .object().value(QStringLiteral("stems")).toArray();
        QCOMPARE(stems.size(), 1);
        QCOMPARE(stems[0].toObject().value(QStringLiteral("path")).toString(), QStringLiteral("drums.wav"));
        const CliResult stemAnalysis = runCli({QStringLiteral("analyze"), QStringLiteral("--stem"), QStringLiteral("drums"), QStringLiteral("--json"), project});
        QCOMPARE(QJsonDocument::fromJson(stemAnalysis.out.toUtf8()).object().value(QStringLiteral("sampleRate")).toInt(), 48000);
        QCOMPARE(runCli({QStringLiteral("stem"), project, QStringLiteral("remove"), QStringLiteral("drums")}).exitCode, 0);
        QCOMPARE(runCli({QStringLiteral("stem"), project, QStringLiteral("remove"), QStringLiteral("drums")}).exitCode, 1);
    }

    void badSongLeavesNoProjectBehind()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("noise.mp3"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, '\x33'));
        file.close();
        const QString project = dir.filePath(QStringLiteral("bad.tessera"));
        const CliResult result = runCli({QStringLiteral("new"), QStringLiteral("--audio"), bad, project});
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.err.count(QLatin1Char('\n')), 1);
        QVERIFY2(result.err.contains(bad), qPrintable(result.err));
        QVERIFY(!QFile::exists(project));
        QCOMPARE(runCli({QStringLiteral("new"), QStringLiteral("--lyrics"), bad, project}).exitCode, 2);
    }

    void gradeMatchExposureAndRenderCell()
    {
        // given a project whose 1x3 grid has cells at three brightnesses
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("grade.tessera"));
        {
            const auto catalog = Catalog::create(project);
            Segment segment;
            segment.range = {0, 2000};
            segment.grid = GridGeometry(1, 3);
            const qint64 segmentId = catalog->addSegment(segment);
            const int levels[3] = {60, 120, 200};
            for (int col = 0; col < 3; ++col)
                catalog->addVersion(testing::versionFor(catalog->cell(segmentId, {0, col})->id, QColor(levels[col], levels[col], levels[col])));
        }
        const QString before = dir.filePath(QStringLiteral("before.png"));
        QCOMPARE(runCli({QStringLiteral("render-cell"), QStringLiteral("--segment"), QStringLiteral("1"), QStringLiteral("--cell"), QStringLiteral("0,0"), project, before}).exitCode, 0);

        // when the cell is graded +1 stop, its render is brighter
        const CliResult graded = runCli({QStringLiteral("grade"), QStringLiteral("--segment"), QStringLiteral("1"), QStringLiteral("--cell"), QStringLiteral("0,0"),
            QStringLiteral("--exposure"), QStringLiteral("1"), project});
        QVERIFY2(graded.exitCode == 0, qPrintable(graded.err));
        const QString after = dir.filePath(QStringLiteral("after.png"));
        const CliResult rendered = runCli({QStringLiteral("render-cell"), QStringLiteral("--segment"), QStringLiteral("1"), QStringLiteral("--cell"), QStringLiteral("0,0"), project, after});
        QVERIFY2(rendered.exitCode == 0, qPrintable(rendered.err));
        QVERIFY(QImage(after).pixelColor(4, 4).red() > QImage(before).pixelColor(4, 4).red() + 20);

        // when exposure is matched, the offsets bring every cell to the middle one
        const CliResult matched = runCli({QStringLiteral("match-exposure"), QStringLiteral("--segment"), QStringLiteral("1"), QStringLiteral("--json"), project});
        QVERIFY2(matched.exitCode == 0, qPrintable(matched.err));
        const QJsonArray cells = QJsonDocument::fromJson(matched.out.toUtf8()).object().value(QStringLiteral("cells")).toArray();
        QCOMPARE(cells.size(), 3);
        QVERIFY(cells[0].toObject().value(QStringLiteral("offsetStops")).toDouble() > 0.5);
        QVERIFY(qAbs(cells[1].toObject().value(QStringLiteral("offsetStops")).toDouble()) < 1e-9);
        QVERIFY(cells[2].toObject().value(QStringLiteral("offsetStops")).toDouble() < -0.5);
        const auto catalog = Catalog::open(project, Catalog::Access::ReadOnly);
        const qint64 firstCell = catalog->cell(catalog->segments().constFirst().id, {0, 0})->id;
        QCOMPARE(catalog->grade(GradeScope::Cell, firstCell).exposureStops, cells[0].toObject().value(QStringLiteral("offsetStops")).toDouble());

        // and bad references fail with one line naming the project
        const CliResult noSegment = runCli({QStringLiteral("grade"), QStringLiteral("--segment"), QStringLiteral("7"), QStringLiteral("--exposure"), QStringLiteral("1"), project});
        QCOMPARE(noSegment.exitCode, 1);
        QVERIFY(noSegment.err.contains(QStringLiteral("has no segment 7")));
        const CliResult outside = runCli({QStringLiteral("render-cell"), QStringLiteral("--segment"), QStringLiteral("1"), QStringLiteral("--cell"), QStringLiteral("3,0"), project, after});
        QCOMPARE(outside.exitCode, 1);
        QVERIFY(outside.err.contains(QStringLiteral("outside")));
        QCOMPARE(runCli({QStringLiteral("grade"), QStringLiteral("--cell"), QStringLiteral("0,0"), project}).exitCode, 2);
    }

    void segmentEditsRoundTripAndExplainTheCells()
    {
        // given a 2x3 grid with images in three cells, one of them outside a 2x2 grid
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("segment.tessera"));
        {
            const auto catalog = Catalog::create(project);
            const qint64 segmentId = catalog->addSegment(testing::segmentAt(0, 3000, 2, 3));
            for (const CellIndex index : {CellIndex{0, 0}, CellIndex{0, 1}, CellIndex{1, 2}})
                catalog->addVersion(testing::versionFor(catalog->cell(segmentId, index)->id, Qt::gray));
            catalog->setCellState(catalog->cell(segmentId, {0, 1})->id, CellState::Locked);
        }
        const QString x = QStringLiteral("term:rain:0.2:1.4:feature=low:curve=ease-in:range=0.1-0.9:attack=15:release=300");
        const QString y = QStringLiteral("blend:a calm sea: at dawn:0:1");
        // when prompt, seed and both axes are edited
        const CliResult edited = runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--prompt"),
            QStringLiteral("neon rain"), QStringLiteral("--seed"), QStringLiteral("99"), QStringLiteral("--axis-x"), x,
            QStringLiteral("--axis-y"), y});
        // then they are stored, and the output says the generated cells keep their old images
        QVERIFY2(edited.exitCode == 0, qPrintable(edited.err));
        QVERIFY2(edited.out.contains(QStringLiteral("3 generated cells keep images made with the previous settings")), qPrintable(edited.out));
        QVERIFY2(edited.out.contains(QStringLiteral("axis x   ") + x), qPrintable(edited.out));
        {
            const auto catalog = Catalog::open(project, Catalog::Access::ReadOnly);
            const Segment segment = catalog->segments().constFirst();
            QCOMPARE(segment.prompt, QStringLiteral("neon rain"));
            QCOMPARE(segment.seed, 99u);
            QCOMPARE(segment.axisX, *parseAxisSpec(x));
            QCOMPARE(segment.axisY.variation, AxisVariation::PromptBlend);
            QCOMPARE(segment.axisY.term, QStringLiteral("a calm sea: at dawn"));
            QCOMPARE(catalog->cell(segment.id, {0, 0})->state, CellState::Done);
        }
        // and --json prints the same settings back, each axis as its SPEC
        const CliResult shown = runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--json")});
        QVERIFY2(shown.exitCode == 0, qPrintable(shown.err));
        const QJsonObject json = QJsonDocument::fromJson(shown.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("prompt")).toString(), QStringLiteral("neon rain"));
        QCOMPARE(json.value(QStringLiteral("seed")).toInteger(), 99);
        QCOMPARE(json.value(QStringLiteral("axisX")).toObject().value(QStringLiteral("spec")).toString(), x);
        QCOMPARE(json.value(QStringLiteral("axisY")).toObject().value(QStringLiteral("spec")).toString(), y);
        QCOMPARE(json.value(QStringLiteral("cols")).toInt(), 3);
        QCOMPARE(json.value(QStringLiteral("cells")).toObject().value(QStringLiteral("locked")).toInt(), 1);
        // a playback-only change leaves the images as they are
        const CliResult playback = runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--axis-x"),
            QStringLiteral("term:rain:0.2:1.4:feature=high")});
        QVERIFY2(playback.exitCode == 0 && playback.out.contains(QStringLiteral("images are unaffected")), qPrintable(playback.out + playback.err));
        // and so does choosing how the cells blend: a new segment morphs, dissolve is stored
        QCOMPARE(json.value(QStringLiteral("transition")).toObject().value(QStringLiteral("cellBlend")).toString(), QStringLiteral("morph"));
        const CliResult dissolve = runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--cell-blend"),
            QStringLiteral("dissolve")});
        QVERIFY2(dissolve.exitCode == 0 && dissolve.out.contains(QStringLiteral("images are unaffected"))
                && dissolve.out.contains(QStringLiteral("cells    dissolve between neighbours")),
            qPrintable(dissolve.out + dissolve.err));
        const CliResult dissolved = runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(dissolved.out.toUtf8()).object().value(QStringLiteral("transition")).toObject()
                     .value(QStringLiteral("cellBlend")).toString(),
            QStringLiteral("dissolve"));
        const CliResult unknownBlend = runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--cell-blend"),
            QStringLiteral("wipe")});
        QCOMPARE(unknownBlend.exitCode, 2);
        QVERIFY2(unknownBlend.err.contains(QStringLiteral("--cell-blend takes dissolve or morph, not \"wipe\"")), qPrintable(unknownBlend.err));

        // when the grid shrinks over a generated cell, it is refused without --discard
        const QStringList shrink{QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--grid"), QStringLiteral("2x2")};
        const CliResult refused = runCli(shrink);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("would delete 1 generated cell")) && refused.err.contains(QStringLiteral("--discard")),
            qPrintable(refused.err));
        QCOMPARE(Catalog::open(project, Catalog::Access::ReadOnly)->segments().constFirst().grid, GridGeometry(2, 3));
        // and with it, the cells outside go and the output says so; a larger grid adds empty cells
        const CliResult discarded = runCli(shrink + QStringList{QStringLiteral("--discard")});
        QVERIFY2(discarded.exitCode == 0 && discarded.out.contains(QStringLiteral("deleted 2 cells outside the new grid (1 generated, 1 version)")),
            qPrintable(discarded.out + discarded.err));
        const CliResult grown = runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--grid"), QStringLiteral("3x3")});
        QVERIFY2(grown.exitCode == 0 && grown.out.contains(QStringLiteral("grid 2x2 -> 3x3: 5 empty cells added")), qPrintable(grown.out));
        // --reject-cells marks the generated cells for generate, locked ones aside
        const CliResult rejected = runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--reject-cells")});
        QVERIFY2(rejected.exitCode == 0 && rejected.out.contains(QStringLiteral("rejected 1 generated cell (1 locked kept)")), qPrintable(rejected.out));
        {
            const auto catalog = Catalog::open(project, Catalog::Access::ReadOnly);
            const qint64 segmentId = catalog->segments().constFirst().id;
            QCOMPARE(catalog->cells(segmentId).size(), 9);
            QCOMPARE(catalog->cell(segmentId, {0, 0})->state, CellState::Rejected);
            QCOMPARE(catalog->cell(segmentId, {0, 1})->state, CellState::Locked);
            QVERIFY(catalog->checkIntegrity().isOk());
        }

        // bad SPECs are one-line usage errors naming the option and the problem
        const QString settingsBefore = runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--json")}).out;
        const QVector<std::pair<QString, QString>> bad{{QStringLiteral("storm:0:1"), QStringLiteral("unknown axis kind")},
            {QStringLiteral("term:storm"), QStringLiteral("TERM:FROM:TO")},
            {QStringLiteral("blend:sea:0:2"), QStringLiteral("from 0 to 1")},
            {QStringLiteral("seed:x:0:1"), QStringLiteral("not a seed")},
            {QStringLiteral("term:storm:0:1:feature=vibes"), QStringLiteral("unknown feature")},
            {QStringLiteral("term:storm:0:1:range=0.3"), QStringLiteral("MIN-MAX")}};
        for (const auto& [spec, reason] : bad) {
            const CliResult result = runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--axis-y"), spec});
            QCOMPARE(result.exitCode, 2);
            QVERIFY2(result.err.contains(QStringLiteral("--axis-y \"") + spec) && result.err.contains(reason), qPrintable(result.err));
            QCOMPARE(result.err.trimmed().count(QLatin1Char('\n')), 0);
        }
        // and so are settings no cell could be generated from, or a stem the project lacks
        const CliResult twoBlends = runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--axis-x"),
            QStringLiteral("blend:a sun:0:1")});
        QCOMPARE(twoBlends.exitCode, 1);
        QVERIFY2(twoBlends.err.startsWith(QStringLiteral("tessera-cli: error: ") + project) && twoBlends.err.contains(QStringLiteral("both axes blend")),
            qPrintable(twoBlends.err));
        const CliResult noStem = runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--axis-x"),
            QStringLiteral("guidance:3:9:feature=low:source=drums")});
        QCOMPARE(noStem.exitCode, 1);
        QVERIFY2(noStem.err.contains(QStringLiteral("has no stem \"drums\"")), qPrintable(noStem.err));
        QCOMPARE(runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--grid"), QStringLiteral("0x3")}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--seed"), QStringLiteral("-4")}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("segment"), project}).exitCode, 2);
        const CliResult noSegment = runCli({QStringLiteral("segment"), project, QStringLiteral("4")});
        QCOMPARE(noSegment.exitCode, 1);
        QVERIFY2(noSegment.err.contains(QStringLiteral("has no segment 4")), qPrintable(noSegment.err));
        QCOMPARE(runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--json")}).out, settingsBefore);
    }

    void settingsListLorasAndEmbeddingsThatALoraAxisNames()
    {
        // given a project with a 1x4 segment, tiny-sd's LoRA and an embedding for it
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("lora.tessera"));
        { Catalog::create(project)->addSegment(testing::segmentAt(0, 3000, 1, 4)); }
        const QString data = QStringLiteral(TESSERA_SD_REFERENCE_DIR "/sd-reference-2/");
        const QString lora = data + QStringLiteral("lora/tiny-sd-kohya.safetensors");
        const QString embedding = data + QStringLiteral("textual-inversion/tessera-style.safetensors");
        // when the project's LoRA, embedding and style prompt are set
        const CliResult set = runCli({QStringLiteral("settings"), project, QStringLiteral("--lora"), lora + QStringLiteral(":0.8"),
            QStringLiteral("--embedding"), embedding + QStringLiteral(":<tessera-style>"), QStringLiteral("--style-prompt"),
            QStringLiteral("ink wash"), QStringLiteral("--json")});
        // then --json lists them, and the project holds them
        QVERIFY2(set.exitCode == 0, qPrintable(set.err));
        const QJsonObject json = QJsonDocument::fromJson(set.out.toUtf8()).object();
        const QJsonArray loras = json.value(QStringLiteral("loras")).toArray();
        QCOMPARE(loras.size(), 1);
        QCOMPARE(loras[0].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("tiny-sd-kohya"));
        QCOMPARE(loras[0].toObject().value(QStringLiteral("file")).toString(), QFileInfo(lora).absoluteFilePath());
        QCOMPARE(loras[0].toObject().value(QStringLiteral("strength")).toDouble(), 0.8);
        const QJsonArray embeddings = json.value(QStringLiteral("embeddings")).toArray();
        QCOMPARE(embeddings.size(), 1);
        QCOMPARE(embeddings[0].toObject().value(QStringLiteral("token")).toString(), QStringLiteral("<tessera-style>"));
        QCOMPARE(json.value(QStringLiteral("stylePrompt")).toString(), QStringLiteral("ink wash"));
        {
            const ProjectSettings stored = Catalog::open(project, Catalog::Access::ReadOnly)->settings();
            QCOMPARE(stored.loras.size(), 1);
            QCOMPARE(stored.loras[0].strength, 0.8);
            QCOMPARE(stored.embeddings.constFirst().file, QFileInfo(embedding).absoluteFilePath());
            QCOMPARE(stored.stylePrompt, QStringLiteral("ink wash"));
        }
        // a LoRA given again takes the new strength; the plain listing says so
        const CliResult stronger = runCli({QStringLiteral("settings"), project, QStringLiteral("--lora"), lora + QStringLiteral(":1.25")});
        QVERIFY2(stronger.exitCode == 0 && stronger.out.contains(QStringLiteral("tiny-sd-kohya at 1.25")), qPrintable(stronger.out + stronger.err));
        QCOMPARE(Catalog::open(project, Catalog::Access::ReadOnly)->settings().loras.size(), 1);
        const CliResult info = runCli({QStringLiteral("info"), project});
        QVERIFY2(info.out.contains(QStringLiteral("LoRAs:     tiny-sd-kohya at 1.25\nTokens:    <tessera-style>\n")), qPrintable(info.out));
        // a missing file is a usage error naming it, and changes nothing
        const CliResult missing = runCli({QStringLiteral("settings"), project, QStringLiteral("--lora"), dir.filePath(QStringLiteral("gone.safetensors"))});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QStringLiteral("gone.safetensors: no such LoRA file")), qPrintable(missing.err));
        QCOMPARE(Catalog::open(project, Catalog::Access::ReadOnly)->settings().loras.constFirst().strength, 1.25);

        // when the segment's X axis varies the LoRA's strength by name
        const QString spec = QStringLiteral("lora:tiny-sd-kohya:0:1.5");
        const CliResult axis = runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--axis-x"), spec, QStringLiteral("--json")});
        // then the axis is stored and printed back as its SPEC
        QVERIFY2(axis.exitCode == 0, qPrintable(axis.err));
        QCOMPARE(QJsonDocument::fromJson(axis.out.toUtf8()).object().value(QStringLiteral("axisX")).toObject().value(QStringLiteral("spec")).toString(), spec);
        {
            const Segment segment = Catalog::open(project, Catalog::Access::ReadOnly)->segments().constFirst();
            QCOMPARE(segment.axisX.variation, AxisVariation::LoraStrength);
            QCOMPARE(segment.axisX.term, QStringLiteral("tiny-sd-kohya"));
            QCOMPARE(segment.axisX.to, 1.5);
        }
        // a LoRA no project lists is taken by its file, stored with its absolute path
        QVERIFY(QFile::copy(lora, dir.filePath(QStringLiteral("glow.safetensors"))));
        const CliResult byFile = runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--axis-y"),
            QStringLiteral("lora:") + dir.filePath(QStringLiteral("glow.safetensors")) + QStringLiteral(":-1:1")});
        QVERIFY2(byFile.exitCode == 0, qPrintable(byFile.err));
        QCOMPARE(Catalog::open(project, Catalog::Access::ReadOnly)->segments().constFirst().axisY.term, QFileInfo(dir.filePath(QStringLiteral("glow.safetensors"))).absoluteFilePath());
        // an axis naming no LoRA, or both axes varying one, is refused and changes nothing
        const CliResult unknown = runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--axis-y"), QStringLiteral("lora:nothing:0:1")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY2(unknown.err.contains(QStringLiteral("neither one of the project's LoRAs (tiny-sd-kohya)")), qPrintable(unknown.err));
        const CliResult twice = runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--axis-y"), spec});
        QCOMPARE(twice.exitCode, 1);
        QVERIFY2(twice.err.contains(QStringLiteral("both axes vary this LoRA")), qPrintable(twice.err));
        const CliResult range = runCli({QStringLiteral("segment"), project, QStringLiteral("1"), QStringLiteral("--axis-y"), QStringLiteral("lora:tiny-sd-kohya:0:11")});
        QCOMPARE(range.exitCode, 2);
        QCOMPARE(Catalog::open(project, Catalog::Access::ReadOnly)->segments().constFirst().axisY.variation, AxisVariation::LoraStrength);

        // when the LoRA is removed by name and the embeddings cleared, the project has none
        const CliResult removed = runCli({QStringLiteral("settings"), project, QStringLiteral("--remove-lora"), QStringLiteral("tiny-sd-kohya"),
            QStringLiteral("--clear-embeddings"), QStringLiteral("--json")});
        QVERIFY2(removed.exitCode == 0, qPrintable(removed.err));
        const QJsonObject none = QJsonDocument::fromJson(removed.out.toUtf8()).object();
        QVERIFY(none.value(QStringLiteral("loras")).toArray().isEmpty());
        QVERIFY(none.value(QStringLiteral("embeddings")).toArray().isEmpty());
        const CliResult removedAgain = runCli({QStringLiteral("settings"), project, QStringLiteral("--remove-lora"), QStringLiteral("tiny-sd-kohya")});
        QCOMPARE(removedAgain.exitCode, 1);
        QVERIFY(removedAgain.err.contains(QStringLiteral("has no LoRA \"tiny-sd-kohya\"")));
    }

    void gridSheetDrawsTheGridWithSuspectsOutlined()
    {
        // given a 3x3 grid of gently changing greys with a white outlier at 2,2, an empty cell at
        // 0,2 and a rejected one at 1,0
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("sheet.tessera"));
        {
            const auto catalog = Catalog::create(project);
            const qint64 segmentId = catalog->addSegment(testing::segmentAt(0, 3000, 3, 3));
            for (int row = 0; row < 3; ++row) {
                for (int col = 0; col < 3; ++col) {
                    if (row == 0 && col == 2)
                        continue;
                    const int level = row == 2 && col == 2 ? 255 : 80 + 8 * (row * 3 + col);
                    catalog->addVersion(testing::versionFor(catalog->cell(segmentId, {row, col})->id, QColor(level, level, level)));
                }
            }
            catalog->setCellState(catalog->cell(segmentId, {1, 0})->id, CellState::Rejected);
        }
        // when its contact sheet is drawn at 32 px a cell
        const QString out = dir.filePath(QStringLiteral("sheet.png"));
        const CliResult drawn = runCli({QStringLiteral("grid-sheet"), project, QStringLiteral("--segment"), QStringLiteral("1"), out,
            QStringLiteral("--cell-size"), QStringLiteral("32")});
        QVERIFY2(drawn.exitCode == 0, qPrintable(drawn.err));
        QVERIFY2(drawn.out.contains(QStringLiteral("2,2")), qPrintable(drawn.out));
        // then it has the documented size: a 28 px label margin, cells of 32 px, 6 px gaps
        const QImage sheet(out);
        QCOMPARE(sheet.size(), QSize(28 + 3 * (32 + 6) + 6, 28 + 3 * (32 + 6) + 6));
        const auto cellOrigin = [](int row, int col) { return QPoint(34 + col * 38, 34 + row * 38); };
        const QColor magenta(255, 0, 200);
        const QColor background(24, 24, 24);
        // and the images sit where their cells are
        QCOMPARE(sheet.pixelColor(cellOrigin(0, 0) + QPoint(16, 16)), QColor(80, 80, 80));
        QCOMPARE(sheet.pixelColor(cellOrigin(2, 2) + QPoint(16, 16)), QColor(255, 255, 255));
        // the empty and the rejected cells are placeholders, not their image
        for (const QPoint& origin : {cellOrigin(0, 2), cellOrigin(1, 0)}) {
            const QColor corner = sheet.pixelColor(origin + QPoint(3, 1));
            QVERIFY2(corner == QColor(58, 58, 58) || corner == QColor(80, 80, 80), qPrintable(corner.name()));
        }
        // the suspects (as cells --suspects lists them) are outlined in magenta in the gap around
        // them, the others not
        const CliResult suspects = runCli({QStringLiteral("cells"), project, QStringLiteral("--segment"), QStringLiteral("1"), QStringLiteral("--json")});
        int outlined = 0;
        for (const QJsonValue& value : QJsonDocument::fromJson(suspects.out.toUtf8()).object().value(QStringLiteral("cells")).toArray()) {
            const QJsonObject cell = value.toObject();
            const QPoint origin = cellOrigin(cell.value(QStringLiteral("row")).toInt(), cell.value(QStringLiteral("col")).toInt());
            const bool suspect = cell.value(QStringLiteral("suspect")).toBool();
            for (const QPoint& edge : {QPoint(-3, 16), QPoint(16, -3), QPoint(34, 16), QPoint(16, 34)}) {
                const QColor pixel = sheet.pixelColor(origin + edge);
                if (suspect)
                    QCOMPARE(pixel, magenta);
                else if (pixel != background)
                    QCOMPARE(pixel == magenta, true); // the outline of a suspect neighbour, sharing the gap
            }
            QCOMPARE(sheet.pixelColor(origin + QPoint(-1, 16)), background); // never over the image
            outlined += suspect ? 1 : 0;
            if (cell.value(QStringLiteral("row")).toInt() == 2 && cell.value(QStringLiteral("col")).toInt() == 2)
                QVERIFY(suspect);
            if (cell.value(QStringLiteral("row")).toInt() == 0 && cell.value(QStringLiteral("col")).toInt() == 0)
                QVERIFY(!suspect);
        }
        QVERIFY(outlined >= 1);
        QCOMPARE(sheet.pixelColor(cellOrigin(0, 0) + QPoint(-3, 16)), background);
        // and bad calls fail in one line naming the problem
        QCOMPARE(runCli({QStringLiteral("grid-sheet"), project, QStringLiteral("--segment"), QStringLiteral("1"), out,
                     QStringLiteral("--cell-size"), QStringLiteral("5")}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("grid-sheet"), project, out}).exitCode, 2);
        const QString unwritable = dir.filePath(QStringLiteral("no-such-dir/sheet.png"));
        const CliResult failed = runCli({QStringLiteral("grid-sheet"), project, QStringLiteral("--segment"), QStringLiteral("1"), unwritable});
        QCOMPARE(failed.exitCode, 1);
        QVERIFY2(failed.err.startsWith(QStringLiteral("tessera-cli: error: ") + unwritable), qPrintable(failed.err));
    }

    void versionAndHelp()
    {
        const CliResult version = runCli({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith(QStringLiteral("tessera-cli ")));
        const CliResult help = runCli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const QString& command : {QStringLiteral("new"), QStringLiteral("info"), QStringLiteral("check"),
                 QStringLiteral("lyrics"), QStringLiteral("stem"), QStringLiteral("analyze"), QStringLiteral("grade"),
                 QStringLiteral("match-exposure"), QStringLiteral("render-cell"), QStringLiteral("segment"),
                 QStringLiteral("regenerate"), QStringLiteral("merge"), QStringLiteral("settings")}) {
            QVERIFY(help.out.contains(command));
            const CliResult commandHelp = runCli({command, QStringLiteral("--help")});
            QCOMPARE(commandHelp.exitCode, 0);
            QVERIFY2(commandHelp.out.contains(QStringLiteral("--json")), qPrintable(commandHelp.out));
            QVERIFY(commandHelp.out.startsWith(QStringLiteral("Usage: tessera-cli ") + command));
            QCOMPARE(runCli({QStringLiteral("help"), command}).out, commandHelp.out);
        }
        const CliResult unknown = runCli({QStringLiteral("frobnicate")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains(QStringLiteral("unknown command")));
    }

    void farmSubmitDryRunPrintsTheArrayAndTheMergeAfterIt()
    {
        // given a project with six pending cells
        const QString project = farmProject(QStringLiteral("farm-dry.tessera"));
        const QString model = QStringLiteral(TESSERA_SD_REFERENCE_DIR "/tiny-sd");
        // when a 3-task farm is asked for with --dry-run
        const CliResult dry = runCli({QStringLiteral("farm"), QStringLiteral("submit"), QStringLiteral("--slurm"), project,
            QStringLiteral("--tasks"), QStringLiteral("3"), QStringLiteral("--partition"), QStringLiteral("gpu"),
            QStringLiteral("--gres"), QStringLiteral("gpu:1"), QStringLiteral("--time"), QStringLiteral("1:00:00"),
            QStringLiteral("--cpus-per-task"), QStringLiteral("2"), QStringLiteral("--steps"), QStringLiteral("4"),
            QStringLiteral("--model"), model, QStringLiteral("--dry-run")});
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        // then the array script runs tasks 1-3, each generating shard $task/3 into its own file with
        // the generation options passed on, on the partition, GPUs, time and CPUs asked for
        const QString text = dry.out;
        QVERIFY2(text.startsWith(QStringLiteral("# 6 pending cells in 3 tasks; nothing is submitted (--dry-run)\n")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("\n#SBATCH --array=1-3\n")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("\n#SBATCH --partition=gpu\n")));
        QVERIFY(text.contains(QStringLiteral("\n#SBATCH --gres=gpu:1\n")));
        QVERIFY(text.contains(QStringLiteral("\n#SBATCH --time=1:00:00\n")));
        QVERIFY(text.contains(QStringLiteral("\n#SBATCH --cpus-per-task=2\n")));
        QVERIFY2(text.contains(QStringLiteral(" generate \"$project\" --shard \"$task/3\" --out \"$folder/shard-$task.tessera\" --steps 4 --model ")
                     + model + QLatin1Char('\n')),
            qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("\nproject=") + project + QLatin1Char('\n')));
        QVERIFY(text.contains(QStringLiteral("\ntask=\"${SLURM_ARRAY_TASK_ID:?")));
        // and the merge job, submitted after the whole array, merges every shard into the project
        QVERIFY2(text.contains(QStringLiteral("# submitted with: sbatch --parsable --dependency=afterok:<array job id> --kill-on-invalid-dep=yes ")),
            qPrintable(text));
        QVERIFY(text.contains(QStringLiteral(" merge \"$project\" \"$folder\"/shard-*.tessera\n")));
        QVERIFY(text.contains(QStringLiteral(" farm status \"$project\" --farm \"$folder\"\n")));
        QCOMPARE(text.count(QStringLiteral("#!/bin/bash\n")), 2);
        // and nothing was written: no farm folder, no farm in the project
        QVERIFY(!QFileInfo::exists(project + QStringLiteral(".farm")));
        QVERIFY(farmJobs(*Catalog::open(project, Catalog::Access::ReadOnly)).isEmpty());
        // and more tasks than cells, or no workload manager named, are refused
        const CliResult tooMany = runCli({QStringLiteral("farm"), QStringLiteral("submit"), QStringLiteral("--slurm"), project,
            QStringLiteral("--tasks"), QStringLiteral("7"), QStringLiteral("--dry-run")});
        QCOMPARE(tooMany.exitCode, 1);
        QVERIFY2(tooMany.err.contains(QStringLiteral("has 6 pending cells: --tasks 7")), qPrintable(tooMany.err));
        QCOMPARE(runCli({QStringLiteral("farm"), QStringLiteral("submit"), project, QStringLiteral("--dry-run")}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("farm"), QStringLiteral("launch"), project}).exitCode, 2);
    }

    void farmSubmitWithoutSbatchNamesItAndLeavesNothing()
    {
        // given a project and a PATH without Slurm's tools
        const QString project = farmProject(QStringLiteral("farm-nosbatch.tessera"));
        // when a farm is submitted
        const CliResult submitted = runWithPath(QStringLiteral(TESSERA_CLI_PATH),
            {QStringLiteral("farm"), QStringLiteral("submit"), QStringLiteral("--slurm"), project, QStringLiteral("--tasks"), QStringLiteral("2")},
            emptyPath());
        // then it fails in one line naming sbatch and its package, writing nothing
        QCOMPARE(submitted.exitCode, 1);
        QVERIFY2(submitted.err.contains(QStringLiteral("sbatch is not on PATH")) && submitted.err.contains(QStringLiteral("slurm-client")),
            qPrintable(submitted.err));
        QCOMPARE(submitted.err.count(QLatin1Char('\n')), 1);
        QVERIFY(!QFileInfo::exists(project + QStringLiteral(".farm")));
        QVERIFY(farmJobs(*Catalog::open(project, Catalog::Access::ReadOnly)).isEmpty());
    }

    void farmScriptsRunAsSlurmWouldAndStatusListsTheUnfinishedShard()
    {
        // given a 2-task farm's scripts (--dry-run) and its record in the project, as submit writes
        // it after sbatch (the job ids are made up: no Slurm runs here, and none is asked)
        const QString project = farmProject(QStringLiteral("farm-run.tessera"));
        const QStringList generation{QStringLiteral("--steps"), QStringLiteral("2"), QStringLiteral("--size"), QStringLiteral("32x32"),
            QStringLiteral("--model"), QStringLiteral(TESSERA_SD_REFERENCE_DIR "/tiny-sd")};
        const CliResult dry = runCli(QStringList{QStringLiteral("farm"), QStringLiteral("submit"), QStringLiteral("--slurm"), project,
                                         QStringLiteral("--tasks"), QStringLiteral("2"), QStringLiteral("--dry-run")}
            + generation);
        QVERIFY2(dry.exitCode == 0, qPrintable(dry.err));
        const qsizetype arrayStart = dry.out.indexOf(QStringLiteral("#!/bin/bash\n"));
        const qsizetype mergeStart = dry.out.indexOf(QStringLiteral("#!/bin/bash\n"), arrayStart + 1);
        const QString arrayScript = dry.out.mid(arrayStart, dry.out.lastIndexOf(QStringLiteral("\n\n# submitted with"), mergeStart) + 1 - arrayStart);
        const QString mergeScript = dry.out.mid(mergeStart);
        const QString folder = QRegularExpression(QStringLiteral("\nfolder=(\\S+)\n")).match(arrayScript).captured(1);
        QVERIFY2(!folder.isEmpty() && arrayScript.endsWith(QStringLiteral("--model " TESSERA_SD_REFERENCE_DIR "/tiny-sd\n")), qPrintable(arrayScript));
        QVERIFY(QDir().mkpath(folder));
        const auto writeScript = [&](const QString& path, const QString& text) {
            QFile file(path);
            return file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) == text.toUtf8().size();
        };
        QVERIFY(writeScript(farmArrayScriptPath(folder), arrayScript) && writeScript(farmMergeScriptPath(folder), mergeScript));
        qint64 farmId = 0;
        {
            const auto catalog = Catalog::open(project);
            FarmRecord record;
            record.request = FarmRequest{QFileInfo(project).absoluteFilePath(), folder, QStringLiteral(TESSERA_CLI_PATH),
                QStringLiteral("tessera-farm-run"), 2, {}, {}, {}, 0, generation};
            record.arrayJobId = QStringLiteral("41");
            record.mergeJobId = QStringLiteral("42");
            record.submittedTasks = {1, 2};
            record.taskJobIds = QStringList{QStringLiteral("41_1"), QStringLiteral("41_2")};
            record.taskCells = {farmTaskCellCount(6, 1, 2), farmTaskCellCount(6, 2, 2)};
            farmId = catalog->enqueueJob(FarmRecord::kKind, record.toJson(), record.cellCount());
        }
        // when bash runs the array script as slurmd runs task 1
        const QString systemPath = QStringLiteral("/usr/bin:/bin");
        const CliResult task1 = runWithPath(QStringLiteral("/bin/bash"), {farmArrayScriptPath(folder)}, systemPath,
            {QStringLiteral("SLURM_ARRAY_TASK_ID=1")});
        QVERIFY2(task1.exitCode == 0, qPrintable(task1.err));
        // and task 2 got as far as cutting its shard (the file generate --shard makes first), no further
        {
            const auto catalog = Catalog::open(project, Catalog::Access::ReadOnly);
            QVector<GridJobSpec> specs;
            for (const Segment& segment : catalog->segments())
                specs.append(GridJobSpec{segment.id, {}, {}, {}});
            createShard(*catalog, planShard(*catalog, specs, 2, 2), farmShardFile(folder, 2));
        }
        // then status reports task 1's shard complete and task 2's three cells missing, by name,
        // saying Slurm could not be asked
        const CliResult json = runWithPath(QStringLiteral(TESSERA_CLI_PATH), {QStringLiteral("farm"), QStringLiteral("status"),
            QStringLiteral("--json"), project}, emptyPath());
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        const QJsonObject status = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(status.value(QStringLiteral("farmJob")).toInteger(), farmId);
        QCOMPARE(status.value(QStringLiteral("total")).toInt(), 6);
        QCOMPARE(status.value(QStringLiteral("done")).toInt(), 3);
        QCOMPARE(status.value(QStringLiteral("merged")).toInt(), 0);
        QCOMPARE(status.value(QStringLiteral("unfinishedTasks")).toArray(), QJsonArray{2});
        QVERIFY(status.value(QStringLiteral("slurmProblem")).toString().contains(QStringLiteral("squeue is not on PATH")));
        const QJsonArray tasks = status.value(QStringLiteral("tasks")).toArray();
        QCOMPARE(tasks.size(), 2);
        QCOMPARE(tasks[0].toObject().value(QStringLiteral("finished")).toBool(), true);
        QCOMPARE(tasks[0].toObject().value(QStringLiteral("slurmJobId")).toString(), QStringLiteral("41_1"));
        QCOMPARE(tasks[1].toObject().value(QStringLiteral("done")).toInt(), 0);
        QCOMPARE(tasks[1].toObject().value(QStringLiteral("total")).toInt(), 3);
        QCOMPARE(tasks[1].toObject().value(QStringLiteral("unfinishedCells")).toArray().size(), 3);
        const CliResult text = runWithPath(QStringLiteral(TESSERA_CLI_PATH), {QStringLiteral("farm"), QStringLiteral("status"), project}, emptyPath());
        QVERIFY2(text.out.contains(QStringLiteral("task 1 (41_1): unknown, 3/3 cells\ntask 2 (41_2): unknown, 0/3 cells\n")), qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("not finished (running or failed): task 2, 3 cells missing (segment 1: 0,1 1,1; segment 2: 0,1)\n")),
            qPrintable(text.out));
        // and resubmit refuses while it cannot tell failed tasks from running ones
        const CliResult resubmit = runWithPath(QStringLiteral(TESSERA_CLI_PATH), {QStringLiteral("farm"), QStringLiteral("resubmit"), project}, emptyPath());
        QCOMPARE(resubmit.exitCode, 1);
        QVERIFY2(resubmit.err.contains(QStringLiteral("cannot tell failed tasks from running ones")), qPrintable(resubmit.err));

        // when task 2 runs again, it resumes its shard; then the merge script folds both in
        const CliResult task2 = runWithPath(QStringLiteral("/bin/bash"), {farmArrayScriptPath(folder)}, systemPath,
            {QStringLiteral("SLURM_ARRAY_TASK_ID=2")});
        QVERIFY2(task2.exitCode == 0 && task2.err.contains(QStringLiteral("resuming shard 2/2 in ") + farmShardFile(folder, 2)), qPrintable(task2.err));
        const CliResult merge = runWithPath(QStringLiteral("/bin/bash"), {farmMergeScriptPath(folder)}, emptyPath());
        QVERIFY2(merge.exitCode == 0, qPrintable(merge.err));
        QVERIFY2(merge.out.contains(QStringLiteral("6 of 6 cells generated, 6 merged into the project")), qPrintable(merge.out));
        // then every cell of the project has its image and the farm's job says done, 6 of 6
        const auto catalog = Catalog::open(project, Catalog::Access::ReadOnly);
        for (const Segment& segment : catalog->segments()) {
            for (const Cell& cell : catalog->cells(segment.id))
                QCOMPARE(cell.state, CellState::Done);
        }
        const auto job = catalog->job(farmId);
        QCOMPARE(job->state, JobState::Done);
        QCOMPARE(job->doneUnits, 6);
        QCOMPARE(job->totalUnits, 6);
    }

    void slurmStatesParseFromRealSqueueOutput()
    {
        // given squeue's output (squeueArguments) captured from Slurm 22.05 on a one-node cluster
        // (./run.sh slurm-check): a 3-task array and a merge job after it, while the array ran and
        // after task 2 failed
        const QString running = QStringLiteral("1_3|PENDING|Resources\n2|PENDING|Dependency\n1_1|RUNNING|None\n1_2|RUNNING|None\n");
        const QString ended = QStringLiteral("2|CANCELLED|DependencyNeverSatisfied\n1_3|COMPLETED|None\n1_1|COMPLETED|None\n1_2|FAILED|NonZeroExitCode\n");
        // when parsed
        const QHash<QString, SlurmJobState> before = parseSlurmJobStates(running);
        const QHash<QString, SlurmJobState> after = parseSlurmJobStates(ended);
        // then each array task and the merge job has its state and reason, live or not
        QCOMPARE(before.size(), 4);
        QCOMPARE(before.value(QStringLiteral("1_3")).state, QStringLiteral("PENDING"));
        QCOMPARE(before.value(QStringLiteral("1_3")).reason, QStringLiteral("Resources"));
        QCOMPARE(before.value(QStringLiteral("2")).reason, QStringLiteral("Dependency"));
        QVERIFY(isSlurmStateLive(before.value(QStringLiteral("1_1")).state));
        QCOMPARE(after.value(QStringLiteral("1_2")).state, QStringLiteral("FAILED"));
        QCOMPARE(after.value(QStringLiteral("1_2")).reason, QStringLiteral("NonZeroExitCode"));
        QCOMPARE(after.value(QStringLiteral("2")).reason, QStringLiteral("DependencyNeverSatisfied"));
        for (const SlurmJobState& state : after)
            QVERIFY2(!isSlurmStateLive(state.state), qPrintable(state.jobId));
        // and what is no job line (sacct without an accounting database, a header) gives nothing
        QVERIFY(parseSlurmJobStates(QStringLiteral("Slurm accounting storage is disabled\n")).isEmpty());
        QVERIFY(parseSlurmJobStates(QStringLiteral("JOBID|STATE|REASON\n")).isEmpty());
        // and sbatch --parsable's answer gives the job id
        QCOMPARE(parseSbatchJobId(QStringLiteral("17\n")), QStringLiteral("17"));
        QCOMPARE(parseSbatchJobId(QStringLiteral("17;cluster\n")), QStringLiteral("17"));
        QVERIFY(parseSbatchJobId(QStringLiteral("sbatch: error: invalid partition specified: gpu\n")).isEmpty());
    }

    void sampleReproducesDiffusersTxt2imgOnBothTinyModels_data()
    {
        QTest::addColumn<QString>("family");
        QTest::newRow("tiny-sd (PNDM, F32 UNet, F16 VAE)") << QStringLiteral("sd");
        QTest::newRow("tiny-sd2 (DDIM v-prediction, all F16)") << QStringLiteral("sd2");
    }

    void sampleReproducesDiffusersTxt2imgOnBothTinyModels()
    {
        // given a tiny diffusers folder and the reference README's txt2img arguments
        QFETCH(QString, family);
#ifdef TESSERA_FAKE_GENERATOR
        QSKIP("compares libtorch's numbers with diffusers': the build without libtorch has only the fake back-end");
#endif
        const QString data = QStringLiteral(TESSERA_SD_REFERENCE_DIR);
        const QString folder = data + (family == QStringLiteral("sd") ? QStringLiteral("/tiny-sd") : QStringLiteral("/tiny-sd2"));
        const QString png = m_dir.filePath(family + QStringLiteral(".png"));
        const QString tensor = m_dir.filePath(family + QStringLiteral(".safetensors"));

        // when tessera-cli samples it
        const CliResult sampled = runCli({QStringLiteral("sample"), QStringLiteral("--model"), folder,
            QStringLiteral("--prompt"), QStringLiteral("a red fox in the snow"), QStringLiteral("--negative"), QString(),
            QStringLiteral("--steps"), QStringLiteral("4"), QStringLiteral("--guidance"), QStringLiteral("7.5"),
            QStringLiteral("--seed"), QStringLiteral("0"), QStringLiteral("--size"), QStringLiteral("64x64"),
            QStringLiteral("--out"), png, QStringLiteral("--tensor"), tensor}, 300000);
        QVERIFY2(sampled.exitCode == 0, qPrintable(sampled.err));
        QVERIFY2(sampled.out.trimmed().endsWith(QStringLiteral(" ms, fp32")), qPrintable(sampled.out)); // the default

        // then the float image is diffusers' within 5e-4 and the PNG is its 8-bit rounding
        QVector<qint64> shape;
        const QVector<float> image = readSafetensorsFloat(tensor, QStringLiteral("image"), &shape);
        QCOMPARE(shape, (QVector<qint64>{64, 64, 3}));
        const QVector<float> expected = readSafetensorsFloat(data + QStringLiteral("/reference/pipelines.safetensors"),
            QStringLiteral("txt2img.") + family + QStringLiteral(".image"));
        QCOMPARE(image.size(), expected.size());
        double worst = 0;
        for (qsizetype i = 0; i < image.size(); ++i)
            worst = std::max(worst, double(std::abs(image[i] - expected[i])));
        qInfo("sample %s: max abs difference to diffusers %.3g", qPrintable(family), worst);
        QVERIFY2(worst <= 5e-4, qPrintable(QString::number(worst)));
        const QImage written = QImage(png).convertToFormat(QImage::Format_RGB888);
        QCOMPARE(written.size(), QSize(64, 64));
        QCOMPARE(int(written.constScanLine(10)[3 * 20 + 1]), int(std::lround(image[(10 * 64 + 20) * 3 + 1] * 255)));
    }

    void sampleReproducesSdxlLoraAndEmbeddingImages_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("referenceFile");
        QTest::addColumn<QString>("referenceKey");
        const QString set = QStringLiteral("sd-reference-2/");
        const QString sdLora = set + QStringLiteral("lora/tiny-sd-kohya.safetensors");
        const QString sdxlLora = set + QStringLiteral("lora/tiny-sdxl-kohya.safetensors");
        const QString fox = QStringLiteral("a red fox in the snow");
        // SDXL without --negative: no negative prompt at all, so zeroed negative embeddings
        QTest::newRow("tiny-sdxl, no negative prompt") << set + QStringLiteral("tiny-sdxl")
            << QStringList{QStringLiteral("--prompt"), fox, QStringLiteral("--guidance"), QStringLiteral("5")}
            << set + QStringLiteral("reference2/sdxl.safetensors") << QStringLiteral("txt2img.image");
        QTest::newRow("tiny-sdxl, negative \"blurry\"") << set + QStringLiteral("tiny-sdxl")
            << QStringList{QStringLiteral("--prompt"), fox, QStringLiteral("--negative"), QStringLiteral("blurry"),
                   QStringLiteral("--guidance"), QStringLiteral("6")}
            << set + QStringLiteral("reference2/sdxl.safetensors") << QStringLiteral("txt2img_neg.image");
        QTest::newRow("tiny-sdxl, kohya LoRA at 0.5") << set + QStringLiteral("tiny-sdxl")
            << QStringList{QStringLiteral("--prompt"), fox, QStringLiteral("--guidance"), QStringLiteral("5"),
                   QStringLiteral("--lora"), QStringLiteral("@") + sdxlLora + QStringLiteral(":0.5")}
            << set + QStringLiteral("reference2/lora.safetensors") << QStringLiteral("sdxl.lora_scale0_5.image");
        QTest::newRow("tiny-sd, kohya LoRA") << QStringLiteral("tiny-sd")
            << QStringList{QStringLiteral("--prompt"), fox, QStringLiteral("--negative"), QString(),
                   QStringLiteral("--guidance"), QStringLiteral("7.5"), QStringLiteral("--lora"), QStringLiteral("@") + sdLora}
            << set + QStringLiteral("reference2/lora.safetensors") << QStringLiteral("sd.lora_scale1.image");
        QTest::newRow("tiny-sd, textual inversion") << QStringLiteral("tiny-sd")
            << QStringList{QStringLiteral("--prompt"), QStringLiteral("a <tessera-style> fox"), QStringLiteral("--negative"),
                   QString(), QStringLiteral("--guidance"), QStringLiteral("7.5"), QStringLiteral("--embedding"),
                   QStringLiteral("@") + set + QStringLiteral("textual-inversion/tessera-style.safetensors:<tessera-style>")}
            << set + QStringLiteral("reference2/textual_inversion.safetensors") << QStringLiteral("image");
    }

    void sampleReproducesSdxlLoraAndEmbeddingImages()
    {
        // given a tiny model, LoRA or embedding of sd-reference-2 and diffusers' image of it
        QFETCH(QString, model);
        QFETCH(QStringList, arguments);
        QFETCH(QString, referenceFile);
        QFETCH(QString, referenceKey);
#ifdef TESSERA_FAKE_GENERATOR
        QSKIP("compares libtorch's numbers with diffusers': the build without libtorch has only the fake back-end");
#endif
        const QString data = QStringLiteral(TESSERA_SD_REFERENCE_DIR) + QLatin1Char('/');
        for (QString& argument : arguments) {
            if (argument.startsWith(QLatin1Char('@')))
                argument = data + argument.mid(1);
        }
        const QString png = m_dir.filePath(QStringLiteral("addon.png"));
        const QString tensor = m_dir.filePath(QStringLiteral("addon.safetensors"));

        // when tessera-cli samples the reference recipe (4 steps, 64x64, seed 0)
        const CliResult sampled = runCli(QStringList{QStringLiteral("sample"), QStringLiteral("--model"), data + model,
            QStringLiteral("--steps"), QStringLiteral("4"), QStringLiteral("--seed"), QStringLiteral("0"),
            QStringLiteral("--size"), QStringLiteral("64x64"), QStringLiteral("--out"), png, QStringLiteral("--tensor"),
            tensor} + arguments, 300000);
        QVERIFY2(sampled.exitCode == 0, qPrintable(sampled.err));

        // then the float image is diffusers' within the README's 5e-4
        const QVector<float> image = readSafetensorsFloat(tensor, QStringLiteral("image"));
        const QVector<float> expected = readSafetensorsFloat(data + referenceFile, referenceKey);
        QCOMPARE(image.size(), expected.size());
        double worst = 0;
        for (qsizetype i = 0; i < image.size(); ++i)
            worst = std::max(worst, double(std::abs(image[i] - expected[i])));
        qInfo("sample %s: max abs difference to diffusers %.3g", QTest::currentDataTag(), worst);
        QVERIFY2(worst <= 5e-4, qPrintable(QString::number(worst)));
    }

    void sampleTakesSdxlMicroConditioning()
    {
#ifdef TESSERA_FAKE_GENERATOR
        QSKIP("SDXL's time ids reach the libtorch back-end only");
#endif
        // given tiny-sdxl and diffusers' image for the default time ids (64, 64, 0, 0, 64, 64)
        const QString data = QStringLiteral(TESSERA_SD_REFERENCE_DIR) + QLatin1Char('/');
        const QStringList common{QStringLiteral("sample"), QStringLiteral("--model"), data + QStringLiteral("sd-reference-2/tiny-sdxl"),
            QStringLiteral("--prompt"), QStringLiteral("a red fox in the snow"), QStringLiteral("--guidance"), QStringLiteral("5"),
            QStringLiteral("--steps"), QStringLiteral("4"), QStringLiteral("--seed"), QStringLiteral("0"), QStringLiteral("--size"),
            QStringLiteral("64x64")};
        const QVector<float> expected = readSafetensorsFloat(data + QStringLiteral("sd-reference-2/reference2/sdxl.safetensors"),
            QStringLiteral("txt2img.image"));
        const auto worstAgainstDefault = [&](const QStringList& extra) {
            const QString tensor = m_dir.filePath(QStringLiteral("micro.safetensors"));
            const CliResult sampled = runCli(common + QStringList{QStringLiteral("--out"), m_dir.filePath(QStringLiteral("micro.png")),
                QStringLiteral("--tensor"), tensor} + extra, 300000);
            if (sampled.exitCode != 0)
                return -1.0;
            const QVector<float> image = readSafetensorsFloat(tensor, QStringLiteral("image"));
            double worst = 0;
            for (qsizetype i = 0; i < image.size() && i < expected.size(); ++i)
                worst = std::max(worst, double(std::abs(image[i] - expected[i])));
            return worst;
        };
        // when the defaults are said out loud, the image is diffusers' default one
        const double same = worstAgainstDefault({QStringLiteral("--original-size"), QStringLiteral("64x64"), QStringLiteral("--crop"), QStringLiteral("0,0")});
        QVERIFY2(same >= 0 && same <= 5e-4, qPrintable(QString::number(same)));
        // and another original size or crop changes the picture
        const double bigger = worstAgainstDefault({QStringLiteral("--original-size"), QStringLiteral("1024x768")});
        const double cropped = worstAgainstDefault({QStringLiteral("--crop"), QStringLiteral("16,32")});
        qInfo("micro-conditioning: default %.3g, original 1024x768 %.3g, crop 16,32 %.3g", same, bigger, cropped);
        QVERIFY2(bigger > 1e-3, qPrintable(QString::number(bigger)));
        QVERIFY2(cropped > 1e-3, qPrintable(QString::number(cropped)));
        QCOMPARE(runCli(common + QStringList{QStringLiteral("--out"), m_dir.filePath(QStringLiteral("x.png")), QStringLiteral("--crop"),
            QStringLiteral("left")}).exitCode, 2);
    }

    void sampleRefusesALoraOfAnotherFamilyNamingTheFile()
    {
#ifdef TESSERA_FAKE_GENERATOR
        QSKIP("the LoRA is checked against the model by the libtorch back-end");
#endif
        const QString data = QStringLiteral(TESSERA_SD_REFERENCE_DIR) + QLatin1Char('/');
        const QString lora = data + QStringLiteral("sd-reference-2/lora/tiny-sdxl-kohya.safetensors");
        const CliResult refused = runCli({QStringLiteral("sample"), QStringLiteral("--model"), data + QStringLiteral("tiny-sd"),
            QStringLiteral("--prompt"), QStringLiteral("x"), QStringLiteral("--steps"), QStringLiteral("1"),
            QStringLiteral("--out"), m_dir.filePath(QStringLiteral("refused.png")), QStringLiteral("--lora"), lora}, 300000);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(lora) && refused.err.contains(QStringLiteral("another model family")),
                 qPrintable(refused.err));
        const CliResult missing = runCli({QStringLiteral("sample"), QStringLiteral("--prompt"), QStringLiteral("x"),
            QStringLiteral("--out"), m_dir.filePath(QStringLiteral("missing.png")), QStringLiteral("--lora"),
            QStringLiteral("/nowhere/style.safetensors:0.7")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QStringLiteral("/nowhere/style.safetensors: no such LoRA file")), qPrintable(missing.err));
    }

    void sampleInBf16SaysSoAndIsAsCloseToFp32AsDiffusersBf16()
    {
#ifdef TESSERA_FAKE_GENERATOR
        QSKIP("runs libtorch in bf16: the build without libtorch has only the fake back-end");
#endif
        // given tiny-sd and how far diffusers' own bf16 image lies from its fp32 one
        const QString data = QStringLiteral(TESSERA_SD_REFERENCE_DIR);
        QFile deviationFile(data + QStringLiteral("/reference/bf16_deviation.json"));
        QVERIFY(deviationFile.open(QIODevice::ReadOnly));
        const double diffusersPsnr = QJsonDocument::fromJson(deviationFile.readAll()).object()
            .value(QStringLiteral("results")).toObject().value(QStringLiteral("tiny-sd")).toObject()
            .value(QStringLiteral("psnr_db")).toDouble();
        QVERIFY(diffusersPsnr > 30);
        const QString png = m_dir.filePath(QStringLiteral("bf16.png"));
        const QString tensor = m_dir.filePath(QStringLiteral("bf16.safetensors"));

        // when tessera-cli samples the reference request in bf16
        const CliResult sampled = runCli({QStringLiteral("sample"), QStringLiteral("--model"), data + QStringLiteral("/tiny-sd"),
            QStringLiteral("--prompt"), QStringLiteral("a red fox in the snow"), QStringLiteral("--steps"), QStringLiteral("4"),
            QStringLiteral("--guidance"), QStringLiteral("7.5"), QStringLiteral("--size"), QStringLiteral("64x64"),
            QStringLiteral("--precision"), QStringLiteral("bf16"), QStringLiteral("--out"), png, QStringLiteral("--tensor"), tensor},
            300000);
        QVERIFY2(sampled.exitCode == 0, qPrintable(sampled.err));

        // then it says bf16, and its image lies no further from the fp32 reference than diffusers' bf16 image
        QVERIFY2(sampled.out.trimmed().endsWith(QStringLiteral(" ms, bf16")), qPrintable(sampled.out));
        const QVector<float> image = readSafetensorsFloat(tensor, QStringLiteral("image"));
        const QVector<float> expected = readSafetensorsFloat(data + QStringLiteral("/reference/pipelines.safetensors"),
            QStringLiteral("txt2img.sd.image"));
        QCOMPARE(image.size(), expected.size());
        double squares = 0;
        for (qsizetype i = 0; i < image.size(); ++i)
            squares += double(image[i] - expected[i]) * double(image[i] - expected[i]);
        const double psnr = 10 * std::log10(double(image.size()) / squares);
        qInfo("sample tiny-sd in bf16: PSNR %.2f dB against fp32 (diffusers' bf16: %.2f dB)", psnr, diffusersPsnr);
        QVERIFY2(psnr >= diffusersPsnr, qPrintable(QString::number(psnr)));
    }

    void sampleRefusesBadArgumentsAndPickleModels()
    {
        const QString png = m_dir.filePath(QStringLiteral("bad.png"));
        QCOMPARE(runCli({QStringLiteral("sample"), QStringLiteral("--out"), png}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("sample"), QStringLiteral("--prompt"), QStringLiteral("x"), QStringLiteral("--out"), png,
                     QStringLiteral("--steps"), QStringLiteral("0")}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("sample"), QStringLiteral("--prompt"), QStringLiteral("x"), QStringLiteral("--out"), png,
                     QStringLiteral("--strength"), QStringLiteral("0.5")}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("sample"), QStringLiteral("--prompt"), QStringLiteral("x"), QStringLiteral("--out"), png,
                     QStringLiteral("--precision"), QStringLiteral("fp8")}).exitCode, 2);
#ifndef TESSERA_FAKE_GENERATOR
        // fp16 needs CUDA: on the CPU the engine refuses it and says why
        const CliResult fp16 = runCli({QStringLiteral("sample"), QStringLiteral("--model"),
            QStringLiteral(TESSERA_SD_REFERENCE_DIR) + QStringLiteral("/tiny-sd"), QStringLiteral("--prompt"), QStringLiteral("x"),
            QStringLiteral("--steps"), QStringLiteral("1"), QStringLiteral("--precision"), QStringLiteral("fp16"),
            QStringLiteral("--out"), png}, 300000);
        if (fp16.exitCode == 0) { // a CUDA machine
            QVERIFY2(fp16.out.trimmed().endsWith(QStringLiteral(" ms, fp16")), qPrintable(fp16.out));
            QFile::remove(png);
        } else {
            QCOMPARE(fp16.exitCode, 1);
            QVERIFY2(fp16.err.contains(QStringLiteral("fp16 runs on CUDA only")), qPrintable(fp16.err));
        }
#endif
        const QString pickle = m_dir.filePath(QStringLiteral("model.ckpt"));
        QFile file(pickle);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("\x80\x02}q\x00.");
        file.close();
        const CliResult refused = runCli({QStringLiteral("sample"), QStringLiteral("--model"), pickle,
            QStringLiteral("--prompt"), QStringLiteral("x"), QStringLiteral("--out"), png});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("unpickling can run arbitrary code")), qPrintable(refused.err));
        QVERIFY(!QFile::exists(png));
    }

    void modelsListsTheFoldersModelsAndTheBundledOne()
    {
        // given the folder that holds tiny-sd and tiny-sd2
        const CliResult listed = runCli({QStringLiteral("models"), QStringLiteral("--json"), QStringLiteral(TESSERA_SD_REFERENCE_DIR)});
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
        const QJsonArray models = QJsonDocument::fromJson(listed.out.toUtf8()).object().value(QStringLiteral("models")).toArray();
        QMap<QString, QJsonObject> byName;
        for (const auto model : models)
            byName.insert(model.toObject().value(QStringLiteral("name")).toString(), model.toObject());

        // then each is described from its configs and weights' headers
        QVERIFY2(byName.contains(QStringLiteral("tiny-sd")) && byName.contains(QStringLiteral("tiny-sd2")), qPrintable(listed.out));
        const QJsonObject sd = byName.value(QStringLiteral("tiny-sd"));
        QCOMPARE(sd.value(QStringLiteral("resolution")).toInt(), 64); // sample_size 32 x VAE scale 2
        QCOMPARE(sd.value(QStringLiteral("prediction")).toString(), QStringLiteral("epsilon"));
        QCOMPARE(sd.value(QStringLiteral("precision")).toString(), QStringLiteral("F32"));
        QCOMPARE(sd.value(QStringLiteral("family")).toString(), QStringLiteral("latent"));
        QVERIFY(sd.value(QStringLiteral("bytes")).toInteger() > 7000000);
        const QJsonObject sd2 = byName.value(QStringLiteral("tiny-sd2"));
        QCOMPARE(sd2.value(QStringLiteral("prediction")).toString(), QStringLiteral("v_prediction"));
        QCOMPARE(sd2.value(QStringLiteral("precision")).toString(), QStringLiteral("F16"));
        // and the bundled pixel-space model is listed too
        QVERIFY2(byName.contains(QStringLiteral("tessera-emoji-32")), qPrintable(listed.out));
        QCOMPARE(byName.value(QStringLiteral("tessera-emoji-32")).value(QStringLiteral("family")).toString(), QStringLiteral("pixel-space"));
        QCOMPARE(byName.value(QStringLiteral("tessera-emoji-32")).value(QStringLiteral("resolution")).toInt(), 32);

        const CliResult text = runCli({QStringLiteral("models"), QStringLiteral(TESSERA_SD_REFERENCE_DIR) + QStringLiteral("/tiny-sd2")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(QStringLiteral("tiny-sd2  latent  64px  v_prediction  F16")), qPrintable(text.out));

        // the studio's Preferences > Model folders are searched without being named
        QTemporaryDir config;
        {
            QSettings studio(config.filePath(QStringLiteral("Tessera/Tessera.conf")), QSettings::IniFormat);
            studio.setValue(QStringLiteral("models/folders"), QStringList{QStringLiteral(TESSERA_SD_REFERENCE_DIR) + QStringLiteral("/tiny-sd")});
        }
        const QByteArray previous = qgetenv("XDG_CONFIG_HOME");
        qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());
        const CliResult preferred = runCli({QStringLiteral("models")});
        qputenv("XDG_CONFIG_HOME", previous);
        QCOMPARE(preferred.exitCode, 0);
        QVERIFY2(preferred.out.contains(QStringLiteral("tiny-sd  latent  64px  epsilon  F32")), qPrintable(preferred.out));
        QVERIFY2(!preferred.out.contains(QStringLiteral("tiny-sd2")), qPrintable(preferred.out));
    }

    void modelsListsSingleFileCheckpointsAndRefusesPickles()
    {
        // given a folder holding tiny-sd's weights as one LDM checkpoint and a pickle checkpoint
        QTemporaryDir dir;
        const QString checkpoint = dir.filePath(QStringLiteral("tiny-ldm.safetensors"));
        tessera::test::writeLdmCheckpoint(QStringLiteral(TESSERA_SD_REFERENCE_DIR) + QStringLiteral("/tiny-sd"), checkpoint);
        {
            QFile pickle(dir.filePath(QStringLiteral("old.ckpt")));
            QVERIFY(pickle.open(QIODevice::WriteOnly));
            pickle.write("\x80\x02}q\x00.");
        }

        // when listed with tiny-sd's configs as the checkpoint's family
        qputenv("TESSERA_MODEL_FAMILY", QByteArray(TESSERA_SD_REFERENCE_DIR "/tiny-sd"));
        const CliResult listed = runCli({QStringLiteral("models"), QStringLiteral("--json"), dir.path()});
        qunsetenv("TESSERA_MODEL_FAMILY");
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
        QMap<QString, QJsonObject> byName;
        for (const auto model : QJsonDocument::fromJson(listed.out.toUtf8()).object().value(QStringLiteral("models")).toArray())
            byName.insert(model.toObject().value(QStringLiteral("name")).toString(), model.toObject());

        // then the single file is described from its header and its family's configs
        const QJsonObject file = byName.value(QStringLiteral("tiny-ldm.safetensors"));
        QVERIFY2(!file.isEmpty() && !file.contains(QStringLiteral("problem")), qPrintable(listed.out));
        QCOMPARE(file.value(QStringLiteral("family")).toString(), QStringLiteral("latent"));
        QCOMPARE(file.value(QStringLiteral("resolution")).toInt(), 64);
        QCOMPARE(file.value(QStringLiteral("prediction")).toString(), QStringLiteral("epsilon"));
        QCOMPARE(file.value(QStringLiteral("precision")).toString(), QStringLiteral("F32"));
        QCOMPARE(file.value(QStringLiteral("bytes")).toInteger(), QFileInfo(checkpoint).size());
        QCOMPARE(file.value(QStringLiteral("checkpoint")).toString(), QStringLiteral(TESSERA_SD_REFERENCE_DIR "/tiny-sd"));
        // and the pickle is listed refused with its file and why
        QVERIFY2(byName.value(QStringLiteral("old.ckpt")).value(QStringLiteral("problem")).toString().contains(QStringLiteral("arbitrary code")),
            qPrintable(listed.out));

        // without an override the tiny file is no known family: the text listing says why
        const CliResult text = runCli({QStringLiteral("models"), checkpoint});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(QStringLiteral("tiny-ldm.safetensors  refused: ") + checkpoint), qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral(", 1 refused")), qPrintable(text.out));
    }
    void upscaleMatchesTheTfjsReferenceOfTheEngine()
    {
#ifdef TESSERA_FAKE_GENERATOR
        QSKIP("upscale runs the libtorch engine: the build without libtorch has no upscale command");
#endif
        // given the 16x10 photograph crop of the ESRGAN reference data as a PNG (its samples are whole
        // numbers 0..255, so the PNG holds them exactly), and TF.js's x4 outputs for it (esrgan-thick, -medium)
        const QString data = QStringLiteral(TESSERA_SD_REFERENCE_DIR "/esrgan/");
        auto floats = [](const QString& path) {
            QFile file(path);
            const QByteArray bytes = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
            QVector<float> values(bytes.size() / qsizetype(sizeof(float)));
            std::memcpy(values.data(), bytes.constData(), std::size_t(values.size()) * sizeof(float));
            return values;
        };
        const QVector<float> input = floats(data + QStringLiteral("photo-16x10.input.f32"));
        const QVector<float> expected = floats(data + QStringLiteral("thick-photo-16x10-x4.output.f32"));
        const QVector<float> expectedMedium = floats(data + QStringLiteral("photo-16x10-x4.output.f32"));
        QCOMPARE(input.size(), 16 * 10 * 3);
        QCOMPARE(expected.size(), 64 * 40 * 3);
        QCOMPARE(expectedMedium.size(), 64 * 40 * 3);
        QImage crop(16, 10, QImage::Format_RGB888);
        for (int y = 0; y < 10; ++y)
            for (int i = 0; i < 16 * 3; ++i)
                crop.scanLine(y)[i] = uchar(input[y * 16 * 3 + i]);
        const QString in = m_dir.filePath(QStringLiteral("crop.png"));
        QVERIFY(crop.save(in));

        // when tessera-cli upscales it x4 with its default network, thick (run.sh's npm install)
        const QString out = m_dir.filePath(QStringLiteral("crop-x4.png"));
        const CliResult upscaled = runCli({QStringLiteral("upscale"), in, out});
        QVERIFY2(upscaled.exitCode == 0, qPrintable(upscaled.err + QStringLiteral(
            " (the models come from ./run.sh's npm step: run ./run.sh test, or configure TESSERA_ESRGAN_PACKAGES_DIR)")));

        // then the PNG is 4 times as large and is TF.js's float output rounded to 8 bits
        auto worstLevels = [](const QString& path, const QVector<float>& reference) {
            const QImage result = QImage(path).convertToFormat(QImage::Format_RGB888);
            if (result.size() != QSize(64, 40))
                return 1000.0;
            double worst = 0;
            for (int y = 0; y < 40; ++y)
                for (int i = 0; i < 64 * 3; ++i)
                    worst = std::max(worst, std::abs(double(result.constScanLine(y)[i]) - reference[y * 64 * 3 + i]));
            return worst;
        };
        double worst = worstLevels(out, expected);
        QVERIFY2(worst <= 0.5 + 1e-3, qPrintable(QStringLiteral("max abs difference %1 levels").arg(worst)));
        // (and not medium's: the default network is the one the reference says)
        QVERIFY(worstLevels(out, expectedMedium) > 1.0);

        // and --network medium gives medium's output
        const QString outMedium = m_dir.filePath(QStringLiteral("crop-x4-medium.png"));
        const CliResult medium = runCli({QStringLiteral("upscale"), QStringLiteral("--network"), QStringLiteral("medium"), in, outMedium});
        QVERIFY2(medium.exitCode == 0, qPrintable(medium.err));
        worst = worstLevels(outMedium, expectedMedium);
        QVERIFY2(worst <= 0.5 + 1e-3, qPrintable(QStringLiteral("medium: max abs difference %1 levels").arg(worst)));
        QCOMPARE(runCli({QStringLiteral("upscale"), QStringLiteral("--network"), QStringLiteral("huge"), in, outMedium}).exitCode, 2);

        // and --model takes the models/ folder, --scale picks x2 in it; a scale the folder lacks fails
        const QString out2 = m_dir.filePath(QStringLiteral("crop-x2.png"));
        const CliResult twice = runCli({QStringLiteral("upscale"), QStringLiteral("--scale"), QStringLiteral("2"),
            QStringLiteral("--model"), QStringLiteral(TESSERA_ESRGAN_MODELS_DIR), in, out2});
        QVERIFY2(twice.exitCode == 0, qPrintable(twice.err));
        QCOMPARE(QImage(out2).size(), QSize(32, 20));
        const CliResult missing = runCli({QStringLiteral("upscale"), QStringLiteral("--model"), m_dir.path(), in, out2});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QStringLiteral("/x4/model.json: no such file")), qPrintable(missing.err));
        QCOMPARE(runCli({QStringLiteral("upscale"), QStringLiteral("--scale"), QStringLiteral("5"), in, out2}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
