// Crash consistency of the real tessera-cli: generate, regenerate, grade and export are killed
// with SIGKILL at random moments, many times over, on one small project with the bundled model.
// After every kill: the project's own check passes (SQLite's integrity and foreign-key checks and
// Tessera's invariants), every version committed before the run is still there with the same
// image, at most the cell in flight is missing (a generate commits at least every cell it
// reported and at most one more), a grade is the old or the new one, and the export target is
// absent or byte-identical to a complete export (never partial). A forced regenerate of a locked
// cell leaves it locked whenever it dies. Re-running then completes the work. The moments come
// from a seeded generator: TESSERA_KILL_SEED replays a run.
//
// Half the generate kills are blind (any instant of a run); the other half wait until the run has
// reported a random number of committed cells and then strike within the next cell, so that kills
// after a commit happen on a fast machine as on a slow one: the test asserts that generate was
// killed, and that at least a quarter of those kills came after a committed cell.
#include "CatalogTestData.h"
#include "CliRunner.h"
#include "ProjectState.h"
#include "SongTestData.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

using namespace tessera;
using tessera::testing::CliResult;
using tessera::testing::ProjectState;
using tessera::testing::runCli;

namespace {

//! One run of tessera-cli that was sent SIGKILL after delayMs unless it ended first.
struct KilledRun
{
    bool killed = false; //!< the kill landed while it ran
    int exitCode = -1;   //!< when it ended on its own
    qint64 elapsedMs = 0;
    QString out;
    QString err;
};

KilledRun runAndKill(const QStringList& arguments, int delayMs)
{
    QProcess process;
    process.start(QStringLiteral(TESSERA_CLI_PATH), arguments);
    KilledRun run;
    if (!process.waitForStarted())
        return run;
    QElapsedTimer timer;
    timer.start();
    if (!process.waitForFinished(delayMs)) {
        process.kill(); // SIGKILL: no handler runs, nothing is cleaned up
        process.waitForFinished(60000);
    }
    run.elapsedMs = timer.elapsed();
    run.killed = process.exitStatus() == QProcess::CrashExit;
    run.exitCode = run.killed ? -1 : process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

//! Cells a generate run reported as committed: its progress lines "LABEL: n of m cells" go up by
//! one after each commit; a job's first line gives the count it started from.
int reportedCells(const QString& err)
{
    static const QRegularExpression line(QStringLiteral("^(.*): (\\d+) of (\\d+) cells$"), QRegularExpression::MultilineOption);
    int reported = 0;
    QString label;
    int last = -1;
    int total = -1;
    for (auto it = line.globalMatch(err); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const int n = match.captured(2).toInt();
        const int m = match.captured(3).toInt();
        if (match.captured(1) == label && m == total && n == last + 1)
            ++reported;
        label = match.captured(1);
        last = n;
        total = m;
    }
    return reported;
}

//! One run of tessera-cli killed a while after its progress reached a point: once it reported
//! `commits` committed cells (0: once a job reported its start), then after delayAfter(gapMs) ms,
//! gapMs being the time since its progress line before that one (about one cell's work). Bounded
//! by waitMs, after which it is killed anyway.
KilledRun runAndKillOnProgress(const QStringList& arguments, int commits, const std::function<int(qint64 gapMs)>& delayAfter,
    int waitMs = 180000)
{
    static const QRegularExpression progressLine(QStringLiteral("^.*: \\d+ of \\d+ cells$"));
    QProcess process;
    process.setReadChannel(QProcess::StandardError);
    process.start(QStringLiteral(TESSERA_CLI_PATH), arguments);
    KilledRun run;
    if (!process.waitForStarted())
        return run;
    QElapsedTimer timer;
    timer.start();
    QByteArray err;
    qint64 previousProgressMs = 0;
    int delayMs = -1;
    while (delayMs < 0 && process.state() != QProcess::NotRunning && timer.elapsed() < waitMs) {
        if (!process.canReadLine() && !process.waitForReadyRead(int(qMax<qint64>(1, waitMs - timer.elapsed()))))
            continue; // ended, or the bound passed
        while (delayMs < 0 && process.canReadLine()) {
            const QByteArray line = process.readLine();
            err += line;
            if (!progressLine.match(QString::fromUtf8(line).trimmed()).hasMatch())
                continue;
            const qint64 nowMs = timer.elapsed();
            if (commits == 0 || reportedCells(QString::fromUtf8(err)) >= commits)
                delayMs = delayAfter(nowMs - previousProgressMs);
            previousProgressMs = nowMs;
        }
    }
    if (!process.waitForFinished(qMax(0, delayMs))) {
        process.kill();
        process.waitForFinished(60000);
    }
    run.elapsedMs = timer.elapsed();
    run.killed = process.exitStatus() == QProcess::CrashExit;
    run.exitCode = run.killed ? -1 : process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(err + process.readAllStandardError());
    return run;
}

QStringList temporariesIn(const QString& folder)
{
    return QDir(folder).entryList({QStringLiteral(".*.partial-*")}, QDir::Files | QDir::Hidden | QDir::Dirs | QDir::NoDotAndDotDot);
}

//! How long to wait before a kill: uniform up to the longest run seen to end on its own.
class KillClock
{
public:
    explicit KillClock(int initialMs)
        : m_spanMs(initialMs)
    {
    }
    int next(QRandomGenerator& random) const { return int(random.bounded(m_spanMs + 1)); }
    void ranWhole(qint64 elapsedMs) { m_spanMs = qMax(m_spanMs, int(elapsedMs * 6 / 5)); }

private:
    int m_spanMs;
};

} // namespace

class TestCrash : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_project;
    QRandomGenerator m_random;
    quint32 m_seed = 20261205;
    int m_invariants = 0;
    QMap<QString, int> m_kills;
    QMap<QString, int> m_killsAfterCommit; //!< kills that came after the run had committed a cell
    QMap<QString, int> m_wholeRuns;

    // Every invariant goes through here, so the summary can say how many held.
#define HOLDS(condition, message)                                                                            \
    do {                                                                                                     \
        ++m_invariants;                                                                                      \
        QVERIFY2(condition, qPrintable(QString(message)));                                                  \
    } while (false)

    const QStringList fastGeneration{QStringLiteral("--steps"), QStringLiteral("6")};

    void count(const QString& verb, const KilledRun& run, int committed)
    {
        ++(run.killed ? m_kills : m_wholeRuns)[verb];
        if (run.killed && committed > 0)
            ++m_killsAfterCommit[verb];
    }

    //! What holds after any run, killed or not: the project checks clean and nothing that was
    //! committed before the run is lost or changed.
    void checkCommon(const ProjectState& before, const ProjectState& after, const QString& what)
    {
        const CliResult check = runCli({QStringLiteral("check"), m_project});
        HOLDS(check.exitCode == 0 && check.out.trimmed().endsWith(QStringLiteral(": ok")),
            what + QStringLiteral(": check failed: ") + check.out + check.err);
        HOLDS(after.cells.keys() == before.cells.keys(), what + QStringLiteral(": the cells changed"));
        for (auto it = before.versionHash.cbegin(); it != before.versionHash.cend(); ++it) {
            HOLDS(after.versionHash.value(it.key()) == it.value() && after.versionCell.value(it.key()) == before.versionCell.value(it.key()),
                what + QStringLiteral(": version %1 was lost or changed").arg(it.key()));
        }
    }

    //! A blind round kills at any instant of the run; the other kind waits for a random number of
    //! committed cells (leaving at least two more to make) and strikes within the next cell.
    enum class KillMoment { Blind, AfterCommits };

    void runGenerateRound(KillMoment moment)
    {
        // work for it: when the grids are (nearly) full, one segment's cells are rejected (as an
        // artist does); a kill after commits wants at least three cells to make
        const int wanted = moment == KillMoment::Blind ? 1 : 3;
        const ProjectState start = ProjectState::read(m_project);
        if (start.pendingCells() < wanted) {
            const int segment = 1 + int(m_random.bounded(start.segments.size()));
            const CliResult rejected = runCli({QStringLiteral("segment"), m_project, QString::number(segment), QStringLiteral("--reject-cells")});
            QVERIFY2(rejected.exitCode == 0, qPrintable(rejected.err));
        }
        const ProjectState before = ProjectState::read(m_project);
        QVERIFY2(before.pendingCells() >= wanted, qPrintable(QStringLiteral("%1 cells pending").arg(before.pendingCells())));
        const QStringList arguments = QStringList{QStringLiteral("generate"), m_project} + fastGeneration;
        KilledRun run;
        QString moments;
        if (moment == KillMoment::Blind) {
            run = runAndKill(arguments, m_generateClock.next(m_random));
            moments = QStringLiteral("blind");
        } else {
            const int commits = 1 + int(m_random.bounded(before.pendingCells() - 2));
            run = runAndKillOnProgress(arguments, commits, [&](qint64 gapMs) { return int(m_random.bounded(int(gapMs) + 1)); });
            moments = QStringLiteral("after %1 committed").arg(commits);
        }
        const ProjectState after = ProjectState::read(m_project);
        const int added = int(after.versionHash.size() - before.versionHash.size());
        count(QStringLiteral("generate"), run, added);
        const QString what = QStringLiteral("generate %1 (%2) after %3 ms")
                                 .arg(run.killed ? QStringLiteral("killed") : QStringLiteral("ended"), moments)
                                 .arg(run.elapsedMs);
        checkCommon(before, after, what);
        const int reported = reportedCells(run.err);
        // at most the cell in flight is missing: every reported cell is there, and at most one
        // more (the bundled pixel model generates one cell at a time on the CPU)
        HOLDS(added >= reported && added <= reported + 1, what + QStringLiteral(": %1 cells reported, %2 committed").arg(reported).arg(added));
        HOLDS(after.cellsIn(CellState::Generating) <= 1, what + QStringLiteral(": more than the cell in flight is marked generating"));
        // each new version is its cell's active image
        for (auto it = after.versionCell.cbegin(); it != after.versionCell.cend(); ++it) {
            if (!before.versionCell.contains(it.key()))
                HOLDS(after.cells.value(it.value()).activeVersionId == it.key(), what + QStringLiteral(": new version %1 is not active").arg(it.key()));
        }
        if (!run.killed) {
            m_generateClock.ranWhole(run.elapsedMs);
            HOLDS(run.exitCode == 0 && after.pendingCells() == 0 && after.unfinishedJobs() == 0,
                what + QStringLiteral(": exit %1, %2 cells pending: %3").arg(run.exitCode).arg(after.pendingCells()).arg(run.err));
        }
    }

    void runRegenerateRound()
    {
        const ProjectState before = ProjectState::read(m_project);
        const int segmentNumber = 1 + int(m_random.bounded(before.segments.size()));
        const Segment& segment = before.segments[segmentNumber - 1];
        const int row = int(m_random.bounded(segment.grid.rows()));
        const int col = int(m_random.bounded(segment.grid.cols()));
        qint64 cellId = 0;
        for (const Cell& cell : before.cells) {
            if (cell.segmentId == segment.id && cell.index.row == row && cell.index.col == col)
                cellId = cell.id;
        }
        QVERIFY(cellId != 0);
        const KilledRun run = runAndKill(QStringList{QStringLiteral("regenerate"), m_project, QStringLiteral("--segment"),
                                             QString::number(segmentNumber), QStringLiteral("--cell"), QStringLiteral("%1,%2").arg(row).arg(col)}
                + fastGeneration,
            m_regenerateClock.next(m_random));
        const ProjectState after = ProjectState::read(m_project);
        const QString what = QStringLiteral("regenerate of cell %1,%2 of segment %3 %4 after %5 ms")
                                 .arg(row).arg(col).arg(segmentNumber)
                                 .arg(run.killed ? QStringLiteral("killed") : QStringLiteral("ended")).arg(run.elapsedMs);
        checkCommon(before, after, what);
        const int added = after.versionsOf(cellId) - before.versionsOf(cellId);
        count(QStringLiteral("regenerate"), run, added);
        HOLDS(added == 0 || added == 1, what + QStringLiteral(": %1 versions added").arg(added));
        HOLDS(after.versionHash.size() - before.versionHash.size() == added, what + QStringLiteral(": another cell changed"));
        const Cell cellAfter = after.cells.value(cellId);
        if (added == 1) {
            HOLDS(!before.versionCell.contains(cellAfter.activeVersionId), what + QStringLiteral(": the new version is not active"));
        } else {
            HOLDS(cellAfter.activeVersionId == before.cells.value(cellId).activeVersionId, what + QStringLiteral(": the active version changed"));
        }
        if (!run.killed) {
            m_regenerateClock.ranWhole(run.elapsedMs);
            HOLDS(run.exitCode == 0 && added == 1, what + QStringLiteral(": exit %1: %2").arg(run.exitCode).arg(run.err));
        }
    }

    //! regenerate --force of the locked cell cellId (row,col of segment segmentNumber): blind, or
    //! once the job has reported its start (the cell is then being made) within the time its last
    //! version took, the instant at which a regenerate that unlocked the cell for its run lost the
    //! lock.
    void runForcedRegenerateRound(int segmentNumber, CellIndex index, qint64 cellId, KillMoment moment)
    {
        const ProjectState before = ProjectState::read(m_project);
        const QStringList arguments = QStringList{QStringLiteral("regenerate"), m_project, QStringLiteral("--segment"),
                                          QString::number(segmentNumber), QStringLiteral("--cell"),
                                          QStringLiteral("%1,%2").arg(index.row).arg(index.col), QStringLiteral("--force")}
            + fastGeneration;
        KilledRun run;
        if (moment == KillMoment::Blind) {
            run = runAndKill(arguments, m_forcedClock.next(m_random));
        } else {
            const int cellMs = int(qMax<qint64>(0, lastGenerationMs(cellId)));
            run = runAndKillOnProgress(arguments, 0, [&](qint64) { return int(m_random.bounded(cellMs + 1)); });
        }
        const ProjectState after = ProjectState::read(m_project);
        const int added = after.versionsOf(cellId) - before.versionsOf(cellId);
        count(QStringLiteral("regenerate --force"), run, added);
        const QString what = QStringLiteral("regenerate --force of locked cell %1,%2 of segment %3 %4 (%5) after %6 ms")
                                 .arg(index.row).arg(index.col).arg(segmentNumber)
                                 .arg(run.killed ? QStringLiteral("killed") : QStringLiteral("ended"),
                                     moment == KillMoment::Blind ? QStringLiteral("blind") : QStringLiteral("once its job started"))
                                 .arg(run.elapsedMs);
        checkCommon(before, after, what);
        const Cell cellAfter = after.cells.value(cellId);
        // the lock holds whatever instant the process died at
        HOLDS(cellAfter.state == CellState::Locked, what + QStringLiteral(": the cell is %1, not locked").arg(cellStateName(cellAfter.state)));
        HOLDS(added == 0 || added == 1, what + QStringLiteral(": %1 versions added").arg(added));
        HOLDS(after.versionHash.size() - before.versionHash.size() == added, what + QStringLiteral(": another cell changed"));
        if (added == 1) {
            HOLDS(!before.versionCell.contains(cellAfter.activeVersionId), what + QStringLiteral(": the new version is not active"));
        } else {
            HOLDS(cellAfter.activeVersionId == before.cells.value(cellId).activeVersionId, what + QStringLiteral(": the active version changed"));
        }
        if (!run.killed) {
            m_forcedClock.ranWhole(run.elapsedMs);
            HOLDS(run.exitCode == 0 && added == 1 && run.out.contains(QStringLiteral("still locked")),
                what + QStringLiteral(": exit %1, %2 versions added: %3%4").arg(run.exitCode).arg(added).arg(run.out, run.err));
        }
    }

    //! How long the cell's newest version took to generate, as its recipe's timings recorded.
    qint64 lastGenerationMs(qint64 cellId) const
    {
        const auto catalog = Catalog::open(m_project, Catalog::Access::ReadOnly);
        const QVector<Version> versions = catalog->versions(cellId);
        return versions.isEmpty() ? 0 : versions.constLast().generationMs;
    }

    void runGradeRound()
    {
        const ProjectState before = ProjectState::read(m_project);
        const int segmentNumber = 1 + int(m_random.bounded(before.segments.size()));
        const qint64 segmentId = before.segments[segmentNumber - 1].id;
        const double stops = (int(m_random.bounded(17)) - 8) / 4.0; // -2..+2 in quarter stops
        const KilledRun run = runAndKill({QStringLiteral("grade"), m_project, QStringLiteral("--segment"), QString::number(segmentNumber),
                                             QStringLiteral("--exposure"), QString::number(stops)},
            m_gradeClock.next(m_random));
        count(QStringLiteral("grade"), run, 0);
        const ProjectState after = ProjectState::read(m_project);
        const QString what = QStringLiteral("grade %1 stops on segment %2 %3 after %4 ms")
                                 .arg(stops).arg(segmentNumber)
                                 .arg(run.killed ? QStringLiteral("killed") : QStringLiteral("ended")).arg(run.elapsedMs);
        checkCommon(before, after, what);
        const double old = before.segmentGrades.value(segmentId).exposureStops;
        const double now = after.segmentGrades.value(segmentId).exposureStops;
        HOLDS(now == old || now == stops, what + QStringLiteral(": exposure %1, neither the old %2 nor the new").arg(now).arg(old));
        for (auto it = before.segmentGrades.cbegin(); it != before.segmentGrades.cend(); ++it) {
            if (it.key() != segmentId)
                HOLDS(after.segmentGrades.value(it.key()) == it.value(), what + QStringLiteral(": another segment's grade changed"));
        }
        if (!run.killed) {
            m_gradeClock.ranWhole(run.elapsedMs);
            HOLDS(run.exitCode == 0 && now == stops, what + QStringLiteral(": exit %1: %2").arg(run.exitCode).arg(run.err));
        }
    }

    void runExportRound(const QString& target, const QByteArray& reference)
    {
        const ProjectState before = ProjectState::read(m_project);
        const KilledRun run = runAndKill({QStringLiteral("export"), m_project, target, QStringLiteral("--preset"), QStringLiteral("ultrafast")},
            m_exportClock.next(m_random));
        count(QStringLiteral("export"), run, 0);
        const ProjectState after = ProjectState::read(m_project);
        const QString what = QStringLiteral("export %1 after %2 ms").arg(run.killed ? QStringLiteral("killed") : QStringLiteral("ended")).arg(run.elapsedMs);
        checkCommon(before, after, what);
        // never partial: absent, or exactly the complete video
        HOLDS(!QFile::exists(target) || testing::fileHash(target) == reference, what + QStringLiteral(": the target is partial"));
        // whatever a kill leaves is a temporary whose name says what it is
        for (const QString& name : temporariesIn(QFileInfo(target).path()))
            HOLDS(name.startsWith(QStringLiteral(".video.partial-")), what + QStringLiteral(": stray file ") + name);
        if (!run.killed) {
            m_exportClock.ranWhole(run.elapsedMs);
            HOLDS(run.exitCode == 0 && testing::fileHash(target) == reference, what + QStringLiteral(": exit %1: %2").arg(run.exitCode).arg(run.err));
        }
    }

    KillClock m_generateClock{2500};
    KillClock m_regenerateClock{2000};
    KillClock m_forcedClock{2000};
    KillClock m_gradeClock{150};
    KillClock m_exportClock{600};

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (const QByteArray seed = qgetenv("TESSERA_KILL_SEED"); !seed.isEmpty())
            m_seed = seed.toUInt();
        m_random.seed(m_seed);
        // a 6 s song, three lyric lines, 3x3 grids: 27 cells of the bundled 32x32 model
        const QString song = m_dir.filePath(QStringLiteral("song.wav"));
        testing::writeBurstTrack(song, 6.0, {0.5, 1.5, 2.5, 3.5, 4.5, 5.5});
        const QString lyrics = m_dir.filePath(QStringLiteral("song.lrc"));
        QFile lrc(lyrics);
        QVERIFY(lrc.open(QIODevice::WriteOnly));
        lrc.write("[00:00.00]neon rivers run\n[00:02.00]under city lights\n[00:04.00]we ride the night\n");
        lrc.close();
        m_project = m_dir.filePath(QStringLiteral("crash.tessera"));
        const CliResult created = runCli({QStringLiteral("new"), QStringLiteral("--fps"), QStringLiteral("24"), QStringLiteral("--size"),
            QStringLiteral("160x90"), QStringLiteral("--audio"), song, QStringLiteral("--lyrics"), lyrics, m_project});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        for (int n = 1; n <= 3; ++n) {
            const CliResult grid = runCli({QStringLiteral("segment"), m_project, QString::number(n), QStringLiteral("--grid"), QStringLiteral("3x3")});
            QVERIFY2(grid.exitCode == 0, qPrintable(grid.err));
        }
        qInfo("kill moments from seed %u (TESSERA_KILL_SEED replays them)", m_seed);
    }

    void killedGenerateLosesAtMostTheCellInFlight()
    {
        // given the project, when generate is killed at random moments, then after each kill the
        // invariants hold (see runGenerateRound)
        for (int round = 0; round < 16; ++round) {
            runGenerateRound(round % 2 == 0 ? KillMoment::Blind : KillMoment::AfterCommits);
            if (QTest::currentTestFailed())
                return;
        }
        // and generate was killed, a quarter of the kills or more after a committed cell (the
        // rounds that wait for commits make those on any machine)
        const int kills = m_kills.value(QStringLiteral("generate"));
        const int afterCommit = m_killsAfterCommit.value(QStringLiteral("generate"));
        qInfo("generate: %d kills, %d of them after a committed cell, %d runs ended before their kill", kills, afterCommit,
            m_wholeRuns.value(QStringLiteral("generate")));
        HOLDS(kills >= 1, QStringLiteral("generate was never killed"));
        HOLDS(afterCommit >= 1 && afterCommit * 4 >= kills,
            QStringLiteral("only %1 of %2 generate kills came after a committed cell").arg(afterCommit).arg(kills));
        // and a run to the end completes every grid, each job once
        const CliResult rest = runCli(QStringList{QStringLiteral("generate"), m_project} + fastGeneration);
        QVERIFY2(rest.exitCode == 0, qPrintable(rest.err));
        const ProjectState done = ProjectState::read(m_project);
        HOLDS(done.pendingCells() == 0 && done.cellsIn(CellState::Done) == 27 && done.unfinishedJobs() == 0,
            QStringLiteral("%1 cells pending after the completing run").arg(done.pendingCells()));
    }

    void killedRegenerateKeepsEveryVersion()
    {
        for (int round = 0; round < 8; ++round) {
            runRegenerateRound();
            if (QTest::currentTestFailed())
                return;
        }
        // a killed regenerate's job resumes with the next generate, which leaves nothing pending
        const CliResult rest = runCli(QStringList{QStringLiteral("generate"), m_project} + fastGeneration);
        QVERIFY2(rest.exitCode == 0, qPrintable(rest.err));
        const ProjectState done = ProjectState::read(m_project);
        HOLDS(done.pendingCells() == 0 && done.unfinishedJobs() == 0, QStringLiteral("%1 cells pending").arg(done.pendingCells()));
    }

    void killedForcedRegenerateKeepsTheLock()
    {
        // given a full project with one cell locked (chosen by the seed)
        const ProjectState start = ProjectState::read(m_project);
        const int segmentNumber = 1 + int(m_random.bounded(start.segments.size()));
        const Segment& segment = start.segments[segmentNumber - 1];
        const CellIndex index{int(m_random.bounded(segment.grid.rows())), int(m_random.bounded(segment.grid.cols()))};
        qint64 cellId = 0;
        for (const Cell& cell : start.cells) {
            if (cell.segmentId == segment.id && cell.index == index)
                cellId = cell.id;
        }
        QVERIFY(cellId != 0);
        const CliResult locked = runCli({QStringLiteral("cell"), m_project, QStringLiteral("--segment"), QString::number(segmentNumber),
            QStringLiteral("--cell"), QStringLiteral("%1,%2").arg(index.row).arg(index.col), QStringLiteral("--lock")});
        QVERIFY2(locked.exitCode == 0, qPrintable(locked.err));
        // when regenerate --force is killed at random moments, then after each kill the cell is
        // still locked and the invariants hold (see runForcedRegenerateRound)
        for (int round = 0; round < 8; ++round) {
            runForcedRegenerateRound(segmentNumber, index, cellId, round % 2 == 0 ? KillMoment::Blind : KillMoment::AfterCommits);
            if (QTest::currentTestFailed())
                return;
        }
        qInfo("regenerate --force: %d kills, %d of them after its version was committed, %d runs ended before their kill",
            m_kills.value(QStringLiteral("regenerate --force")), m_killsAfterCommit.value(QStringLiteral("regenerate --force")),
            m_wholeRuns.value(QStringLiteral("regenerate --force")));
        HOLDS(m_kills.value(QStringLiteral("regenerate --force")) >= 1, QStringLiteral("regenerate --force was never killed"));
        // and the next generate resumes what the kills left: at most the one new version, the
        // cell still locked, nothing else made and nothing left queued
        const ProjectState killed = ProjectState::read(m_project);
        const CliResult rest = runCli(QStringList{QStringLiteral("generate"), m_project} + fastGeneration);
        QVERIFY2(rest.exitCode == 0, qPrintable(rest.err));
        const ProjectState resumed = ProjectState::read(m_project);
        const int resumedVersions = resumed.versionsOf(cellId) - killed.versionsOf(cellId);
        HOLDS(resumed.cells.value(cellId).state == CellState::Locked, QStringLiteral("the resuming generate unlocked the cell"));
        HOLDS(resumedVersions <= 1 && resumed.versionHash.size() - killed.versionHash.size() == resumedVersions,
            QStringLiteral("the resuming generate made %1 versions of the locked cell, %2 in all")
                .arg(resumedVersions).arg(resumed.versionHash.size() - killed.versionHash.size()));
        HOLDS(resumed.pendingCells() == 0 && resumed.unfinishedJobs() == 0, QStringLiteral("%1 cells pending").arg(resumed.pendingCells()));
        // and a forced regenerate run to its end makes a new active version, the cell locked
        const CliResult forced = runCli(QStringList{QStringLiteral("regenerate"), m_project, QStringLiteral("--segment"),
                                            QString::number(segmentNumber), QStringLiteral("--cell"),
                                            QStringLiteral("%1,%2").arg(index.row).arg(index.col), QStringLiteral("--force")}
            + fastGeneration);
        QVERIFY2(forced.exitCode == 0, qPrintable(forced.err));
        const ProjectState done = ProjectState::read(m_project);
        const Cell cellDone = done.cells.value(cellId);
        HOLDS(done.versionsOf(cellId) == resumed.versionsOf(cellId) + 1 && !resumed.versionCell.contains(cellDone.activeVersionId)
                && cellDone.state == CellState::Locked,
            QStringLiteral("the completed forced regenerate left %1 versions (from %2), state %3")
                .arg(done.versionsOf(cellId)).arg(resumed.versionsOf(cellId)).arg(cellStateName(cellDone.state)));
    }

    void killedGradeIsOldOrNew()
    {
        for (int round = 0; round < 12; ++round) {
            runGradeRound();
            if (QTest::currentTestFailed())
                return;
        }
        const CliResult last = runCli({QStringLiteral("grade"), m_project, QStringLiteral("--segment"), QStringLiteral("1"),
            QStringLiteral("--exposure"), QStringLiteral("0.75")});
        QVERIFY2(last.exitCode == 0, qPrintable(last.err));
        const ProjectState graded = ProjectState::read(m_project);
        HOLDS(graded.segmentGrades.value(graded.segments[0].id).exposureStops == 0.75, QStringLiteral("the last grade did not land"));
    }

    void killedExportNeverLeavesAPartialTarget()
    {
        // given a complete export of the project as it is (exports are deterministic)
        const QString folder = m_dir.filePath(QStringLiteral("videos"));
        QVERIFY(QDir().mkpath(folder));
        const QString referencePath = m_dir.filePath(QStringLiteral("reference.mp4"));
        const CliResult reference = runCli({QStringLiteral("export"), m_project, referencePath, QStringLiteral("--preset"), QStringLiteral("ultrafast")});
        QVERIFY2(reference.exitCode == 0, qPrintable(reference.err));
        const QByteArray referenceHash = testing::fileHash(referencePath);
        const QString target = folder + QStringLiteral("/video.mp4");
        for (int round = 0; round < 10; ++round) {
            runExportRound(target, referenceHash);
            if (QTest::currentTestFailed())
                return;
        }
        // and the next export writes the whole video
        const CliResult last = runCli({QStringLiteral("export"), m_project, target, QStringLiteral("--preset"), QStringLiteral("ultrafast")});
        QVERIFY2(last.exitCode == 0, qPrintable(last.err));
        HOLDS(testing::fileHash(target) == referenceHash, QStringLiteral("the completing export differs from the reference"));
    }

    void cleanupTestCase()
    {
        int kills = 0;
        QStringList parts;
        for (auto it = m_kills.cbegin(); it != m_kills.cend(); ++it) {
            kills += it.value();
            parts << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
        }
        int whole = 0;
        for (const int n : m_wholeRuns)
            whole += n;
        int afterCommit = 0;
        for (const int n : m_killsAfterCommit)
            afterCommit += n;
        qInfo("crash consistency: %d kills (%s), %d of them after a committed cell, %d runs ended before their kill, %d invariants "
              "checked, seed %u",
            kills, qPrintable(parts.join(QStringLiteral(", "))), afterCommit, whole, m_invariants, m_seed);
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
