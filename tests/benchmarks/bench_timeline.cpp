// Timeline panel speed: painting the whole TimelineView (ruler, waveform, beats, curves, segment
// blocks, playhead) for a 10-minute song at several zoom levels, as ms per frame and as a ratio
// to a 60 Hz frame budget (16.7 ms) measured in the same run. Two cases per zoom: a repaint of
// an unchanged view (e.g. the playhead moving) and a repaint after scrolling (column summaries
// recomputed). The song is synthesised (clicks at 120 BPM over a chord), analysed through the
// project's real path, with a lyric line every 4 s. Target: every figure well under 1.0.
#include "../audio/AudioTestSignals.h"

#include "tessera/audio/AudioAnalysis.h"
#include "tessera/catalog/Catalog.h"
#include "tessera/lyrics/LyricsDocument.h"
#include "tessera/project/ProjectAudio.h"
#include "tessera/studio/EditHistory.h"
#include "tessera/timeline/TimelineBuilder.h"
#include "tessera/ui/TimelineView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTextStream>

#include <cmath>

using namespace tessera;
using namespace tessera::testing;

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    QTextStream out(stdout);
    QTemporaryDir dir;
    constexpr double kSeconds = 600.0;
    constexpr double kBudgetMs = 1000.0 / 60.0;
    const int kFrames = qEnvironmentVariableIntValue("TESSERA_BENCH_FRAMES") > 0 ? qEnvironmentVariableIntValue("TESSERA_BENCH_FRAMES") : 40;

    // A 10-minute song: clicks on the beat over a soft chord, so beats and curves are real.
    std::vector<double> beats;
    Signal song = clickTrack(120.0, kSeconds, 44100, &beats);
    for (size_t i = 0; i < song.samples.size(); ++i) {
        const double t = double(i) / song.sampleRate;
        song.samples[i] += float(0.15 * std::sin(2 * M_PI * 220.0 * t) * (0.6 + 0.4 * std::sin(2 * M_PI * t / 30.0)));
    }
    const QString wav = dir.filePath(QStringLiteral("song.wav"));
    if (!writeWav(wav, song)) {
        out << "cannot write " << wav << "\n";
        return 1;
    }
    auto catalog = Catalog::create(dir.filePath(QStringLiteral("bench.tessera")));
    QElapsedTimer timer;
    timer.start();
    auto audio = std::make_shared<ProjectAudioAnalysis>(linkSong(*catalog, wav));
    out << QStringLiteral("analysis of the %1-minute song: %2 s (once per project; cached)\n").arg(kSeconds / 60).arg(timer.elapsed() / 1000.0, 0, 'f', 2);
    QVector<LyricLine> lines;
    for (int i = 0; i * 4.0 + 8.0 < kSeconds - 4.0; ++i) {
        LyricLine line;
        line.startMs = qint64((8.0 + i * 4.0) * 1000);
        line.endMs = *line.startMs + (i % 10 == 9 ? 1000 : 3800); // every tenth leaves an instrumental gap
        line.text = QStringLiteral("line %1 of the song with a few words").arg(i + 1);
        lines.append(line);
    }
    const qint64 durationMs = qint64(std::llround(audio->analysis.durationSeconds() * 1000.0));
    catalog->syncSegments(buildTimeline(lines, durationMs).segments);

    EditHistory history(*catalog);
    TimelineView view;
    view.resize(1920, 420);
    view.setProject(catalog.get(), &history);
    view.setAudio(audio);
    view.show();
    app.processEvents();
    view.fitSong();
    out << QStringLiteral("%1 segments, %2 beats, view %3x%4\n").arg(catalog->segments().size()).arg(audio->analysis.beatTimes.size())
               .arg(view.width()).arg(view.height());

    QImage target(view.size(), QImage::Format_ARGB32_Premultiplied);
    const auto paintMs = [&](int frames, bool scroll) {
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < frames; ++i) {
            if (scroll) {
                TimelineViewport& viewport = view.timeViewport();
                viewport.setScrollPixels(viewport.scrollPixels() + ((i / 50) % 2 ? -7 : 7));
            }
            view.setPlayhead(view.timeViewport().visibleStart() + (i % 100) * 0.01 * (view.timeViewport().visibleEnd() - view.timeViewport().visibleStart()));
            QPainter painter(&target);
            view.render(&painter);
        }
        return double(clock.nsecsElapsed()) / 1e6 / frames;
    };

    struct Zoom { const char* name; double visibleSeconds; };
    const Zoom zooms[] = {{"whole song (10 min)", kSeconds}, {"1 minute", 60.0}, {"10 seconds", 10.0}, {"1 second", 1.0}, {"single frames", 0.0}};
    out << QStringLiteral("%1 %2 %3 %4 %5\n").arg(QStringLiteral("zoom"), -22).arg(QStringLiteral("repaint ms"), 11).arg(QStringLiteral("/ budget"), 9)
               .arg(QStringLiteral("scroll ms"), 10).arg(QStringLiteral("/ budget"), 9);
    for (const Zoom& zoom : zooms) {
        TimelineViewport& viewport = view.timeViewport();
        viewport.fitAll();
        const double secondsPerPixel = zoom.visibleSeconds > 0 ? zoom.visibleSeconds / viewport.width() : viewport.minSecondsPerPixel();
        viewport.setSecondsPerPixel(secondsPerPixel, 0);
        viewport.setOffsetSeconds(kSeconds / 2 - zoom.visibleSeconds / 2);
        paintMs(3, false); // warm up
        const double still = paintMs(kFrames, false);
        const double scrolled = paintMs(kFrames, true);
        out << QStringLiteral("%1 %2 %3 %4 %5\n").arg(QString::fromLatin1(zoom.name), -22).arg(still, 11, 'f', 2).arg(still / kBudgetMs, 9, 'f', 3)
                   .arg(scrolled, 10, 'f', 2).arg(scrolled / kBudgetMs, 9, 'f', 3);
    }
    out << QStringLiteral("(ratios are ms per frame / %1 ms; under 1.0 fits a 60 Hz frame)\n").arg(kBudgetMs, 0, 'f', 1);
    return 0;
}
