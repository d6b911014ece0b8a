// End-to-end tests of tessera-cli: the real executable on real project files.
#include "tessera/catalog/Catalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace tessera;

namespace {

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

CliResult runCli(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(TESSERA_CLI_PATH), arguments);
    if (!process.waitForFinished(60000))
        qFatal("tessera-cli did not finish");
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()),
        QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

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

    void versionAndHelp()
    {
        const CliResult version = runCli({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith(QStringLiteral("tessera-cli ")));
        const CliResult help = runCli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const QString& command : {QStringLiteral("new"), QStringLiteral("info"), QStringLiteral("check")}) {
            QVERIFY(help.out.contains(command));
            const CliResult commandHelp = runCli({command, QStringLiteral("--help")});
            QCOMPARE(commandHelp.exitCode, 0);
            QVERIFY2(commandHelp.out.contains(QStringLiteral("--json")), qPrintable(commandHelp.out));
            QCOMPARE(runCli({QStringLiteral("help"), command}).out, commandHelp.out);
        }
        const CliResult unknown = runCli({QStringLiteral("frobnicate")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains(QStringLiteral("unknown command")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
