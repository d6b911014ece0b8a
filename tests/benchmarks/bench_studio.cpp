// The studio's responsiveness while it generates: the gaps between ticks of a 10 ms timer on the
// GUI thread of the real main window (offscreen), while the preview plays a segment in a loop and
// the Generation panel fills a 3x3 grid with the bundled model at its default settings. The
// reference is the same window playing the same loop without generating, measured just before.
// A gap over 50 ms is a stall an artist feels; the target is that none happens. Then the time from
// a seek (paused) to the preview showing that instant, idle and while the whole grid regenerates.
#include "StallMeter.h"
#include "StudioTestProject.h"

#include "tessera/studio/GenerationQueue.h"
#include "tessera/studio/GridBrowserModel.h"
#include "tessera/studio/PlaybackController.h"
#include "tessera/studio/ProjectSession.h"
#include "tessera/ui/GenerationQueuePanel.h"
#include "tessera/ui/MainWindow.h"
#include "tessera/ui/PreviewPanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace tessera;
using namespace tessera::testing;

namespace {

void print(const char* label, const StallMeter& meter, double seconds)
{
    std::printf("  %-34s %5.1f s, %4d ticks: p50 %5.1f ms, p99 %5.1f ms, max %5.1f ms, gaps over 50 ms: %d\n", label,
        seconds, meter.samples(), meter.percentile(0.5), meter.percentile(0.99), meter.max(), meter.countOver(50.0));
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTemporaryDir dir;
    StudioTestProject project(dir);
    Segment grid = *project.catalog->segment(project.secondId);
    grid.grid = GridGeometry(3, 3);
    project.catalog->updateSegment(grid);
    project.catalog.reset();

    QSettings settings(dir.filePath(QStringLiteral("studio.ini")), QSettings::IniFormat);
    MainWindow window(settings);
    window.resize(1600, 1000);
    window.show();
    if (!window.openProject(project.path))
        return 1;
    window.selectSegment(project.secondId);
    QTest::qWait(500); // the newly opened project painted
    GenerationQueue& queue = window.session()->queue();
    PlaybackController& playback = *window.findChild<PlaybackController*>();
    playback.setLoopRange(0.0, StudioTestProject::kSeconds);
    playback.play();

    std::printf("bench_studio: GUI-thread gaps of a 10 ms timer in the main window, preview playing in a loop\n");
    QElapsedTimer clock;
    double generatingSeconds = 0.0;
    StallMeter generating;
    {
        clock.start();
        bool finished = false;
        QObject::connect(&queue, &GenerationQueue::jobFinished, [&finished] { finished = true; });
        QTest::mouseClick(window.findChild<GenerationQueuePanel*>()->generateSegmentButton(), Qt::LeftButton);
        if (!QTest::qWaitFor([&finished] { return finished; }, 600000)) {
            std::printf("bench_studio: the grid did not finish: %s\n", qPrintable(queue.problem()));
            return 1;
        }
        generatingSeconds = clock.elapsed() / 1000.0;
        generating.stop();
    }
    // The reference: the same playback for as long, with the worker idle.
    StallMeter playing;
    clock.restart();
    QTest::qWait(int(generatingSeconds * 1000.0));
    playing.stop();
    print("playing, idle (reference)", playing, clock.elapsed() / 1000.0);
    print("playing, generating a 3x3 grid", generating, generatingSeconds);
    std::printf("  ratio generating/reference: p99 %.2fx, max %.2fx\n", generating.percentile(0.99) / playing.percentile(0.99),
        generating.max() / playing.max());

    // Seeks: paused, the playhead sent to another instant, the time until the preview shows it;
    // with the worker idle (the reference), then while it regenerates the whole grid.
    playback.pause();
    PreviewPanel& preview = *window.findChild<PreviewPanel*>();
    const auto seekLatencies = [&](int count) {
        std::vector<double> latencies;
        for (int i = 0; i < count; ++i) {
            const double at = 0.1 + 0.37 * ((i * 7) % 10); // spread over the 4 s song
            QSignalSpy shown(&preview, &PreviewPanel::frameShown);
            QElapsedTimer seek;
            seek.start();
            playback.seek(at);
            if (!QTest::qWaitFor([&] { return !shown.isEmpty() && shown.constLast().at(0).toDouble() == at; }, 30000))
                return std::vector<double>{};
            latencies.push_back(seek.nsecsElapsed() / 1e6);
            if (qEnvironmentVariableIsSet("TESSERA_BENCH_VERBOSE"))
                std::printf("    seek %d to %.2f s: %.1f ms\n", i, at, latencies.back());
            QTest::qWait(150);
        }
        std::sort(latencies.begin(), latencies.end());
        return latencies;
    };
    const std::vector<double> idleSeeks = seekLatencies(10);
    window.session()->grid().setSegment(project.secondId);
    window.session()->grid().selectAll();
    window.session()->grid().regenerateSelection();
    const std::vector<double> busySeeks = seekLatencies(10);
    if (idleSeeks.empty() || busySeeks.empty()) {
        std::printf("bench_studio: a seek never reached the preview\n");
        return 1;
    }
    const auto median = [](const std::vector<double>& v) { return v[v.size() / 2]; };
    std::printf("  seek to frame shown, idle (reference):  median %6.1f ms, max %6.1f ms\n", median(idleSeeks), idleSeeks.back());
    std::printf("  seek to frame shown, while generating:  median %6.1f ms, max %6.1f ms (generating: %s)\n", median(busySeeks),
        busySeeks.back(), queue.runningJobId() != 0 ? "yes" : "finished meanwhile");
    std::printf("  ratio generating/reference: median %.2fx, max %.2fx\n", median(busySeeks) / median(idleSeeks),
        busySeeks.back() / idleSeeks.back());
    window.session()->queue().cancelAll();
    return 0;
}
