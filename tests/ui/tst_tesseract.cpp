// The tesseract view: its layout as plain code over a real project (planes, tiles, the marker's
// path from the compositor's FramePlanner, the trail), then the Qt Quick 3D scene itself: the
// tiles it instantiates, the marker it draws, a click on a tile, and a grab that is not blank.
// The scene needs OpenGL: run under Xvfb (ctest entry tesseract-gpu); offscreen it skips with a message.
//
// Screenshot mode: TESSERA_TESSERACT_PNG=out.png TESSERA_TESSERACT_PROJECT=demo.tessera
// TESSERA_TESSERACT_AT=25.3 xvfb-run -a tst_tesseract screenshot
#include "StudioTestProject.h"

#include "tessera/render/Composition.h"
#include "tessera/ui/ProjectComposition.h"
#include "tessera/ui/TesseractLayout.h"
#include "tessera/ui/TesseractView.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace tessera;

namespace {

constexpr float kPitch = TesseractLayout::kTileSize + TesseractLayout::kTileGap;

bool near(const QVector3D& a, const QVector3D& b, float tolerance = 1e-4f)
{
    return (a - b).length() <= tolerance;
}

//! The scene over a project of its own, shown as the studio's Tesseract dock shows it; the
//! tests change cells under it through the project's catalog, as the generator does.
struct LiveScene
{
    QTemporaryDir dir;
    testing::StudioTestProject project{dir};
    ProjectComposition composition;
    TesseractView view{composition};
    QSignalSpy loaded{&composition, &ProjectComposition::loaded};

    //! Shows the view, opens the project and waits for its first frame (so the renderer in use is known).
    bool start()
    {
        view.resize(640, 360);
        view.show();
        if (!QTest::qWaitForWindowExposed(&view))
            return false;
        composition.setProjectPath(project.path);
        if (!QTest::qWaitFor([this] { return view.isReady(); }, 30000))
            return false;
        QTest::qWait(200);
        return true;
    }
    //! After a change to the catalog: reloads the composition and waits for the new one.
    bool reload()
    {
        const qsizetype loads = loaded.count();
        composition.reload();
        return QTest::qWaitFor([&] { return loaded.count() > loads; }, 20000);
    }
};

//! Pixels close to a colour, in a grab.
int countNear(const QImage& image, const QColor& colour, int tolerance)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    int count = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        for (int x = 0; x < rgb.width(); ++x) {
            const QColor pixel = QColor::fromRgb(rgb.pixel(x, y));
            if (std::abs(pixel.red() - colour.red()) <= tolerance && std::abs(pixel.green() - colour.green()) <= tolerance
                && std::abs(pixel.blue() - colour.blue()) <= tolerance)
                ++count;
        }
    }
    return count;
}

} // namespace

class TestTesseract : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<testing::StudioTestProject> m_project;
    std::shared_ptr<const Composition> m_composition;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_project = std::make_unique<testing::StudioTestProject>(m_dir);
        m_composition = std::make_shared<const Composition>(loadComposition(*m_project->catalog));
    }

    void layoutHasATilePerCellAlongTime()
    {
        // given the project (a 1x2 grid with images, then an empty 2x2)
        const TesseractLayout layout(m_composition);

        // then there is a plane per segment and a tile per cell, textured from the active versions
        QCOMPARE(layout.planes().size(), 2);
        QCOMPARE(layout.tiles().size(), 1 * 2 + 2 * 2);
        QCOMPARE(layout.planes()[0].segmentId, m_project->firstId);
        QCOMPARE(layout.planes()[1].segmentId, m_project->secondId);
        for (const TesseractTile& tile : layout.tiles()) {
            const CompositionCell* cell = m_composition->segments[tile.segment].cellAt(tile.index);
            QVERIFY(cell);
            QCOMPARE(tile.versionId, cell->versionId);
            QCOMPARE(tile.versionId != 0, tile.segmentId == m_project->firstId);
        }
        // and the planes follow time without overlapping: the second starts after the first ends
        const TesseractPlane& first = layout.planes()[0];
        const TesseractPlane& second = layout.planes()[1];
        QVERIFY(second.centre.x() - second.size.width() / 2 > first.centre.x() + first.size.width() / 2);
        QVERIFY(layout.timeToX(1.0) < layout.timeToX(3.0));
        // and within a grid column 0 is left, row 0 on top, as the grid browser shows them
        const TesseractTile& topLeft = layout.tiles()[layout.tileIndex(m_project->secondId, {0, 0})];
        const TesseractTile& bottomRight = layout.tiles()[layout.tileIndex(m_project->secondId, {1, 1})];
        QCOMPARE(bottomRight.centre.x() - topLeft.centre.x(), kPitch);
        QCOMPARE(topLeft.centre.y() - bottomRight.centre.y(), kPitch);
        QCOMPARE(layout.tileIndex(m_project->secondId, {2, 0}), -1);
        // and a ray from in front meets the tile it points at, a ray between tiles or away none
        const QVector3D eye(topLeft.centre.x() - 2.0f, topLeft.centre.y() + 1.0f, 10.0f);
        QCOMPARE(layout.tileAtRay(eye, topLeft.centre + QVector3D(0.3f, -0.2f, 0.0f) - eye),
            layout.tileIndex(m_project->secondId, {0, 0}));
        QCOMPARE(layout.tileAtRay(eye, QVector3D(topLeft.centre.x() + kPitch / 2, topLeft.centre.y(), 0.0f) - eye), -1);
        QCOMPARE(layout.tileAtRay(eye, eye - topLeft.centre), -1);
    }

    void markerFollowsTheFramePlanner()
    {
        // given the layout and the compositor's own planner
        const TesseractLayout layout(m_composition);
        const FramePlanner planner(*m_composition);
        QVector<float> firstSegmentX;
        for (double t = 0.0; t <= 4.0; t += 0.05) {
            // when the marker is placed at t
            const QVector3D marker = layout.markerAt(t);
            // then it is the layers' grid positions on their planes, weighted by the layers' shares
            const QVector<SegmentLayer> layers = planner.planAt(t);
            QVector3D expected;
            for (const SegmentLayer& layer : layers) {
                const TesseractPlane& plane = layout.planes()[layer.segment];
                const QVector3D point(plane.centre.x() + float(layer.column - (plane.cols - 1) / 2.0) * kPitch,
                    plane.centre.y() + float((plane.rows - 1) / 2.0 - layer.row) * kPitch, TesseractLayout::kMarkerLift);
                expected += point * float(layer.weight);
            }
            QVERIFY2(near(marker, expected), qPrintable(QStringLiteral("at %1 s").arg(t)));
            if (layers.size() == 1 && layers[0].segment == 0)
                firstSegmentX << marker.x();
        }
        // and the loudness moves it along the first grid's row (its X axis follows the RMS)
        QVERIFY(!firstSegmentX.isEmpty());
        const auto [lowest, highest] = std::minmax_element(firstSegmentX.cbegin(), firstSegmentX.cend());
        QVERIFY2(*highest - *lowest > 0.1f * kPitch, qPrintable(QStringLiteral("%1 .. %2").arg(*lowest).arg(*highest)));
        // and it stays within the grid it plays
        const TesseractPlane& first = layout.planes()[0];
        QVERIFY(*lowest >= first.centre.x() - kPitch / 2 - 1e-4f);
        QVERIFY(*highest <= first.centre.x() + kPitch / 2 + 1e-4f);
        // and during the crossfade at 2 s it travels between the two planes
        const float between = layout.markerAt(2.0).x();
        QVERIFY(between > first.centre.x() + kPitch / 2);
        QVERIFY(between < layout.planes()[1].centre.x() - kPitch / 2);
        QCOMPARE(layout.currentPlaneAt(1.0), 0);
        QCOMPARE(layout.currentPlaneAt(3.0), 1);
    }

    void trailLagsBehindAndFades()
    {
        // given the layout at 1.5 s
        const TesseractLayout layout(m_composition);
        const QVector<TesseractTrailPoint> trail = layout.trailAt(1.5, 20, 0.05);
        // then the trail starts at the marker and holds where it was, fading out
        QCOMPARE(trail.size(), 21);
        QVERIFY(near(trail[0].position, layout.markerAt(1.5)));
        for (int k = 1; k < trail.size(); ++k) {
            QVERIFY(near(trail[k].position, layout.markerAt(1.5 - k * 0.05)));
            QVERIFY(trail[k].opacity < trail[k - 1].opacity);
            QVERIFY(trail[k].opacity > 0.0);
        }
        // and never reaches before the song's start
        QCOMPARE(layout.trailAt(0.12, 20, 0.05).size(), 3);
    }

    void sceneShowsTilesMarkerAndPicks()
    {
        // given the view on the project
        ProjectComposition composition;
        TesseractView view(composition);
        view.resize(900, 520);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy ready(&view, &TesseractView::ready);
        composition.setProjectPath(m_project->path);
        QTRY_VERIFY_WITH_TIMEOUT(view.isReady(), 30000);
        QVERIFY(ready.count() >= 1);
        QTest::qWait(200); // a first frame, so the renderer in use is known
        if (view.rendersIn3D())
            QVERIFY2(view.problem().isEmpty(), qPrintable(view.problem()));

        // then the scene holds one tile model per cell
        QCOMPARE(view.sceneTileCount(), 6);

        // when the playhead moves, the scene's marker goes where the layout says
        view.setTime(1.2);
        QVERIFY(near(view.sceneMarkerPosition(), view.layout().markerAt(1.2)));
        view.setTime(3.1);
        QVERIFY(near(view.sceneMarkerPosition(), view.layout().markerAt(3.1)));
        QVERIFY(!near(view.layout().markerAt(1.2), view.layout().markerAt(3.1), 0.5f));

        if (!view.rendersIn3D())
            QSKIP(qPrintable(view.problem() + QStringLiteral("; the tesseract-gpu entry runs this under Xvfb")));
        view.setTime(1.2);
        // (the camera follows the marker smoothly: wait for the white cell's tile to show)
        QTRY_VERIFY_WITH_TIMEOUT(countNear(view.grabScene(), QColor(Qt::white), 24) > 500, 20000);
        const QImage grab = view.grabScene();
        QVERIFY(!grab.isNull());

        // then the grab is not blank: the dark background, the white cell, the amber marker
        QVERIFY2(countNear(grab, QColor(0x17, 0x17, 0x1a), 8) > grab.width() * grab.height() / 4, "background");
        QVERIFY2(countNear(grab, QColor(Qt::white), 24) > 500, "the white cell's tile");
        QVERIFY2(countNear(grab, QColor(0xff, 0x9a, 0x1f), 60) > 20, "the marker");

        // when a tile's projected centre is clicked, its cell is asked for
        QSignalSpy clicked(&view, &TesseractView::cellClicked);
        const int tile = view.layout().tileIndex(m_project->secondId, {1, 0});
        const QPoint centre = view.tileCentre(tile);
        QVERIFY2(view.rect().contains(centre), qPrintable(QStringLiteral("%1,%2").arg(centre.x()).arg(centre.y())));
        QWidget* scene = view.findChild<QWidget*>(QStringLiteral("tesseractScene"));
        QVERIFY(scene);
        QTest::mouseClick(scene, Qt::LeftButton, {}, scene->mapFrom(&view, centre));
        QTRY_COMPARE_WITH_TIMEOUT(clicked.count(), 1, 20000);
        QCOMPARE(clicked[0][0].toLongLong(), m_project->secondId);
        QCOMPARE(clicked[0][1].toInt(), 1);
        QCOMPARE(clicked[0][2].toInt(), 0);

        // when the artist zooms in with the wheel, a click still picks the tile under the pointer
        const int other = view.layout().tileIndex(m_project->firstId, {0, 0});
        const double distance = view.cameraDistance();
        QVERIFY(distance > 0.0);
        const QPoint before = view.tileCentre(other);
        const QPoint inScene = scene->mapFrom(&view, view.rect().center());
        QWheelEvent wheel(inScene, scene->mapToGlobal(inScene), {}, QPoint(0, 480), Qt::NoButton, Qt::NoModifier,
            Qt::NoScrollPhase, false);
        QApplication::sendEvent(scene, &wheel);
        QTRY_VERIFY2_WITH_TIMEOUT(view.cameraDistance() < distance * 0.8, "the wheel zoomed in", 20000);
        const QPoint zoomed = view.tileCentre(other);
        QVERIFY((zoomed - before).manhattanLength() > 4);
        QTest::mouseClick(scene, Qt::LeftButton, {}, scene->mapFrom(&view, zoomed));
        QTRY_COMPARE_WITH_TIMEOUT(clicked.count(), 2, 20000);
        QCOMPARE(clicked[1][0].toLongLong(), m_project->firstId);
        QCOMPARE(clicked[1][1].toInt(), 0);
        QCOMPARE(clicked[1][2].toInt(), 0);
        // and selecting a cell does not disturb the scene
        view.selectCell(m_project->secondId, 1, 0);
        QCOMPARE(view.sceneTileCount(), 6);
    }

    void cellsChangeUnderTheLiveScene()
    {
        // given the scene showing a project of its own, as the studio's Tesseract dock does
        LiveScene live;
        QVERIFY(live.start());
        if (!live.view.rendersIn3D())
            QSKIP(qPrintable(live.view.problem() + QStringLiteral("; the tesseract-gpu entry runs this under Xvfb")));
        testing::StudioTestProject& project = live.project;
        TesseractView& view = live.view;

        // when the generator gives cells new images one after another (the empty grid filling, then
        // regenerates over it), while the scene renders, with the view hidden for a while as a
        // hidden dock tab is: this crashed the studio in Qt Quick 3D's texture update
        QVector<Cell> cells = project.catalog->cells(project.secondId);
        cells += project.catalog->cells(project.firstId);
        QColor last;
        constexpr int kRounds = 28; // the last new image goes to the second segment's last cell
        for (int round = 0; round < kRounds; ++round) {
            const Cell& cell = cells[round % cells.size()];
            last = QColor::fromHsv((round * 47) % 360, 230, 250);
            project.catalog->addVersion(testing::versionFor(cell.id, last, round + 2));
            QVERIFY(live.reload());
            if (round == kRounds / 3)
                view.hide();
            if (round == 2 * kRounds / 3) {
                view.show();
                QVERIFY(QTest::qWaitForWindowExposed(&view));
            }
            QTest::qWait(round % 3 == 0 ? 5 : 40); // some updates land mid-frame, some between frames
        }

        // and when then the layout itself changes (a plane's label: its lyric edited), which makes
        // the tiles anew over images that no longer change
        Segment relabelled = *project.catalog->segment(project.firstId);
        relabelled.lyric = QStringLiteral("moon over the quiet water");
        project.catalog->updateSegment(relabelled);
        QVERIFY(live.reload());

        // then the scene settles on every cell's newest image and still renders
        QTRY_VERIFY_WITH_TIMEOUT(view.isReady(), 30000);
        QCOMPARE(view.sceneTileCount(), 6);
        // every tile shows its cell's newest image (the current plane's tiles are drawn untinted):
        // not only the last one changed, and not a blank tile whose texture never reached the scene
        QMap<qint64, QColor> newest; // by cell id
        for (int round = 0; round < kRounds; ++round)
            newest[cells[round % cells.size()].id] = QColor::fromHsv((round * 47) % 360, 230, 250);
        for (const auto& [segmentId, at] : {std::pair{project.firstId, 1.0}, std::pair{project.secondId, 3.0}}) {
            view.setTime(at);
            for (const Cell& cell : project.catalog->cells(segmentId)) {
                const QColor colour = newest.value(cell.id);
                // (waited for, not timed: the upload and the camera's glide take what the machine takes)
                QTRY_VERIFY2_WITH_TIMEOUT(countNear(view.grabScene(), colour, 40) > 200,
                    qPrintable(QStringLiteral("cell %1,%2 of segment %3 shows its newest image %4")
                                   .arg(cell.index.row).arg(cell.index.col).arg(segmentId).arg(colour.name())),
                    20000);
            }
        }
        QCOMPARE(newest.value(cells[(kRounds - 1) % cells.size()].id), last);
    }

    void firstImagesArrivingOneByOneAllStayOnTheirTiles()
    {
        // given the scene over the test project, its second segment's 2x2 grid still empty
        LiveScene live;
        QVERIFY(live.start());
        if (!live.view.rendersIn3D())
            QSKIP(qPrintable(live.view.problem() + QStringLiteral("; the tesseract-gpu entry runs this under Xvfb")));
        testing::StudioTestProject& project = live.project;
        TesseractView& view = live.view;
        view.setTime(3.0);

        // when the generator gives its cells their first images one after another (each one a
        // new layout: a tile goes from empty to textured), the scene rendering in between
        QVector<QColor> colours;
        const QVector<Cell> cells = project.catalog->cells(project.secondId);
        for (int i = 0; i < cells.size(); ++i) {
            colours.append(QColor::fromHsv(40 + i * 90, 230, 250));
            project.catalog->addVersion(testing::versionFor(cells[i].id, colours.last(), i + 2));
            QVERIFY(live.reload());
            QTRY_VERIFY_WITH_TIMEOUT(view.isReady(), 30000);
            QTest::qWait(100);
        }

        // then every tile shows its image, the earlier ones too: the studio's tiles went blank
        // when a later first image made the layout anew
        for (int i = 0; i < cells.size(); ++i) {
            QTRY_VERIFY2_WITH_TIMEOUT(countNear(view.grabScene(), colours[i], 40) > 200,
                qPrintable(QStringLiteral("cell %1,%2 shows %3").arg(cells[i].index.row).arg(cells[i].index.col).arg(colours[i].name())),
                20000);
        }
    }

    void markerFollowsPlayback()
    {
        // given the view on a project (TESSERA_TESSERACT_PROJECT, else the test project), ready.
        // The timings are printed, not asserted (they depend on the machine): bench_preview
        // measures them against the 60 Hz frame budget.
        const QString project = qEnvironmentVariableIsEmpty("TESSERA_TESSERACT_PROJECT") ? m_project->path : qEnvironmentVariable("TESSERA_TESSERACT_PROJECT");
        QElapsedTimer clock;
        clock.start();
        ProjectComposition composition;
        TesseractView view(composition);
        view.resize(1280, 720);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        composition.setProjectPath(project);
        QTRY_VERIFY_WITH_TIMEOUT(view.isReady(), 60000);
        const qint64 readyMs = clock.elapsed();

        // when it plays 3 s at 60 updates a second, each followed by the scene's frame
        const double start = std::min(1.0, view.layout().planes().constLast().endSeconds / 4);
        constexpr int kFrames = 180;
        qint64 worstNs = 0;
        clock.restart();
        for (int frame = 0; frame < kFrames; ++frame) {
            QElapsedTimer update;
            update.start();
            view.setTime(start + frame / 60.0);
            worstNs = std::max(worstNs, update.nsecsElapsed());
            QCoreApplication::processEvents();
        }
        const double perFrameMs = double(clock.elapsed()) / kFrames;
        qInfo("%s: ready after %lld ms; setTime at most %.2f ms; %.2f ms per update with the scene's processing (3D: %d)",
            qPrintable(QFileInfo(project).fileName()), readyMs, worstNs / 1e6, perFrameMs, int(view.rendersIn3D()));

        // then the scene's marker is where the layout puts it at the last instant
        QVERIFY(near(view.sceneMarkerPosition(), view.layout().markerAt(start + (kFrames - 1) / 60.0)));
    }

    void screenshot()
    {
        const QString png = qEnvironmentVariable("TESSERA_TESSERACT_PNG");
        if (png.isEmpty())
            QSKIP("set TESSERA_TESSERACT_PNG, TESSERA_TESSERACT_PROJECT and TESSERA_TESSERACT_AT for a screenshot");
        const QString project = qEnvironmentVariableIsEmpty("TESSERA_TESSERACT_PROJECT") ? m_project->path : qEnvironmentVariable("TESSERA_TESSERACT_PROJECT");
        const double at = qEnvironmentVariable("TESSERA_TESSERACT_AT", QStringLiteral("1.2")).toDouble();
        QString error;
        QVERIFY2(saveTesseractScreenshot(project, at, png, QSize(1280, 720), &error), qPrintable(error));
        qInfo("screenshot %s", qPrintable(png));
    }
};

QTEST_MAIN(TestTesseract)
#include "tst_tesseract.moc"
