// Scripted flows through the studio's main window, offscreen.
#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/CatalogCommand.h"
#include "tessera/ui/EditHistory.h"
#include "tessera/ui/MainWindow.h"
#include "tessera/ui/ProjectSummaryView.h"
#include "tessera/ui/RecentProjects.h"

#include <QAction>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace tessera;

class TestUi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::unique_ptr<QSettings> freshSettings(const QString& name)
    {
        return std::make_unique<QSettings>(m_dir.filePath(name + QStringLiteral(".ini")), QSettings::IniFormat);
    }

    static QMenu* fileMenu(MainWindow& window)
    {
        for (QAction* action : window.menuBar()->actions()) {
            if (action->menu() && action->text().remove(QLatin1Char('&')) == QLatin1String("File"))
                return action->menu();
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void fileMenuHasStandardActions()
    {
        auto settings = freshSettings(QStringLiteral("menu"));
        MainWindow window(*settings);
        QMenu* file = fileMenu(window);
        QVERIFY(file);
        QStringList texts;
        for (QAction* action : file->actions())
            texts << action->text().remove(QLatin1Char('&'));
        QVERIFY(texts.contains(QStringLiteral("New Project...")));
        QVERIFY(texts.contains(QStringLiteral("Open Project...")));
        QVERIFY(texts.contains(QStringLiteral("Open Recent")));
        QVERIFY(texts.contains(QStringLiteral("Quit")));
        for (QAction* action : file->actions()) {
            if (action->text().remove(QLatin1Char('&')) == QLatin1String("Open Project..."))
                QCOMPARE(action->shortcut(), QKeySequence(QKeySequence::Open));
        }
    }

    void createAndReopenShowsSummaryAndRecent()
    {
        auto settings = freshSettings(QStringLiteral("flow"));
        const QString path = m_dir.filePath(QStringLiteral("studio.tessera"));
        {
            // given the studio, when a project is created
            MainWindow window(*settings);
            QSignalSpy changed(&window, &MainWindow::projectChanged);
            QVERIFY(window.createProject(path));
            QCOMPARE(changed.count(), 1);
            QVERIFY(window.summaryView()->summaryText().contains(QStringLiteral("studio")));
            QVERIFY(window.windowTitle().contains(QStringLiteral("studio.tessera")));
        }
        // add a segment from outside (as the CLI would)
        {
            const auto catalog = Catalog::open(path);
            Segment segment;
            segment.range = {0, 3000};
            segment.lyric = QStringLiteral("hold the line");
            catalog->addSegment(segment);
        }
        // when the studio starts again, the project is in Open Recent and reopens with it
        MainWindow window(*settings);
        QCOMPARE(RecentProjects(*settings).paths().value(0), QFileInfo(path).absoluteFilePath());
        QVERIFY(window.openProject(path));
        QVERIFY(window.summaryView()->summaryText().contains(QStringLiteral("hold the line")));
    }

    void openingAForeignFileShowsTheReasonAndKeepsTheProject()
    {
        auto settings = freshSettings(QStringLiteral("error"));
        const QString good = m_dir.filePath(QStringLiteral("good.tessera"));
        const QString bad = m_dir.filePath(QStringLiteral("bad.tessera"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a project");
        file.close();
        MainWindow window(*settings);
        QVERIFY(window.createProject(good));
        QSignalSpy errors(&window, &MainWindow::errorShown);
        QVERIFY(!window.openProject(bad));
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.at(0).at(0).toString().contains(QStringLiteral("not a Tessera project")));
        QCOMPARE(window.catalog()->path(), good);
        QVERIFY(!RecentProjects(*settings).paths().contains(QFileInfo(bad).absoluteFilePath()));
    }

    void editsAreUndoableAndFailedEditsLeaveNoStep()
    {
        // given an open project with one segment
        auto settings = freshSettings(QStringLiteral("undo"));
        const QString path = m_dir.filePath(QStringLiteral("undo.tessera"));
        MainWindow window(*settings);
        QVERIFY(window.createProject(path));
        qint64 segmentId = 0;
        {
            const auto writer = Catalog::open(path);
            Segment segment;
            segment.range = {0, 1000};
            segmentId = writer->addSegment(segment);
        }
        EditHistory* history = window.history();
        QVERIFY(history);
        QSignalSpy edited(history, &EditHistory::edited);

        // when a grade is set through the history, then undone and redone
        QVERIFY(history->execute(makeSetGradeCommand(GradeScope::Segment, segmentId, {1.0, 1.0, 1.0})));
        QCOMPARE(history->stack()->count(), 1);
        QCOMPARE(window.catalog()->grade(GradeScope::Segment, segmentId).exposureStops, 1.0);
        history->stack()->undo();
        QVERIFY(window.catalog()->grade(GradeScope::Segment, segmentId).isIdentity());
        history->stack()->redo();
        QCOMPARE(window.catalog()->grade(GradeScope::Segment, segmentId).exposureStops, 1.0);
        QCOMPARE(edited.count(), 3);

        // when an edit fails (gamma 0 is refused), then the reason is shown and no step is added
        QSignalSpy errors(&window, &MainWindow::errorShown);
        QVERIFY(!history->execute(makeSetGradeCommand(GradeScope::Project, 0, {0.0, 0.0, 1.0})));
        QCOMPARE(history->stack()->count(), 1);
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.at(0).at(0).toString().contains(QStringLiteral("gamma")));
    }

    void recentListIsBoundedAndMostRecentFirst()
    {
        auto settings = freshSettings(QStringLiteral("recent"));
        RecentProjects recent(*settings);
        for (int i = 0; i < RecentProjects::kMaxEntries + 3; ++i)
            recent.add(m_dir.filePath(QStringLiteral("r%1.tessera").arg(i)));
        recent.add(m_dir.filePath(QStringLiteral("r5.tessera")));
        const QStringList paths = recent.paths();
        QCOMPARE(paths.size(), RecentProjects::kMaxEntries);
        QVERIFY(paths.first().endsWith(QStringLiteral("r5.tessera")));
        QCOMPARE(paths.count(paths.first()), 1);
    }
};

QTEST_MAIN(TestUi)
#include "tst_ui.moc"
