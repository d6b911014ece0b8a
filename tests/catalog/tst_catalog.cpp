#include "CatalogTestData.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/CatalogCommand.h"
#include "tessera/catalog/MediaLink.h"
#include "tessera/catalog/ProjectSummary.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <stdexcept>

using namespace tessera;
using namespace tessera::testing;

class TestCatalog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    QString freshPath() { return m_dir.filePath(QStringLiteral("p%1.tessera").arg(++m_counter)); }

    //! Expects work to throw a CatalogError whose message contains every fragment.
    template <typename Work>
    static void expectError(Work work, const QStringList& fragments)
    {
        try {
            work();
        } catch (const CatalogError& error) {
            for (const QString& fragment : fragments)
                QVERIFY2(error.message().contains(fragment), qPrintable(error.message() + " lacks " + fragment));
            return;
        }
        QFAIL("expected a CatalogError");
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void createsWalCatalogWithSchema()
    {
        // given a path that does not exist
        const QString path = freshPath();
        // when a project is created there
        { const auto catalog = Catalog::create(path); QCOMPARE(catalog->schemaVersion(), Catalog::kSchemaVersion); }
        // then it is one SQLite file in WAL mode with Tessera's id, schema and foreign keys valid
        QCOMPARE(rawSql(path, QStringLiteral("PRAGMA journal_mode")), QStringLiteral("wal"));
        QCOMPARE(rawSql(path, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        QCOMPARE(rawSql(path, QStringLiteral("PRAGMA application_id")).toLongLong(), qint64(Catalog::kApplicationId));
        QCOMPARE(rawSql(path, QStringLiteral("PRAGMA user_version")).toInt(), Catalog::kSchemaVersion);
        QCOMPARE(rawSql(path, QStringLiteral("SELECT COUNT(*) FROM project")), QStringLiteral("1"));
    }

    void migratesAnEmptyFile()
    {
        // given an existing empty file (as mktemp makes)
        const QString path = freshPath();
        { QFile file(path); QVERIFY(file.open(QIODevice::WriteOnly)); }
        QCOMPARE(QFileInfo(path).size(), 0);
        // when a project is created in it, then every migration ran from version 0
        const auto catalog = Catalog::create(path);
        QCOMPARE(catalog->schemaVersion(), Catalog::kSchemaVersion);
        QVERIFY(catalog->checkIntegrity().isOk());
        // but open() refuses an empty file rather than silently turning it into a project,
        // and a missing one
        const QString empty = freshPath();
        { QFile file(empty); QVERIFY(file.open(QIODevice::WriteOnly)); }
        expectError([&] { Catalog::open(empty); }, {empty, QStringLiteral("empty file")});
        QCOMPARE(QFileInfo(empty).size(), 0);
        expectError([&] { Catalog::open(freshPath()); }, {QStringLiteral("no such file")});
    }

    void refusesToOverwrite()
    {
        const QString path = freshPath();
        Catalog::create(path);
        expectError([&] { Catalog::create(path); }, {path, QStringLiteral("already exists")});
    }

    void reopensWithSettingsAndSegments()
    {
        // given a project with settings and two segments
        const QString path = freshPath();
        ProjectSettings settings;
        settings.name = QStringLiteral("Night Drive");
        settings.frameRate = {24, 1};
        settings.width = 1280;
        settings.height = 720;
        settings.audioPath = QStringLiteral("song.flac");
        settings.color.display = QStringLiteral("sRGB");
        settings.stylePrompt = QStringLiteral("35mm film, neon");
        settings.negativePrompt = QStringLiteral("text, watermark");
        Segment first = segmentAt(0, 4000);
        first.axisX.term = QStringLiteral("storm");
        first.axisX.feature = AudioFeature::LowBand;
        first.transition.crossfadeMs = 250;
        first.transition.alignToBeat = true;
        {
            const auto catalog = Catalog::create(path, settings);
            first.id = catalog->addSegment(first);
            catalog->addSegment(segmentAt(4000, 9000, 3, 3));
        }
        // when reopened
        const auto catalog = Catalog::open(path);
        // then everything reads back as written
        QVERIFY(catalog->settings() == settings);
        const QVector<Segment> segments = catalog->segments();
        QCOMPARE(segments.size(), 2);
        QCOMPARE(segments[0].id, first.id);
        QCOMPARE(segments[0].range, first.range);
        QCOMPARE(segments[0].seed, first.seed);
        QVERIFY(segments[0].axisX == first.axisX);
        QVERIFY(segments[0].transition == first.transition);
        QCOMPARE(segments[1].grid, GridGeometry(3, 3));
        QCOMPARE(catalog->cells(segments[1].id).size(), 9);
    }

    void refusesAForeignFileWithoutChangingIt_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("expected");
        QTest::newRow("text") << QByteArray("my-hostname\n") << QStringLiteral("not an SQLite database");
        QTest::newRow("random bytes") << QByteArray(5000, '\x5a') << QStringLiteral("not an SQLite database");
        QTest::newRow("other sqlite") << QByteArray() << QStringLiteral("another application");
    }

    void refusesAForeignFileWithoutChangingIt()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, expected);
        // given a file that is not a Tessera project
        const QString path = freshPath();
        if (contents.isEmpty()) {
            rawSql(path, QStringLiteral("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi')"));
        } else {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(contents);
        }
        const QByteArray before = fileHash(path);
        // when opened, then it is refused with the file's name and the reason
        expectError([&] { Catalog::open(path); }, {path, QStringLiteral("not a Tessera project"), expected});
        // and nothing changed: same bytes, no WAL or shared-memory files left behind
        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
    }

    void refusesADirectory()
    {
        expectError([&] { Catalog::open(m_dir.path()); }, {QStringLiteral("is a directory")});
    }

    void refusesANewerSchemaWithoutChangingIt()
    {
        // given a project written by a future Tessera
        const QString path = freshPath();
        Catalog::create(path);
        rawSql(path, QStringLiteral("PRAGMA user_version = 99"));
        rawSql(path, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        const QByteArray before = fileHash(path);
        // when opened, then it is refused and left as it was
        expectError([&] { Catalog::open(path); }, {path, QStringLiteral("newer"), QStringLiteral("99")});
        QCOMPARE(fileHash(path), before);
    }

    void interruptedWriteLeavesNothingHalfWritten()
    {
        // given a project with one segment
        const QString path = freshPath();
        const auto catalog = Catalog::create(path);
        const qint64 kept = catalog->addSegment(segmentAt(0, 1000));
        // when a write that adds a segment (and its cells) and edits settings throws midway
        bool threw = false;
        try {
            catalog->transact([&] {
                catalog->addSegment(segmentAt(1000, 2000, 4, 4));
                ProjectSettings settings = catalog->settings();
                settings.name = QStringLiteral("half-written");
                catalog->setSettings(settings);
                throw std::runtime_error("power cut");
            });
        } catch (const std::runtime_error& error) {
            threw = QByteArray(error.what()) == "power cut";
        }
        QVERIFY(threw);
        // then none of it landed, in this connection or in a fresh one
        QCOMPARE(catalog->segments().size(), 1);
        QVERIFY(catalog->settings().name != QStringLiteral("half-written"));
        QCOMPARE(rawSql(path, QStringLiteral("SELECT COUNT(*) FROM cells")), QStringLiteral("6"));
        QCOMPARE(rawSql(path, QStringLiteral("SELECT COUNT(*) FROM segments")), QStringLiteral("1"));
        QCOMPARE(catalog->segments().constFirst().id, kept);
        // and the catalog still takes writes
        catalog->addSegment(segmentAt(1000, 2000));
        QCOMPARE(catalog->segments().size(), 2);
        QVERIFY(catalog->checkIntegrity().isOk());
    }

    void killedWriterLeavesAConsistentCatalog()
    {
        // given a project that a separate process writes into, one transaction per cell
        const QString path = freshPath();
        {
            const auto catalog = Catalog::create(path);
            catalog->addSegment(segmentAt(0, 1000, 4, 4));
            catalog->enqueueJob(QStringLiteral("generate"), {}, 0);
        }
        QProcess writer;
        writer.start(QStringLiteral(TESSERA_CRASH_WRITER), {path});
        QVERIFY(writer.waitForStarted());
        // when it is killed with SIGKILL in the middle of its writes
        qint64 lastReported = 0;
        while (lastReported < 300 && writer.waitForReadyRead(20000)) {
            const QList<QByteArray> lines = writer.readAllStandardOutput().split('\n');
            for (const QByteArray& line : lines) {
                if (!line.trimmed().isEmpty())
                    lastReported = line.trimmed().toLongLong();
            }
        }
        writer.kill();
        QVERIFY(writer.waitForFinished());
        QVERIFY2(lastReported >= 300, qPrintable(QString::fromUtf8(writer.readAllStandardError())));
        // then the catalog is consistent and holds every reported write and at most a few unreported
        // ones (committed before the kill landed, not yet printed)
        const auto catalog = Catalog::open(path);
        const IntegrityReport report = catalog->checkIntegrity();
        QVERIFY2(report.isOk(), qPrintable(report.problems.join(QLatin1Char('\n'))));
        const qint64 versions = rawSql(path, QStringLiteral("SELECT COUNT(*) FROM versions")).toLongLong();
        QVERIFY2(versions >= lastReported, qPrintable(QStringLiteral("%1 < %2").arg(versions).arg(lastReported)));
        QCOMPARE(catalog->job(1)->doneUnits, versions);
    }

    void nestedFailureRollsBackOnlyTheInnerWrite()
    {
        const auto catalog = Catalog::create(freshPath());
        catalog->transact([&] {
            catalog->addSegment(segmentAt(0, 1000));
            try {
                catalog->transact([&] {
                    catalog->addSegment(segmentAt(1000, 2000));
                    throw std::runtime_error("inner");
                });
            } catch (const std::runtime_error&) {
            }
        });
        QCOMPARE(catalog->segments().size(), 1);
        QCOMPARE(catalog->segments().constFirst().range.endMs, 1000);
    }

    void rejectsInvalidSegments()
    {
        const auto catalog = Catalog::create(freshPath());
        expectError([&] { catalog->addSegment(segmentAt(500, 500)); }, {QStringLiteral("empty or negative")});
        expectError([&] { catalog->addSegment(segmentAt(0, 500, 0, 3)); }, {QStringLiteral("grid 0x3")});
        QVERIFY(catalog->segments().isEmpty());
    }

    void resizingAGridKeepsInsideCellsAndRemovesOutsideOnes()
    {
        const auto catalog = Catalog::create(freshPath());
        Segment segment = segmentAt(0, 1000, 2, 2);
        segment.id = catalog->addSegment(segment);
        const Cell corner = *catalog->cell(segment.id, {1, 1});
        const Cell origin = *catalog->cell(segment.id, {0, 0});
        catalog->addVersion(versionFor(origin.id, Qt::red));
        catalog->addVersion(versionFor(corner.id, Qt::blue));
        // when the grid grows to 3x3, the existing cells keep their ids and versions
        segment.grid = GridGeometry(3, 3);
        catalog->updateSegment(segment);
        QCOMPARE(catalog->cells(segment.id).size(), 9);
        QCOMPARE(catalog->cell(segment.id, {1, 1})->id, corner.id);
        // when it shrinks to 1x2, cells outside go with their versions
        segment.grid = GridGeometry(1, 2);
        catalog->updateSegment(segment);
        QCOMPARE(catalog->cells(segment.id).size(), 2);
        QVERIFY(!catalog->cellById(corner.id).has_value());
        QCOMPARE(catalog->cell(segment.id, {0, 0})->state, CellState::Done);
        QVERIFY(catalog->checkIntegrity().isOk());
    }

    void regriddingMovesCellsWithTheirHistoryAndFillsTheGaps()
    {
        // given a 2x2 grid whose cells all have an image, one locked and one graded
        const auto catalog = Catalog::create(freshPath());
        Segment segment = segmentAt(0, 1000, 2, 2);
        segment.id = catalog->addSegment(segment);
        QHash<int, qint64> idAt; // by old linear index
        const QColor colours[] = {Qt::red, Qt::green, Qt::blue, Qt::yellow};
        for (int i = 0; i < 4; ++i) {
            const Cell cell = *catalog->cell(segment.id, segment.grid.cellAt(i));
            catalog->addVersion(versionFor(cell.id, colours[i], i));
            idAt.insert(i, cell.id);
        }
        catalog->setCellState(idAt[3], CellState::Locked);
        Grade graded;
        graded.exposureStops = 0.5;
        catalog->setGrade(GradeScope::Cell, idAt[1], graded);
        // when its columns are spread apart, 2x2 -> 2x3, column c going to 2c
        const GridGeometry wider(2, 3);
        QVector<CellMove> spread;
        for (int i = 0; i < 4; ++i) {
            const CellIndex from = segment.grid.cellAt(i);
            spread.append(CellMove{from, CellIndex{from.row, from.col * 2}});
        }
        catalog->regridSegment(segment.id, wider, spread);
        // then every cell sits at its new place with its id, state, image and grade
        QCOMPARE(catalog->segment(segment.id)->grid, wider);
        QCOMPARE(catalog->cells(segment.id).size(), 6);
        for (int i = 0; i < 4; ++i) {
            const CellIndex from = segment.grid.cellAt(i);
            const Cell moved = *catalog->cell(segment.id, CellIndex{from.row, from.col * 2});
            QCOMPARE(moved.id, idAt[i]);
            QImage image;
            QVERIFY(image.loadFromData(catalog->versionImage(moved.activeVersionId), "PNG"));
            QCOMPARE(image.pixelColor(3, 3), colours[i]);
        }
        QCOMPARE(catalog->cell(segment.id, {1, 2})->state, CellState::Locked);
        QCOMPARE(catalog->grade(GradeScope::Cell, idAt[1]).exposureStops, 0.5);
        // and the column between them is new and empty
        for (int row = 0; row < 2; ++row) {
            const Cell between = *catalog->cell(segment.id, {row, 1});
            QCOMPARE(between.state, CellState::Empty);
            QVERIFY(catalog->versions(between.id).isEmpty());
        }
        QVERIFY(catalog->checkIntegrity().isOk());

        // when the new column gets an image and the grid goes back, the moved cells return and
        // the cells nothing keeps go with their versions
        const Cell added = *catalog->cell(segment.id, {0, 1});
        catalog->addVersion(versionFor(added.id, Qt::white, 9));
        QVector<CellMove> gather;
        for (const CellMove& move : spread)
            gather.append(CellMove{move.to, move.from});
        catalog->regridSegment(segment.id, segment.grid, gather);
        QCOMPARE(catalog->cells(segment.id).size(), 4);
        QVERIFY(!catalog->cellById(added.id).has_value());
        for (int i = 0; i < 4; ++i)
            QCOMPARE(catalog->cell(segment.id, segment.grid.cellAt(i))->id, idAt[i]);
        QVERIFY(catalog->checkIntegrity().isOk());

        // and moves that cannot be are refused whole, naming the problem
        const auto unchanged = [&] {
            QCOMPARE(catalog->cells(segment.id).size(), 4);
            QCOMPARE(catalog->cell(segment.id, {0, 1})->id, idAt[1]);
        };
        expectError([&] { catalog->regridSegment(segment.id, wider, {CellMove{{0, 1}, {0, 3}}}); }, {QStringLiteral("outside a 2x3 grid")});
        unchanged();
        expectError([&] { catalog->regridSegment(segment.id, wider, {CellMove{{5, 0}, {0, 0}}}); }, {QStringLiteral("no cell 5,0")});
        expectError([&] { catalog->regridSegment(segment.id, wider, {CellMove{{0, 0}, {0, 2}}, CellMove{{0, 1}, {0, 2}}}); },
            {QStringLiteral("two moves")});
        unchanged();
        expectError([&] { catalog->regridSegment(segment.id + 100, wider, {}); }, {QStringLiteral("no segment")});
    }

    void versionsBecomeActiveAndKeepHistory()
    {
        // given a cell
        const auto catalog = Catalog::create(freshPath());
        const qint64 segmentId = catalog->addSegment(segmentAt(0, 1000));
        const Cell cell = *catalog->cell(segmentId, {0, 1});
        QCOMPARE(cell.state, CellState::Empty);
        // when two versions are generated
        const qint64 first = catalog->addVersion(versionFor(cell.id, Qt::red, 1));
        const qint64 second = catalog->addVersion(versionFor(cell.id, Qt::green, 2));
        // then the newest is active, the cell is done, and both are kept in order
        QCOMPARE(catalog->cellById(cell.id)->activeVersionId, second);
        QCOMPARE(catalog->cellById(cell.id)->state, CellState::Done);
        const QVector<Version> history = catalog->versions(cell.id);
        QCOMPARE(history.size(), 2);
        QCOMPARE(history[0].id, first);
        QCOMPARE(history[0].recipe.value(QStringLiteral("seed")).toInt(), 1);
        QVERIFY(history[0].png.isEmpty()); // metadata only
        QImage image;
        QVERIFY(image.loadFromData(catalog->versionImage(first), "PNG"));
        QCOMPARE(image.pixelColor(3, 3), QColor(Qt::red));
        // and an older version can be made active again, but never another cell's
        catalog->setActiveVersion(cell.id, first);
        QCOMPARE(catalog->cellById(cell.id)->activeVersionId, first);
        const Cell other = *catalog->cell(segmentId, {0, 0});
        expectError([&] { catalog->setActiveVersion(other.id, first); }, {QStringLiteral("another cell")});
    }

    void lockedCellsStayLockedAndNeedAnImage()
    {
        const auto catalog = Catalog::create(freshPath());
        const qint64 segmentId = catalog->addSegment(segmentAt(0, 1000));
        const Cell cell = *catalog->cell(segmentId, {0, 0});
        expectError([&] { catalog->setCellState(cell.id, CellState::Locked); }, {QStringLiteral("no image yet")});
        catalog->addVersion(versionFor(cell.id, Qt::red));
        catalog->setCellState(cell.id, CellState::Locked);
        catalog->addVersion(versionFor(cell.id, Qt::blue));
        QCOMPARE(catalog->cellById(cell.id)->state, CellState::Locked);
        catalog->setCellState(cell.id, CellState::Rejected);
        QCOMPARE(catalog->cellById(cell.id)->state, CellState::Rejected);
    }

    void refusesNonPngImages()
    {
        const auto catalog = Catalog::create(freshPath());
        const qint64 segmentId = catalog->addSegment(segmentAt(0, 1000));
        Version version = versionFor(catalog->cell(segmentId, {0, 0})->id, Qt::red);
        version.png = QByteArray("GIF89a...");
        expectError([&] { catalog->addVersion(version); }, {QStringLiteral("not PNG")});
    }

    void gradesCombineAcrossScopes()
    {
        const auto catalog = Catalog::create(freshPath());
        const qint64 segmentId = catalog->addSegment(segmentAt(0, 1000));
        const qint64 cellId = catalog->cell(segmentId, {1, 2})->id;
        catalog->setGrade(GradeScope::Project, 0, {0.5, 1.0, 1.0});
        catalog->setGrade(GradeScope::Segment, segmentId, {-1.0, 1.0, 0.8});
        catalog->setGrade(GradeScope::Cell, cellId, {0.25, 1.2, 1.0});
        const Grade effective = catalog->effectiveGrade(cellId);
        QCOMPARE(effective.exposureStops, -0.25);
        QVERIFY(qFuzzyCompare(effective.gamma, 1.2));
        QVERIFY(qFuzzyCompare(effective.saturation, 0.8));
        // replacing keeps one row per scope; identity removes it
        catalog->setGrade(GradeScope::Cell, cellId, {1.0, 1.0, 1.0});
        QCOMPARE(catalog->grade(GradeScope::Cell, cellId).exposureStops, 1.0);
        catalog->setGrade(GradeScope::Cell, cellId, Grade{});
        QCOMPARE(rawSql(catalog->path(), QStringLiteral("SELECT COUNT(*) FROM grades WHERE scope = 'cell'")), QStringLiteral("0"));
        expectError([&] { catalog->setGrade(GradeScope::Project, 0, {0.0, 0.0, 1.0}); }, {QStringLiteral("gamma")});
    }

    void jobsPersistAndResumeAfterACrash()
    {
        const QString path = freshPath();
        qint64 jobId = 0;
        {
            const auto catalog = Catalog::create(path);
            jobId = catalog->enqueueJob(QStringLiteral("generate"), {{QStringLiteral("segment"), 3}}, 16);
            catalog->setJobState(jobId, JobState::Running);
            catalog->setJobProgress(jobId, 5, 16);
            expectError([&] { catalog->setJobProgress(jobId, 17, 16); }, {QStringLiteral("impossible")});
        } // the process "dies" with the job running
        const auto catalog = Catalog::open(path);
        QCOMPARE(catalog->requeueInterruptedJobs(), 1);
        const Job job = *catalog->job(jobId);
        QCOMPARE(job.state, JobState::Queued);
        QCOMPARE(job.doneUnits, 5);
        QCOMPARE(job.progress(), 5.0 / 16.0);
        QCOMPARE(job.payload.value(QStringLiteral("segment")).toInt(), 3);
    }

    void exportsAreRecorded()
    {
        const auto catalog = Catalog::create(freshPath());
        const qint64 id = catalog->beginExport(QStringLiteral("/tmp/out.mp4"), QStringLiteral("web-1080p"), {{QStringLiteral("crf"), 18}});
        QCOMPARE(catalog->exports().constFirst().state, JobState::Running);
        catalog->finishExport(id, JobState::Failed, QStringLiteral("disk full"));
        const ExportRecord record = catalog->exports().constFirst();
        QCOMPARE(record.state, JobState::Failed);
        QCOMPARE(record.error, QStringLiteral("disk full"));
        QVERIFY(record.finished.isValid());
    }

    void readOnlyRefusesWrites()
    {
        const QString path = freshPath();
        Catalog::create(path);
        const auto catalog = Catalog::open(path, Catalog::Access::ReadOnly);
        QVERIFY(catalog->isReadOnly());
        expectError([&] { catalog->addSegment(segmentAt(0, 10)); }, {QStringLiteral("read-only")});
    }

    void integrityCheckFindsPlantedInconsistencies()
    {
        // given a consistent project with two done cells
        const QString path = freshPath();
        const auto catalog = Catalog::create(path);
        const qint64 segmentId = catalog->addSegment(segmentAt(0, 1000));
        const qint64 cellA = catalog->cell(segmentId, {0, 0})->id;
        const qint64 cellB = catalog->cell(segmentId, {0, 1})->id;
        catalog->addVersion(versionFor(cellA, Qt::red));
        const qint64 versionB = catalog->addVersion(versionFor(cellB, Qt::blue));
        QVERIFY(catalog->checkIntegrity().isOk());

        // when cell A is pointed at cell B's version behind the catalog's back
        rawSql(path, QStringLiteral("UPDATE cells SET active_version_id = %1 WHERE id = %2").arg(versionB).arg(cellA));
        // then the check names the cell and the foreign version
        IntegrityReport report = catalog->checkIntegrity();
        QCOMPARE(report.problems.size(), 1);
        QVERIFY2(report.problems[0].contains(QStringLiteral("belongs to cell %1").arg(cellB)), qPrintable(report.problems[0]));

        // when a done cell loses its version and segments overlap
        rawSql(path, QStringLiteral("UPDATE cells SET active_version_id = NULL WHERE id = %1").arg(cellB));
        rawSql(path, QStringLiteral("INSERT INTO segments (start_ms, end_ms, grid_rows, grid_cols) VALUES (500, 1500, 1, 1)"));
        report = catalog->checkIntegrity();
        const QString all = report.problems.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("state done but no active version")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("overlaps")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("0 cells for a 1x1 grid")), qPrintable(all));
    }

    void refusesDamagedSettingsAndSegments()
    {
        // Found by tests/fuzz (fuzz_catalog_open): a byte flipped in a project file gave a frame
        // height of 1079, which Catalog handed out although its schema forbids it (SQLite checks
        // CHECK constraints on write only).
        // given a project whose settings row breaks the schema's rules
        const QString path = freshPath();
        qint64 segmentId = 0;
        {
            const auto catalog = Catalog::create(path);
            segmentId = catalog->addSegment(segmentAt(0, 1000));
        }
        const QString damage = QStringLiteral("PRAGMA ignore_check_constraints = ON; ");
        rawSql(path, damage + QStringLiteral("UPDATE project SET height = 1079"));
        // then reading it is a CatalogError naming the file and the problem
        const auto damaged = Catalog::open(path, Catalog::Access::ReadOnly);
        expectError([&] { damaged->settings(); }, {path, QStringLiteral("settings are damaged"), QStringLiteral("1920x1079")});
        rawSql(path, damage + QStringLiteral("UPDATE project SET height = 1080, fps_den = 0"));
        expectError([&] { damaged->settings(); }, {QStringLiteral("frame rate")});

        // given segments with an empty time range and a grid beyond 64x64
        rawSql(path, damage + QStringLiteral("UPDATE project SET fps_den = 1; UPDATE segments SET grid_rows = 100000"));
        QVERIFY(damaged->settings().validationError().isEmpty());
        // then reading them is a CatalogError too
        expectError([&] { damaged->segments(); },
                    {QStringLiteral("segment %1 is damaged").arg(segmentId), QStringLiteral("grid 100000x3")});
        rawSql(path, damage + QStringLiteral("UPDATE segments SET grid_rows = 2, end_ms = 0"));
        expectError([&] { damaged->segment(segmentId); }, {QStringLiteral("time 0..0 ms")});
        rawSql(path, QStringLiteral("UPDATE segments SET end_ms = 1000"));
        QCOMPARE(damaged->segments().size(), 1);
    }

    void migratesASchema1ProjectKeepingItsData()
    {
        // given a project as schema 1 wrote it (no stems, no cache, no word timing)
        const QString path = freshPath();
        qint64 segmentId = 0;
        {
            const auto catalog = Catalog::create(path);
            segmentId = catalog->addSegment(segmentAt(0, 2000));
            catalog->addVersion(versionFor(catalog->cell(segmentId, {0, 0})->id, Qt::red));
        }
        rawSql(path, QStringLiteral("DROP TABLE version_upscales; DROP TABLE cell_flows; ALTER TABLE segments DROP COLUMN camera; DROP TABLE version_previews; DROP INDEX versions_overview; DROP TABLE stems; DROP TABLE analysis_cache;"
                                    " ALTER TABLE segments DROP COLUMN words;"
                                    " ALTER TABLE project DROP COLUMN render;"
                                    " ALTER TABLE project DROP COLUMN model_add_ons; PRAGMA user_version = 1"));
        // when opened read-only, nothing is migrated; when opened for writing, it is
        QCOMPARE(Catalog::open(path, Catalog::Access::ReadOnly)->schemaVersion(), 1);
        const auto catalog = Catalog::open(path);
        QCOMPARE(catalog->schemaVersion(), Catalog::kSchemaVersion);
        // then the old data is intact and the new tables work
        QCOMPARE(catalog->segments().size(), 1);
        QVERIFY(catalog->segments().constFirst().words.isEmpty());
        QCOMPARE(catalog->cell(segmentId, {0, 0})->state, CellState::Done);
        catalog->addStem({0, QStringLiteral("drums"), QStringLiteral("drums.wav"), QStringLiteral("abc")});
        QCOMPARE(catalog->stems().size(), 1);
        QVERIFY(catalog->checkIntegrity().isOk());
    }

    void cellFlowsAreKeptPerVersionPairAndLeaveWithTheirVersions()
    {
        // given a project migrated from schema 5 (before flows), with two neighbouring images
        const QString path = freshPath();
        qint64 segmentId = 0;
        qint64 left = 0;
        qint64 right = 0;
        {
            const auto catalog = Catalog::create(path);
            segmentId = catalog->addSegment(segmentAt(0, 2000));
            left = catalog->addVersion(versionFor(catalog->cell(segmentId, {0, 0})->id, Qt::red));
            right = catalog->addVersion(versionFor(catalog->cell(segmentId, {0, 1})->id, Qt::blue));
        }
        rawSql(path, QStringLiteral("DROP TABLE version_upscales; DROP TABLE cell_flows; ALTER TABLE segments DROP COLUMN camera; PRAGMA user_version = 5"));
        // when opened read-only, nothing is migrated and no flow is found
        QVERIFY(Catalog::open(path, Catalog::Access::ReadOnly)->cellFlow(left, right).isEmpty());
        // when opened for writing and flows are stored each way
        const auto catalog = Catalog::open(path);
        QCOMPARE(catalog->schemaVersion(), Catalog::kSchemaVersion);
        catalog->storeCellFlow(left, right, QByteArray("left to right"));
        catalog->storeCellFlow(right, left, QByteArray("right to left"));
        catalog->storeCellFlow(left, right, QByteArray("left to right, again"));
        // then each direction reads back its own bytes, the last stored wins
        QCOMPARE(catalog->cellFlow(left, right), QByteArray("left to right, again"));
        QCOMPARE(catalog->cellFlow(right, left), QByteArray("right to left"));
        QVERIFY(catalog->cellFlow(left, left).isEmpty());
        // and a flow cannot name a version that does not exist
        expectError([&] { catalog->storeCellFlow(left, 999999, QByteArray("x")); }, {});
        // and when the versions go (their segment removed), their flows go with them
        catalog->removeSegment(segmentId);
        QCOMPARE(rawSql(path, QStringLiteral("SELECT COUNT(*) FROM cell_flows")), QStringLiteral("0"));
        QVERIFY(catalog->checkIntegrity().isOk());
    }

    void upscalesAreKeptPerVersionScaleAndNetworkAndGoWithTheirVersion()
    {
        // given a project migrated from schema 6 (before upscales) with one image
        const QString path = freshPath();
        qint64 segmentId = 0;
        qint64 version = 0;
        {
            const auto catalog = Catalog::create(path);
            segmentId = catalog->addSegment(segmentAt(0, 2000));
            version = catalog->addVersion(versionFor(catalog->cell(segmentId, {0, 0})->id, Qt::red));
        }
        rawSql(path, QStringLiteral("DROP TABLE version_upscales; PRAGMA user_version = 6"));
        // when opened read-only, nothing is migrated and no upscale is found
        QVERIFY(Catalog::open(path, Catalog::Access::ReadOnly)->versionUpscale(version, 4, QStringLiteral("slim")).isEmpty());
        // when opened for writing and upscales are stored at two scales and two networks
        const auto catalog = Catalog::open(path);
        QCOMPARE(catalog->schemaVersion(), Catalog::kSchemaVersion);
        catalog->storeVersionUpscale(version, 4, QStringLiteral("slim"), QByteArray("x4 slim"));
        catalog->storeVersionUpscale(version, 8, QStringLiteral("slim"), QByteArray("x8 slim"));
        catalog->storeVersionUpscale(version, 4, QStringLiteral("thick"), QByteArray("x4 thick"));
        catalog->storeVersionUpscale(version, 4, QStringLiteral("slim"), QByteArray("x4 slim, again"));
        // then each reads back its own bytes, the last stored wins, and others are not there
        QCOMPARE(catalog->versionUpscale(version, 4, QStringLiteral("slim")), QByteArray("x4 slim, again"));
        QCOMPARE(catalog->versionUpscale(version, 8, QStringLiteral("slim")), QByteArray("x8 slim"));
        QCOMPARE(catalog->versionUpscale(version, 4, QStringLiteral("thick")), QByteArray("x4 thick"));
        QVERIFY(catalog->versionUpscale(version, 2, QStringLiteral("slim")).isEmpty());
        // and an upscale must belong to a version and scale at least 2 times
        expectError([&] { catalog->storeVersionUpscale(999999, 4, QStringLiteral("slim"), QByteArray("x")); }, {});
        expectError([&] { catalog->storeVersionUpscale(version, 1, QStringLiteral("slim"), QByteArray("x")); }, {});
        // and when the version goes (its segment removed), its upscales go with it
        catalog->removeSegment(segmentId);
        QCOMPARE(rawSql(path, QStringLiteral("SELECT COUNT(*) FROM version_upscales")), QStringLiteral("0"));
        QVERIFY(catalog->checkIntegrity().isOk());
    }

    void migratesASchema4ProjectTo128GridsKeepingItsImages()
    {
        // given a project as schema 4 wrote it: a 2x3 grid with two images, grids capped at 64
        const QString path = freshPath();
        qint64 segmentId = 0;
        qint64 redVersion = 0;
        {
            const auto catalog = Catalog::create(path);
            segmentId = catalog->addSegment(segmentAt(0, 2000));
            redVersion = catalog->addVersion(versionFor(catalog->cell(segmentId, {0, 0})->id, Qt::red));
            catalog->addVersion(versionFor(catalog->cell(segmentId, {1, 2})->id, Qt::blue));
        }
        downgradeToSchema4(path);
        QVERIFY(rawSql(path, QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = 'segments'"))
                    .contains(QStringLiteral("BETWEEN 1 AND 64)")));
        // when opened read-only (tessera-cli cells, the preview), it keeps its schema and its grid
        // reads as it does migrated: signatures and previews made from the images
        {
            const auto readOnly = Catalog::open(path, Catalog::Access::ReadOnly);
            QCOMPARE(readOnly->schemaVersion(), 4);
            const QVector<CellOverview> overviews = readOnly->cellOverviews(segmentId);
            QCOMPARE(overviews.size(), 6);
            QCOMPARE(overviews[0].cell.activeVersionId, redVersion);
            QCOMPARE(overviews[0].signature.left(3), QByteArray("\xff\x00\x00", 3));
            QVERIFY(readOnly->storedPreview(redVersion).isNull());
            QCOMPARE(QImage::fromData(readOnly->versionPreview(redVersion)).pixelColor(0, 0), QColor(Qt::red));
        }
        // when opened for writing, it is migrated
        const auto catalog = Catalog::open(path);
        QCOMPARE(catalog->schemaVersion(), Catalog::kSchemaVersion);
        QCOMPARE(rawSql(path, QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        QVERIFY(catalog->checkIntegrity().isOk());
        // then its images are intact, and their previews and signatures are made from them
        const QVector<CellOverview> overviews = catalog->cellOverviews(segmentId);
        QCOMPARE(overviews.size(), 6);
        QCOMPARE(overviews[0].cell.activeVersionId, redVersion);
        QCOMPARE(overviews[0].versionCount, 1);
        QCOMPARE(overviews[0].activeVersionNumber, 1);
        QCOMPARE(overviews[0].signature.size(), 16 * 16 * 3);
        QCOMPARE(overviews[0].signature.left(3), QByteArray("\xff\x00\x00", 3));
        QCOMPARE(overviews[5].signature.left(3), QByteArray("\x00\x00\xff", 3));
        QVERIFY(overviews[1].signature.isEmpty());
        QCOMPARE(QImage::fromData(catalog->versionPreview(redVersion)).pixelColor(0, 0), QColor(Qt::red));
        QCOMPARE(rawSql(path, QStringLiteral("SELECT COUNT(*) FROM version_previews")), QStringLiteral("0"));

        // when the grid grows to 128x128, the largest a grid may be
        Segment segment = *catalog->segment(segmentId);
        segment.grid = GridGeometry(128, 128);
        catalog->updateSegment(segment);
        // then every cell exists, the old ones keep their images, and the database accepts it
        QCOMPARE(catalog->cells(segmentId).size(), 128 * 128);
        QCOMPARE(catalog->cell(segmentId, {0, 0})->activeVersionId, redVersion);
        QCOMPARE(rawSql(path, QStringLiteral("SELECT grid_rows || 'x' || grid_cols FROM segments")), QStringLiteral("128x128"));
        // and a grid beyond that is refused, and the database's own limit is 128 now
        segment.grid = GridGeometry(129, 1);
        expectError([&] { catalog->updateSegment(segment); }, {QStringLiteral("129x1")});
        QVERIFY(rawSql(path, QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = 'segments'"))
                    .contains(QStringLiteral("BETWEEN 1 AND 128)")));

        // and a version stored now keeps its preview in the file
        const qint64 green = catalog->addVersion(versionFor(catalog->cell(segmentId, {127, 127})->id, Qt::green));
        QCOMPARE(rawSql(path, QStringLiteral("SELECT COUNT(*) FROM version_previews WHERE version_id = %1").arg(green)),
            QStringLiteral("1"));
        QCOMPARE(QImage::fromData(catalog->versionPreview(green)).pixelColor(0, 0), QColor(Qt::green));
        QVERIFY(catalog->checkIntegrity().isOk());
    }

    void loraAndEmbeddingSettingsRoundTripAndOldProjectsHaveNone()
    {
        // given a project as schema 3 wrote it (before LoRAs), with a style prompt
        const QString path = freshPath();
        ProjectSettings settings;
        settings.stylePrompt = QStringLiteral("ink wash");
        { Catalog::create(path, settings); }
        rawSql(path, QStringLiteral("DROP TABLE version_upscales; DROP TABLE cell_flows; ALTER TABLE segments DROP COLUMN camera; DROP TABLE version_previews; DROP INDEX versions_overview; ALTER TABLE project DROP COLUMN model_add_ons;"
                                    " PRAGMA user_version = 3"));
        // when opened read-only, it keeps its schema and reads as a project without LoRAs
        {
            const auto readOnly = Catalog::open(path, Catalog::Access::ReadOnly);
            QCOMPARE(readOnly->schemaVersion(), 3);
            QVERIFY(readOnly->settings() == settings);
        }
        // when opened for writing, it is migrated, unchanged
        const auto catalog = Catalog::open(path);
        QCOMPARE(catalog->schemaVersion(), Catalog::kSchemaVersion);
        QVERIFY(catalog->settings() == settings);

        // when LoRAs with strengths and embeddings with tokens are set
        settings.loras = {{QStringLiteral("/loras/ink.safetensors"), 0.75}, {QStringLiteral("/loras/glow.safetensors"), -1.5}};
        settings.embeddings = {{QStringLiteral("/embeddings/style.safetensors"), QStringLiteral("<style>")}};
        catalog->setSettings(settings);
        // then the file holds them, and a reopened project reads them back in order
        QVERIFY(rawSql(path, QStringLiteral("SELECT model_add_ons FROM project")).contains(QStringLiteral("glow.safetensors")));
        {
            const auto reopened = Catalog::open(path, Catalog::Access::ReadOnly);
            const ProjectSettings read = reopened->settings();
            QVERIFY(read == settings);
            QCOMPARE(read.loras.size(), 2);
            QCOMPARE(read.loras[1].strength, -1.5);
            QCOMPARE(read.embeddings.constFirst().token, QStringLiteral("<style>"));
        }
        // and settings no project could hold are refused, the stored ones kept
        ProjectSettings invalid = settings;
        invalid.loras.append(invalid.loras.constFirst());
        expectError([&] { catalog->setSettings(invalid); }, {QStringLiteral("listed twice")});
        QVERIFY(catalog->settings() == settings);
        QVERIFY(catalog->checkIntegrity().isOk());
    }

    void wordTimingRoundTrips()
    {
        const auto catalog = Catalog::create(freshPath());
        Segment segment = segmentAt(1000, 3000);
        segment.words = {{1000, QStringLiteral("hold")}, {1400, QStringLiteral("the")}, {1650, QStringLiteral("line")}};
        const qint64 id = catalog->addSegment(segment);
        QVERIFY(catalog->segment(id)->words == segment.words);
        segment.id = id;
        segment.words.removeLast();
        catalog->updateSegment(segment);
        QCOMPARE(catalog->segment(id)->words.size(), 2);
    }

    void stemsHaveUniqueNames()
    {
        const auto catalog = Catalog::create(freshPath());
        const qint64 bass = catalog->addStem({0, QStringLiteral("bass"), QStringLiteral("stems/bass.flac"), QStringLiteral("h1")});
        catalog->addStem({0, QStringLiteral("drums"), QStringLiteral("stems/drums.flac"), QStringLiteral("h2")});
        expectError([&] { catalog->addStem({0, QStringLiteral("bass"), QStringLiteral("x.wav"), {}}); }, {QStringLiteral("already exists")});
        expectError([&] { catalog->addStem({0, QStringLiteral(" "), QStringLiteral("x.wav"), {}}); }, {QStringLiteral("needs a name")});
        catalog->updateStem({bass, QStringLiteral("bass"), QStringLiteral("moved/bass.flac"), QStringLiteral("h1")});
        QCOMPARE(catalog->stems().constFirst().path, QStringLiteral("moved/bass.flac"));
        catalog->removeStem(bass);
        QCOMPARE(catalog->stems().size(), 1);
    }

    void analysisCacheIsKeyedByHashAndParameters()
    {
        const QString path = freshPath();
        {
            const auto catalog = Catalog::create(path);
            QVERIFY(!catalog->cachedAnalysis(QStringLiteral("h"), QStringLiteral("100Hz")).has_value());
            catalog->storeAnalysis(QStringLiteral("h"), QStringLiteral("100Hz"), QByteArray("first"));
            catalog->storeAnalysis(QStringLiteral("h"), QStringLiteral("100Hz"), QByteArray("second"));
            catalog->storeAnalysis(QStringLiteral("h"), QStringLiteral("50Hz"), QByteArray("other"));
        }
        const auto catalog = Catalog::open(path);
        QCOMPARE(catalog->cachedAnalysis(QStringLiteral("h"), QStringLiteral("100Hz")).value(), QByteArray("second"));
        QCOMPARE(catalog->cachedAnalysis(QStringLiteral("h"), QStringLiteral("50Hz")).value(), QByteArray("other"));
        QVERIFY(!catalog->cachedAnalysis(QStringLiteral("g"), QStringLiteral("100Hz")).has_value());
        expectError([&] { catalog->storeAnalysis(QString(), QStringLiteral("k"), QByteArray("x")); }, {QStringLiteral("hash")});
    }

    void mediaLinksTravelWithTheProjectAndAreFoundAfterMoves()
    {
        // given a project folder with the song in a subfolder, and a stem outside it
        QTemporaryDir root;
        QDir(root.path()).mkpath(QStringLiteral("show/audio"));
        const QString project = root.filePath(QStringLiteral("show/p.tessera"));
        const QString song = root.filePath(QStringLiteral("show/audio/song.wav"));
        const QString outside = root.filePath(QStringLiteral("elsewhere.wav"));
        auto write = [](const QString& path, const QByteArray& bytes) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
        };
        write(song, QByteArray("RIFF-song-bytes"));
        write(outside, QByteArray("RIFF-stem-bytes"));

        // when linked, then the song is stored relative and the outside file absolute
        const MediaLink songLink = MediaLink::make(project, song);
        QCOMPARE(songLink.storedPath, QStringLiteral("audio/song.wav"));
        QCOMPARE(songLink.hash.size(), 64);
        QVERIFY(QFileInfo(MediaLink::make(project, outside).storedPath).isAbsolute());
        QCOMPARE(resolveMedia(project, songLink).status, MediaStatus::Found);

        // when the song moves within the project folder, it is found by its contents
        QDir(root.path()).mkpath(QStringLiteral("show/mix"));
        QVERIFY(QFile::rename(song, root.filePath(QStringLiteral("show/mix/song.wav"))));
        ResolvedMedia resolved = resolveMedia(project, songLink);
        QCOMPARE(resolved.status, MediaStatus::Relinked);
        QVERIFY(resolved.absolutePath.endsWith(QStringLiteral("show/mix/song.wav")));
        QVERIFY(resolved.message.contains(QStringLiteral("moved")));

        // when a different file sits at the stored path, it is reported as changed
        write(song, QByteArray("RIFF-remastered"));
        resolved = resolveMedia(project, songLink);
        QCOMPARE(resolved.status, MediaStatus::Changed);
        QVERIFY(resolved.newHash != songLink.hash);

        // when it is gone everywhere, the message names the path it expected
        QFile::remove(song);
        QFile::remove(root.filePath(QStringLiteral("show/mix/song.wav")));
        resolved = resolveMedia(project, songLink);
        QCOMPARE(resolved.status, MediaStatus::Missing);
        QVERIFY2(resolved.message.contains(song), qPrintable(resolved.message));
        expectError([&] { MediaLink::make(project, song); }, {song, QStringLiteral("no such file")});
    }

    void syncSegmentsAddsUpdatesAndRemoves()
    {
        // given a stored timeline of three segments
        const auto catalog = Catalog::create(freshPath());
        const qint64 a = catalog->addSegment(segmentAt(0, 1000));
        const qint64 b = catalog->addSegment(segmentAt(1000, 2000));
        catalog->addSegment(segmentAt(2000, 3000));
        // when the timeline merges b into a, drops the third and adds a new one
        Segment merged = *catalog->segment(a);
        merged.range.endMs = 2000;
        QVector<Segment> edited{merged, segmentAt(2000, 2500, 1, 1)};
        edited = catalog->syncSegments(edited);
        // then the catalog holds exactly the edited timeline with every id filled in
        const QVector<Segment> stored = catalog->segments();
        QCOMPARE(stored.size(), 2);
        QCOMPARE(stored[0].id, a);
        QCOMPARE(stored[0].range.endMs, 2000);
        QVERIFY(edited[1].id != 0);
        QCOMPARE(stored[1].id, edited[1].id);
        QVERIFY(!catalog->segment(b).has_value());
        QVERIFY(catalog->checkIntegrity().isOk());
        // and an invalid timeline lands not at all
        QVector<Segment> broken = stored;
        broken[1].range = {3000, 3000};
        broken.append(segmentAt(5000, 6000));
        expectError([&] { catalog->syncSegments(broken); }, {QStringLiteral("empty or negative")});
        QCOMPARE(catalog->segments().size(), 2);
    }

    void gradeCommandsUndoToThePreviousGrades()
    {
        // given a segment graded +1 stop and two cells, one graded
        const auto catalog = Catalog::create(freshPath());
        const qint64 segmentId = catalog->addSegment(segmentAt(0, 1000));
        const qint64 c1 = catalog->cell(segmentId, {0, 0})->id;
        const qint64 c2 = catalog->cell(segmentId, {0, 1})->id;
        catalog->setGrade(GradeScope::Cell, c1, {0.5, 1.0, 1.0});
        // when a multi-cell grade is applied and undone
        SetGradesCommand command(GradeScope::Cell, {{c1, {-1.0, 1.0, 1.0}}, {c2, {0.25, 1.0, 1.0}}},
            QStringLiteral("Match exposure"));
        command.redo(*catalog);
        QCOMPARE(catalog->grade(GradeScope::Cell, c1).exposureStops, -1.0);
        QCOMPARE(catalog->grade(GradeScope::Cell, c2).exposureStops, 0.25);
        command.undo(*catalog);
        // then each cell has exactly its previous grade (and an identity grade stores no row)
        QCOMPARE(catalog->grade(GradeScope::Cell, c1).exposureStops, 0.5);
        QVERIFY(catalog->grade(GradeScope::Cell, c2).isIdentity());
        QCOMPARE(rawSql(catalog->path(), QStringLiteral("SELECT COUNT(*) FROM grades")), QStringLiteral("1"));
        command.redo(*catalog);
        QCOMPARE(catalog->grade(GradeScope::Cell, c2).exposureStops, 0.25);
        const auto single = makeSetGradeCommand(GradeScope::Segment, segmentId, {1.5, 1.0, 1.0});
        QVERIFY2(single->text().contains(QStringLiteral("+1.50")), qPrintable(single->text()));
    }

    void summaryDescribesTheProject()
    {
        const auto catalog = Catalog::create(freshPath());
        const qint64 segmentId = catalog->addSegment(segmentAt(0, 65000, 2, 2));
        catalog->addVersion(versionFor(catalog->cell(segmentId, {0, 0})->id, Qt::red));
        const ProjectSummary summary = ProjectSummary::of(*catalog);
        QCOMPARE(summary.cellCount, 4);
        QCOMPARE(summary.cellsByState.value(CellState::Done), 1);
        QCOMPARE(summary.cellsByState.value(CellState::Empty), 3);
        QCOMPARE(summary.timelineEndMs(), 65000);
        const QJsonObject json = summary.toJson();
        QCOMPARE(json.value(QStringLiteral("schemaVersion")).toInt(), Catalog::kSchemaVersion);
        QCOMPARE(json.value(QStringLiteral("segments")).toArray().size(), 1);
        QVERIFY(summary.toText().contains(QStringLiteral("1:05.00")));
    }

    void summaryNumbersSegmentsByTheirPlaceInTime()
    {
        // given a timeline whose ids are not its order: the first segment removed, one added before the rest
        const auto catalog = Catalog::create(freshPath());
        const qint64 removed = catalog->addSegment(segmentAt(0, 1000, 1, 1));
        catalog->addSegment(segmentAt(2000, 3000, 1, 1));
        catalog->addSegment(segmentAt(3000, 4000, 1, 1));
        catalog->removeSegment(removed);
        catalog->addSegment(segmentAt(0, 2000, 1, 1)); // id 4, first in time
        const ProjectSummary summary = ProjectSummary::of(*catalog);
        // then the text and the JSON number them 1, 2, 3 in timeline order
        const QStringList lines = summary.toText().split(QLatin1Char('\n')).filter(QStringLiteral("1x1"));
        QCOMPARE(lines.size(), 3);
        for (int i = 0; i < 3; ++i)
            QVERIFY2(lines[i].trimmed().startsWith(QString::number(i + 1) + QStringLiteral("  ")), qPrintable(lines[i]));
        QVERIFY(lines[0].contains(QStringLiteral("0:00.00-0:02.00")));
        const QJsonArray segments = summary.toJson().value(QStringLiteral("segments")).toArray();
        for (int i = 0; i < 3; ++i)
            QCOMPARE(segments[i].toObject().value(QStringLiteral("number")).toInt(), i + 1);
        QCOMPARE(segments[0].toObject().value(QStringLiteral("id")).toInteger(), 4);
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
