// Perform mode in the studio: the console and the output window over a real project (catalog file,
// the real compositor and OCIO config), cued by keys and by OSC over a real UDP socket.
#include "StudioTestProject.h"

#include "tessera/live/LiveShow.h"
#include "tessera/render/Composition.h"
#include "tessera/studio/PerformSession.h"
#include "tessera/ui/PerformConsole.h"
#include "tessera/ui/PerformOutputWindow.h"

#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QtTest>

#include <lo/lo.h>

using namespace tessera;
using namespace tessera::testing;

namespace {

//! Whether the middle of a frame is red (the second segment's cells), not black or white.
bool isRed(const QImage& frame)
{
    if (frame.isNull())
        return false;
    const QColor middle = frame.pixelColor(frame.width() / 2, frame.height() / 2);
    return middle.red() > 150 && middle.green() < 80 && middle.blue() < 80;
}

} // namespace

class TestPerform : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theConsoleCuesTheShowAndTheOutputShowsIt()
    {
        // given the studio test project with red cells in its second segment
        QTemporaryDir dir;
        StudioTestProject project(dir);
        for (const Cell& cell : project.catalog->cells(project.secondId))
            project.catalog->addVersion(versionFor(cell.id, Qt::red));
        const auto composition = std::make_shared<const Composition>(loadComposition(*project.catalog));
        // when the perform console opens with its output in a window
        PerformConsole console(project.path, composition, QStringLiteral(TESSERA_RESOURCES_DIR));
        console.show();
        console.output().showOn(nullptr);
        PerformSession& session = console.session();
        // then the output shows the first segment's frames
        QTRY_VERIFY_WITH_TIMEOUT(!console.output().shownFrame().isNull(), 20000);
        QCOMPARE(session.show().segmentAt(session.now()), 0);
        QVERIFY(!isRed(console.output().shownFrame()));
        QTRY_VERIFY(console.findChild<QLabel*>(QStringLiteral("performNow"))->text().contains(QStringLiteral("moon over the water")));

        // when the operator presses 2, whatever has focus in the console (here a button, which
        // would take Space for itself without the console's shortcuts)
        console.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&console));
        auto* listen = console.findChild<QPushButton*>(QStringLiteral("performListen"));
        listen->setFocus();
        QTest::keyClick(listen, Qt::Key_2);
        // then the second segment is held and the output turns red once its crossfade has run
        QCOMPARE(session.show().segmentAt(session.now()), 1);
        QVERIFY(!session.show().isFollowing());
        QTRY_VERIFY_WITH_TIMEOUT(isRed(console.output().shownFrame()), 10000);
        QTRY_VERIFY(console.findChild<QLabel*>(QStringLiteral("performNow"))->text().contains(QStringLiteral("fire in the rain")));

        // when a lighting desk sends /tessera/segment 1 over OSC
        const int port = session.listenForOsc(0);
        lo_address desk = lo_address_new("127.0.0.1", QByteArray::number(port).constData());
        QVERIFY(lo_send(desk, "/tessera/segment", "i", 1) > 0);
        lo_address_free(desk);
        // then the first segment comes back, and the console logs the cue
        QTRY_COMPARE_WITH_TIMEOUT(session.show().segmentAt(session.now()), 0, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(!isRed(console.output().shownFrame()), 10000);
        const auto* log = console.findChild<QPlainTextEdit*>();
        QVERIFY(log);
        QVERIFY2(log->toPlainText().contains(QStringLiteral("OSC: segment 1")), qPrintable(log->toPlainText()));

        // and Space on the console follows the timeline from there, the output window's keys cue as well
        QTest::keyClick(listen, Qt::Key_Space);
        QVERIFY(session.show().isFollowing());
        QTest::keyClick(&console.output(), Qt::Key_H);
        QVERIFY(!session.show().isFollowing());
        QTest::keyClick(&console.output(), Qt::Key_Space);
        QVERIFY(session.show().isFollowing());
        QTest::keyClick(&console.output(), Qt::Key_Right);
        QVERIFY(session.show().timelineSecondsAt(session.now()) >= 2.0);
        QVERIFY(session.framesComposed() > 3);
        // and the project burns in no lyrics, so the console offers none
        auto* captions = console.findChild<QCheckBox*>(QStringLiteral("performCaptions"));
        QVERIFY(captions && !captions->isChecked() && !captions->isEnabled());
    }

    void captionsGoOnAndOffTheOutput()
    {
        // given the test project with red cells in segment 2 and its captions on
        QTemporaryDir dir;
        StudioTestProject project(dir);
        for (const Cell& cell : project.catalog->cells(project.secondId))
            project.catalog->addVersion(versionFor(cell.id, Qt::red));
        Composition loaded = loadComposition(*project.catalog);
        loaded.render.captions.enabled = true;
        PerformConsole console(project.path, std::make_shared<const Composition>(loaded), QStringLiteral(TESSERA_RESOURCES_DIR));
        console.show();
        console.session().cue(ShowCue::segment(1));
        // then the output burns in the segment's lyric over the red cells
        const auto lyricShown = [&console] {
            const QImage frame = console.output().shownFrame();
            if (!isRed(frame))
                return -1;
            int other = 0; // pixels in the lower third that are not the cells' red
            for (int y = frame.height() * 2 / 3; y < frame.height(); ++y)
                for (int x = 0; x < frame.width(); ++x) {
                    const QColor c = frame.pixelColor(x, y);
                    other += c.green() > 120 || c.blue() > 120;
                }
            return other;
        };
        QTRY_VERIFY_WITH_TIMEOUT(lyricShown() > 20, 20000);
        // when the operator turns them off, they leave the output
        auto* captions = console.findChild<QCheckBox*>(QStringLiteral("performCaptions"));
        QVERIFY(captions->isEnabled() && captions->isChecked());
        captions->setChecked(false);
        QTRY_COMPARE_WITH_TIMEOUT(lyricShown(), 0, 10000);
    }

    void keysNameTheCuesTheConsoleShows()
    {
        ShowCue cue;
        QVERIFY(performCueForKey(Qt::Key_Space, &cue));
        QCOMPARE(cue.kind, ShowCue::Kind::Start);
        QVERIFY(performCueForKey(Qt::Key_3, &cue));
        QCOMPARE(cue, ShowCue::segment(2));
        QVERIFY(performCueForKey(Qt::Key_Period, &cue));
        QCOMPARE(cue, ShowCue::nudge(0.1));
        QVERIFY(!performCueForKey(Qt::Key_Q, &cue));
        QCOMPARE(describeShowCue(ShowCue::segment(2)), QStringLiteral("segment 3"));
        QCOMPARE(describeShowCue(ShowCue::nudge(-0.1)), QStringLiteral("nudge -0.10 s"));
    }
};

QTEST_MAIN(TestPerform)
#include "tst_perform.moc"
