// How a project behaves when others use it or the disk refuses: a studio-side writer (the
// catalog API the studio uses, on its own QThread) beside a real `tessera-cli generate` on one
// project; a project whose file and folder cannot be written (chmod as a user, chattr +i as root,
// since root ignores modes) opening read-only with a notice; and a full disk during generate and
// export, emulated with RLIMIT_FSIZE in the child (SIGXFSZ ignored, so writes fail with EFBIG).
#include "CatalogTestData.h"
#include "CliRunner.h"
#include "ProjectState.h"
#include "SongTestData.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

using namespace tessera;
using tessera::testing::CliResult;
using tessera::testing::ProjectState;
using tessera::testing::runCli;

namespace {

const QStringList kFastGeneration{QStringLiteral("--steps"), QStringLiteral("4")};

//! tessera-cli with its files limited to limitBytes each: a write past it fails with EFBIG, as
//! on a full disk (the process ignores SIGXFSZ, which would otherwise kill it).
CliResult runCliWithFileLimit(const QStringList& arguments, qint64 limitBytes)
{
    QProcess process;
    process.setChildProcessModifier([limitBytes] {
        const rlimit limit{rlim_t(limitBytes), rlim_t(limitBytes)};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        ::signal(SIGXFSZ, SIG_IGN);
    });
    process.start(QStringLiteral(TESSERA_CLI_PATH), arguments);
    if (!process.waitForFinished(600000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

//! Makes a file and its folder unwritable for this process while it lives: chmod for a user,
//! chattr +i for root (whom modes do not stop). Empty reason() when neither works here.
class UnwritablePaths
{
public:
    explicit UnwritablePaths(const QStringList& paths)
        : m_paths(paths)
    {
        for (const QString& path : m_paths) {
            const bool done = ::geteuid() == 0
                ? QProcess::execute(QStringLiteral("chattr"), {QStringLiteral("+i"), path}) == 0
                : QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
            if (!done) {
                m_failed = true;
                return;
            }
        }
    }
    ~UnwritablePaths()
    {
        for (const QString& path : m_paths) {
            if (::geteuid() == 0)
                QProcess::execute(QStringLiteral("chattr"), {QStringLiteral("-i"), path});
            else
                QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        }
    }
    bool failed() const { return m_failed; }

private:
    QStringList m_paths;
    bool m_failed = false;
};

//! The studio's side: segment grades written through its own Catalog, one short transaction
//! each, as the grade panel does, until told to stop.
class StudioWriter : public QThread
{
public:
    StudioWriter(const QString& project, qint64 segmentId)
        : m_project(project)
        , m_segmentId(segmentId)
    {
    }
    std::atomic<bool> stop{false};
    std::atomic<int> writes{0};
    double lastStops = 0;
    QString error;

protected:
    void run() override
    {
        try {
            const auto catalog = Catalog::open(m_project);
            for (int i = 1; !stop; ++i) {
                Grade grade;
                grade.exposureStops = (i % 16) / 8.0;
                catalog->transact([&] { catalog->setGrade(GradeScope::Segment, m_segmentId, grade); });
                lastStops = grade.exposureStops;
                ++writes;
                QThread::msleep(20);
            }
        } catch (const std::exception& failure) {
            error = QString::fromUtf8(failure.what());
        }
    }

private:
    QString m_project;
    qint64 m_segmentId;
};

} // namespace

class TestAccess : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_song;
    QString m_lyrics;

    //! A fresh 6 s project with three segments of 2x2 grids in its own folder.
    QString makeProject(const QString& name)
    {
        const QString folder = m_dir.filePath(name);
        if (!QDir().mkpath(folder))
            return {};
        const QString project = folder + QStringLiteral("/project.tessera");
        const CliResult created = runCli({QStringLiteral("new"), QStringLiteral("--fps"), QStringLiteral("24"), QStringLiteral("--size"),
            QStringLiteral("160x90"), QStringLiteral("--audio"), m_song, QStringLiteral("--lyrics"), m_lyrics, project});
        if (created.exitCode != 0) {
            qWarning("%s", qPrintable(created.err));
            return {};
        }
        for (int n = 1; n <= 3; ++n) {
            if (runCli({QStringLiteral("segment"), project, QString::number(n), QStringLiteral("--grid"), QStringLiteral("2x2")}).exitCode != 0)
                return {};
        }
        return project;
    }

    void verifyChecksClean(const QString& project)
    {
        const CliResult check = runCli({QStringLiteral("check"), project});
        QVERIFY2(check.exitCode == 0 && check.out.trimmed().endsWith(QStringLiteral(": ok")), qPrintable(check.out + check.err));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_song = m_dir.filePath(QStringLiteral("song.wav"));
        testing::writeBurstTrack(m_song, 6.0, {0.5, 1.5, 2.5, 3.5, 4.5, 5.5});
        m_lyrics = m_dir.filePath(QStringLiteral("song.lrc"));
        QFile lrc(m_lyrics);
        QVERIFY(lrc.open(QIODevice::WriteOnly));
        lrc.write("[00:00.00]neon rivers run\n[00:02.00]under city lights\n[00:04.00]we ride the night\n");
    }

    void studioWritesWhileTheCliGenerates()
    {
        // given a project, a studio-side writer grading it on its own thread
        const QString project = makeProject(QStringLiteral("concurrent"));
        QVERIFY(!project.isEmpty());
        const ProjectState before = ProjectState::read(project);
        StudioWriter studio(project, before.segments[1].id);
        studio.start();
        // when the command line generates every grid meanwhile
        QProcess generate;
        generate.start(QStringLiteral(TESSERA_CLI_PATH), QStringList{QStringLiteral("generate"), project} + kFastGeneration);
        QVERIFY(generate.waitForStarted());
        const int writesBefore = studio.writes;
        // bounded generously: a busy machine takes minutes, and only the outcome is asserted
        const bool finished = generate.waitForFinished(600000);
        const int writesDuring = studio.writes - writesBefore;
        studio.stop = true;
        studio.wait();
        if (!finished) {
            generate.kill();
            generate.waitForFinished();
        }
        QVERIFY2(finished, "tessera-cli generate did not finish within 10 minutes");
        // then both succeeded: every cell generated, every studio write landed, nothing corrupt
        QVERIFY2(generate.exitStatus() == QProcess::NormalExit && generate.exitCode() == 0,
            generate.readAllStandardError().constData());
        QVERIFY2(studio.error.isEmpty(), qPrintable(studio.error));
        // at least one write landed while the CLI held the project (how many depends on the machine)
        QVERIFY2(writesDuring >= 1, qPrintable(QStringLiteral("only %1 studio writes while generating").arg(writesDuring)));
        const ProjectState after = ProjectState::read(project);
        QCOMPARE(after.cellsIn(CellState::Done), 12);
        QCOMPARE(after.segmentGrades.value(before.segments[1].id).exposureStops, studio.lastStops);
        verifyChecksClean(project);
        qInfo("concurrent use: %d studio writes while tessera-cli generated 12 cells", writesDuring);
    }

    void unwritableProjectOpensReadOnlyWithANotice()
    {
        // given a project whose file and folder cannot be written (a read-only medium)
        const QString project = makeProject(QStringLiteral("readonly"));
        QVERIFY(!project.isEmpty());
        const UnwritablePaths locked({project, QFileInfo(project).path()});
        if (locked.failed())
            QSKIP("cannot make a file unwritable here (no chattr for root)");
        // when it is opened for editing, then it opens read-only, says why, and refuses writes
        const auto catalog = Catalog::open(project);
        QVERIFY(catalog->isReadOnly());
        QVERIFY2(catalog->readOnlyNotice().contains(QStringLiteral("opened read-only")), qPrintable(catalog->readOnlyNotice()));
        QVERIFY2(catalog->readOnlyNotice().contains(QStringLiteral("not writable")), qPrintable(catalog->readOnlyNotice()));
        QCOMPARE(catalog->segments().size(), 3);
        QVERIFY_THROWS_EXCEPTION(CatalogError, catalog->setGrade(GradeScope::Project, 0, Grade{1.0, 1.0, 1.0}));
        // the CLI reads it, says it is read-only, and a write fails naming the reason
        const CliResult info = runCli({QStringLiteral("info"), project});
        QVERIFY2(info.exitCode == 0 && info.out.contains(QStringLiteral("Read-only: ")), qPrintable(info.out + info.err));
        const CliResult grade = runCli({QStringLiteral("grade"), project, QStringLiteral("--exposure"), QStringLiteral("1")});
        QVERIFY(grade.exitCode != 0);
        QVERIFY2(grade.err.contains(QStringLiteral("opened read-only")) && grade.err.contains(QStringLiteral("not writable")), qPrintable(grade.err));
        const CliResult generate = runCli(QStringList{QStringLiteral("generate"), project} + kFastGeneration);
        QVERIFY(generate.exitCode != 0);
        QVERIFY2(generate.err.contains(project), qPrintable(generate.err));
        verifyChecksClean(project);
    }

    void fullDiskDuringGenerateKeepsTheFinishedCells()
    {
        // given a project whose file may grow by only a little (a nearly full disk)
        const QString project = makeProject(QStringLiteral("fullgenerate"));
        QVERIFY(!project.isEmpty());
        const qint64 limit = QFileInfo(project).size() + 48 * 1024;
        // when generate runs into it
        const CliResult full = runCliWithFileLimit(QStringList{QStringLiteral("generate"), project} + kFastGeneration, limit);
        // then it fails saying the project has no room, and what it finished is kept
        QVERIFY2(full.exitCode != 0, qPrintable(full.err));
        QVERIFY2(full.err.contains(project) && full.err.contains(QStringLiteral("cannot save the project")), qPrintable(full.err));
        verifyChecksClean(project);
        const ProjectState kept = ProjectState::read(project);
        QVERIFY2(kept.cellsIn(CellState::Done) >= 1 && kept.cellsIn(CellState::Done) < 12,
            qPrintable(QStringLiteral("%1 cells done before the disk filled").arg(kept.cellsIn(CellState::Done))));
        // and with room again, a generate finishes the rest
        const CliResult rest = runCli(QStringList{QStringLiteral("generate"), project} + kFastGeneration);
        QVERIFY2(rest.exitCode == 0, qPrintable(rest.err));
        const ProjectState done = ProjectState::read(project);
        QCOMPARE(done.cellsIn(CellState::Done), 12);
        for (auto it = kept.versionHash.cbegin(); it != kept.versionHash.cend(); ++it)
            QCOMPARE(done.versionHash.value(it.key()), it.value());
        qInfo("full disk: %d of 12 cells kept, the rest generated after", kept.cellsIn(CellState::Done));
    }

    void fullDiskOrUnwritableFolderDuringExportLeavesNoFile()
    {
        const QString project = makeProject(QStringLiteral("fullexport"));
        QVERIFY(!project.isEmpty());
        QVERIFY(runCli(QStringList{QStringLiteral("generate"), project} + kFastGeneration).exitCode == 0);
        const QString reference = m_dir.filePath(QStringLiteral("fullexport/reference.mp4"));
        const CliResult made = runCli({QStringLiteral("export"), project, reference, QStringLiteral("--preset"), QStringLiteral("ultrafast")});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        // given a disk with room for half the video
        const QString folder = m_dir.filePath(QStringLiteral("fullexport/videos"));
        QVERIFY(QDir().mkpath(folder));
        const QString target = folder + QStringLiteral("/video.mp4");
        const qint64 limit = QFileInfo(reference).size() / 2;
        QVERIFY2(limit > 64 * 1024, qPrintable(QStringLiteral("the reference video is only %1 bytes").arg(QFileInfo(reference).size())));
        // when the export runs into it, then it fails naming the target and the disk, and leaves nothing
        const CliResult full = runCliWithFileLimit({QStringLiteral("export"), project, target, QStringLiteral("--preset"), QStringLiteral("ultrafast")}, limit);
        QVERIFY(full.exitCode != 0);
        QVERIFY2(full.err.contains(target), qPrintable(full.err));
        QVERIFY2(full.err.contains(QStringLiteral("File too large")) || full.err.contains(QStringLiteral("disk full")), qPrintable(full.err));
        QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
        verifyChecksClean(project);
        // given a folder that cannot be written, the export says so and writes nothing
        {
            const UnwritablePaths locked({folder});
            if (!locked.failed()) {
                const CliResult refused = runCli({QStringLiteral("export"), project, target, QStringLiteral("--preset"), QStringLiteral("ultrafast")});
                QVERIFY(refused.exitCode != 0);
                QVERIFY2(refused.err.contains(target) && refused.err.contains(QStringLiteral("cannot write in the folder")), qPrintable(refused.err));
            }
        }
        QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
        // and with room, the same export completes
        const CliResult whole = runCli({QStringLiteral("export"), project, target, QStringLiteral("--preset"), QStringLiteral("ultrafast")});
        QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));
        QCOMPARE(testing::fileHash(target), testing::fileHash(reference));
    }
};

QTEST_GUILESS_MAIN(TestAccess)
#include "tst_access.moc"
