// The studio's views while the song plays, as figures rather than test thresholds (how fast they
// keep up depends on the machine):
//  - the live preview (PreviewPanel, 640 px wide) playing the test project's first segment in a
//    loop on the silent clock: frames shown per second, against the playhead's own update rate and
//    against the compositor alone (FrameCompositor::frameAt back to back, same composition, same
//    size, same instants) measured in the same run; plus the first frame's time, which includes
//    building the OCIO processors (LUT bakes);
//  - the tesseract view (1280x720) following a 60 Hz playhead: ms per update with the scene's
//    processing, and the slowest setTime, against the 16.7 ms frame budget.
// TESSERA_BENCH_SECONDS sets how long the preview plays (default 5).
#include "StudioTestProject.h"

#include "tessera/render/Composition.h"
#include "tessera/render/FrameCompositor.h"
#include "tessera/studio/PlaybackController.h"
#include "tessera/studio/ProjectComposition.h"
#include "tessera/ui/PreviewPanel.h"
#include "tessera/ui/TesseractLayout.h"
#include "tessera/ui/TesseractView.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace tessera;
using namespace tessera::testing;

namespace {

constexpr double kLoopEnd = 2.0; // the test project's first segment: composed frames, not placeholders

//! Plays the loop for seconds with the preview wired to the playhead as the studio wires them.
int benchPreview(const StudioTestProject& project, double seconds)
{
    ProjectComposition composition;
    PreviewPanel preview(composition, QStringLiteral(TESSERA_RESOURCES_DIR));
    preview.resize(640, 360);
    QSignalSpy loaded(&composition, &ProjectComposition::loaded);
    composition.setProjectPath(project.path);
    if (!loaded.wait(60000) || !composition.composition()) {
        std::printf("bench_preview: the project did not load\n");
        return 1;
    }
    QSignalSpy shown(&preview, &PreviewPanel::frameShown);
    // The first frame on its own: it pays for the OCIO processors.
    QElapsedTimer clock;
    clock.start();
    preview.showTime(0.5);
    if (!QTest::qWaitFor([&shown] { return !shown.isEmpty(); }, 60000)) {
        std::printf("bench_preview: no first frame\n");
        return 1;
    }
    const double firstFrameMs = double(clock.nsecsElapsed()) / 1e6;
    const int width = preview.frame().width();

    PlaybackController playback(PlaybackController::Clock::Silent);
    playback.setSong(project.songPath, StudioTestProject::kSeconds, FrameRate{30, 1});
    playback.setLoopRange(0.0, kLoopEnd);
    playback.loopAction()->setChecked(true);
    QObject::connect(&playback, &PlaybackController::positionChanged, &preview, &PreviewPanel::showTime);
    QSignalSpy moved(&playback, &PlaybackController::positionChanged);
    shown.clear();
    const int droppedBefore = preview.droppedFrames();
    clock.restart();
    playback.play();
    QTest::qWait(int(seconds * 1000.0));
    const double playedSeconds = double(clock.nsecsElapsed()) / 1e9;
    const int frames = int(shown.size());
    const int updates = int(moved.size());
    playback.pause();
    const double previewFps = frames / playedSeconds;
    const double playheadRate = updates / playedSeconds;

    // The reference: the compositor alone at the size the preview ended at, same instants.
    const int referenceWidth = std::max(16, preview.frame().isNull() ? width : preview.frame().width()) & ~1;
    const auto& settings = composition.composition()->project;
    FrameCompositor compositor(*composition.composition(),
        [&project](qint64 id) { return project.catalog->versionImage(id); },
        CompositorOptions{referenceWidth, std::max(2, referenceWidth * settings.height / std::max(1, settings.width)) & ~1,
            std::nullopt, std::size_t(256) << 20, QStringLiteral(TESSERA_RESOURCES_DIR), {}, {}});
    compositor.frameAt(0.0); // its own processors, outside the timing
    constexpr int kReferenceFrames = 240;
    clock.restart();
    for (int i = 0; i < kReferenceFrames; ++i)
        compositor.frameAt(std::fmod(i / 60.0, kLoopEnd));
    const double compositorFps = kReferenceFrames / (double(clock.nsecsElapsed()) / 1e9);

    std::printf("bench_preview: the live preview playing a %.0f s loop for %.1f s on the silent clock\n", kLoopEnd, playedSeconds);
    std::printf("  first frame (with the OCIO processors)  %8.1f ms at %d px\n", firstFrameMs, width);
    std::printf("  preview                                 %8.1f frames/s, %d dropped, ending at %d px\n", previewFps,
        preview.droppedFrames() - droppedBefore, preview.frame().width());
    std::printf("  playhead updates (reference)            %8.1f /s\n", playheadRate);
    std::printf("  compositor alone (reference)            %8.1f frames/s at %d px\n", compositorFps, referenceWidth);
    std::printf("  ratio preview/playhead updates: %.2f; preview/min(compositor, playhead): %.2f\n", previewFps / playheadRate,
        previewFps / std::min(compositorFps, playheadRate));
    return 0;
}

int benchTesseract(const StudioTestProject& project)
{
    ProjectComposition composition;
    TesseractView view(composition);
    view.resize(1280, 720);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view)) {
        std::printf("bench_preview: the tesseract view was not exposed\n");
        return 1;
    }
    QElapsedTimer clock;
    clock.start();
    composition.setProjectPath(project.path);
    if (!QTest::qWaitFor([&view] { return view.isReady(); }, 60000)) {
        std::printf("bench_preview: the tesseract view was not ready: %s\n", qPrintable(view.problem()));
        return 1;
    }
    const double readyMs = double(clock.nsecsElapsed()) / 1e6;
    const double start = std::min(1.0, view.layout().planes().constLast().endSeconds / 4);
    constexpr int kFrames = 180;
    constexpr double kBudgetMs = 1000.0 / 60.0;
    qint64 worstNs = 0;
    clock.restart();
    for (int frame = 0; frame < kFrames; ++frame) {
        QElapsedTimer update;
        update.start();
        view.setTime(start + frame / 60.0);
        worstNs = std::max(worstNs, update.nsecsElapsed());
        QCoreApplication::processEvents();
    }
    const double perFrameMs = double(clock.nsecsElapsed()) / 1e6 / kFrames;
    std::printf("bench_preview: the tesseract view following a 60 Hz playhead for %d updates (3D: %s)\n", kFrames,
        view.rendersIn3D() ? "yes" : "no, software Qt Quick");
    std::printf("  ready after %.0f ms; per update with the scene's processing %.2f ms (%.2fx the 60 Hz budget); "
                "slowest setTime %.2f ms (%.2fx)\n",
        readyMs, perFrameMs, perFrameMs / kBudgetMs, worstNs / 1e6, worstNs / 1e6 / kBudgetMs);
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTemporaryDir dir;
    const StudioTestProject project(dir);
    const double seconds = qEnvironmentVariableIsSet("TESSERA_BENCH_SECONDS") ? qEnvironmentVariable("TESSERA_BENCH_SECONDS").toDouble() : 5.0;
    if (const int failed = benchPreview(project, seconds))
        return failed;
    return benchTesseract(project);
}
