// Perform mode's latency and steadiness without sound hardware: a PulseAudio null sink plays a
// click track (written by this program through Qt Multimedia), the perform session listens to the
// sink's monitor, and the output window (1920x1080, frames at 30 Hz, painted by QPainter on Xvfb)
// timestamps each frame it paints. The show holds one segment of two cells, black and white, its
// X axis on the onset strength with no attack: a click turns the frame white.
// It prints, per click after the warm-up: the delay from the click's samples being handed to
// PulseAudio to the first painted frame that shows it (end to end; includes the sink's buffer),
// and from the samples reaching the analysis to that frame (the show's own part); then the
// intervals between painted frames. Run by `./run.sh bench-perform`, which starts PulseAudio with
// the null sink and Xvfb. Usage: bench_perform [SECONDS] [REFRESH_HZ] [COMPOSE_SCALE] (default 20 s,
// 30 Hz, the session's automatic frame size; 1 composes at the output's full width, 0.5 at half).
#include "CatalogTestData.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/live/LiveShow.h"
#include "tessera/render/Composition.h"
#include "tessera/studio/PerformSession.h"
#include "tessera/ui/PerformOutputWindow.h"

#include <QApplication>
#include <QAudioSink>
#include <QIODevice>
#include <QElapsedTimer>
#include <QMediaDevices>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace tessera;

namespace {

constexpr int kRate = 44100;
constexpr double kClickInterval = 0.5; //!< seconds between clicks
constexpr int kWarmUpClicks = 4;       //!< the running range needs some clicks to settle

//! A click track generated as the sink has room for it: a 5 ms burst every kClickInterval, from
//! 1 s on. Records when each click's first sample was handed over.
class ClickTrack
{
public:
    explicit ClickTrack(const QElapsedTimer& clock)
        : m_clock(clock)
    {
    }
    std::vector<double> handedOver; //!< clock seconds, per click
    qint64 samples() const { return m_sample; }

    //! frames of 16-bit stereo.
    QByteArray next(qint64 frames)
    {
        QByteArray bytes(frames * 4, Qt::Uninitialized);
        auto* out = reinterpret_cast<qint16*>(bytes.data());
        const auto interval = qint64(kClickInterval * kRate);
        for (qint64 i = 0; i < frames; ++i) {
            const qint64 n = m_sample++ - kRate;
            qint16 value = 0;
            if (n >= 0 && n % interval < kRate / 200) {
                if (n % interval == 0)
                    handedOver.push_back(double(m_clock.nsecsElapsed()) / 1e9);
                value = qint16((n % 7 < 3 ? 1 : -1) * 26000);
            }
            out[2 * i] = out[2 * i + 1] = value;
        }
        return bytes;
    }

private:
    const QElapsedTimer& m_clock;
    qint64 m_sample = 0;
};

double meanLevel(const QImage& image)
{
    double sum = 0.0;
    const QImage small = image.scaled(64, 36);
    for (int y = 0; y < small.height(); ++y)
        for (int x = 0; x < small.width(); ++x)
            sum += qGray(small.pixel(x, y));
    return sum / (64.0 * 36.0);
}

double percentile(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, std::size_t(fraction * double(values.size() - 1) + 0.5))];
}

template <typename Devices>
auto findDevice(const Devices& devices, const char* part)
{
    for (const auto& device : devices)
        if (QString::fromUtf8(device.id()).contains(QLatin1String(part)))
            return device;
    return typename Devices::value_type();
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const double seconds = argc > 1 ? std::atof(argv[1]) : 20.0;
    const double refreshHz = argc > 2 ? std::atof(argv[2]) : 30.0;
    const double composeScale = argc > 3 ? std::atof(argv[3]) : 0.0;

    const QAudioDevice sinkDevice = findDevice(QMediaDevices::audioOutputs(), "tessera_show");
    const QAudioDevice monitor = findDevice(QMediaDevices::audioInputs(), "tessera_show_monitor");
    if (sinkDevice.isNull() || monitor.isNull()) {
        std::fprintf(stderr, "bench_perform: no PulseAudio null sink 'tessera_show' and its monitor (run it with ./run.sh bench-perform)\n");
        for (const QAudioDevice& device : QMediaDevices::audioInputs())
            std::fprintf(stderr, "  input: %s (%s)\n", device.id().constData(), qPrintable(device.description()));
        for (const QAudioDevice& device : QMediaDevices::audioOutputs())
            std::fprintf(stderr, "  output: %s (%s)\n", device.id().constData(), qPrintable(device.description()));
        return 2;
    }

    // A project of one segment, two cells: black and white.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("perform.tessera"));
    Composition composition;
    {
        const auto catalog = Catalog::create(path);
        Segment segment = testing::segmentAt(0, 600000, 1, 2);
        segment.axisX.feature = AudioFeature::Onset;
        segment.axisX.attackMs = 0.0;
        segment.axisX.releaseMs = 60.0;
        segment.axisY.feature = AudioFeature::None;
        segment.id = catalog->addSegment(segment);
        composition.project.width = 1920;
        composition.project.height = 1080;
        composition.render.captions.enabled = false;
        CompositionSegment entry;
        entry.segment = segment;
        int column = 0;
        for (const QColor color : {QColor(Qt::black), QColor(Qt::white)}) {
            Version version = testing::versionFor(catalog->cell(segment.id, {0, column})->id, color);
            version.png = testing::pngOfColor(color, 192, 108);
            version.width = 192;
            version.height = 108;
            entry.cells.append({{0, column}, catalog->addVersion(version), Grade{}});
            ++column;
        }
        composition.segments.append(entry);
        composition.songSeconds = 600.0;
    }

    PerformSession session(path, std::make_shared<const Composition>(composition), QStringLiteral(TESSERA_RESOURCES_DIR));
    PerformOutputWindow output(session);
    output.setFixedSize(1920, 1080);
    output.show();
    session.setOutput(1920, refreshHz);
    session.setComposeScale(composeScale);

    // Each painted frame: when, and whether it is white.
    struct Painted
    {
        double at;
        bool white;
    };
    std::vector<Painted> painted;
    QElapsedTimer clock;
    clock.start();
    struct PaintWatch : QObject
    {
        std::function<void()> onPaint;
        bool eventFilter(QObject*, QEvent* event) override
        {
            if (event->type() == QEvent::Paint)
                onPaint();
            return false;
        }
    } watch;
    watch.onPaint = [&] {
        if (!output.shownFrame().isNull())
            painted.push_back({double(clock.nsecsElapsed()) / 1e9, meanLevel(output.shownFrame()) > 128.0});
    };
    output.installEventFilter(&watch);

    // When each click has moved the show's axis past the middle (the analysis received it from
    // the monitor and the show stepped): probed every millisecond.
    std::vector<double> analysed;
    session.listenTo(monitor);

    ClickTrack clicks(clock);
    QAudioFormat format;
    format.setSampleRate(kRate);
    format.setChannelCount(2);
    format.setSampleFormat(QAudioFormat::Int16);
    QAudioSink sink(sinkDevice, format);
    sink.setBufferSize(format.bytesForDuration(20000));
    QIODevice* toSink = sink.start();
    if (!toSink || sink.error() != QAudio::NoError) {
        std::fprintf(stderr, "bench_perform: the click track cannot play (Qt Multimedia error %d)\n", int(sink.error()));
        return 2;
    }
    // Written as the sink has room, every 2 ms: what is handed over plays within its 20 ms buffer.
    QTimer feed;
    feed.setTimerType(Qt::PreciseTimer);
    feed.setInterval(2);
    QObject::connect(&feed, &QTimer::timeout, [&] {
        const qint64 frames = sink.bytesFree() / 4;
        if (frames > 0)
            toSink->write(clicks.next(frames));
    });
    feed.start();

    bool high = false;
    QTimer probe;
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const bool now = session.show().positions(0).x > 0.5;
        if (now && !high)
            analysed.push_back(double(clock.nsecsElapsed()) / 1e9);
        high = now;
    });
    probe.start();
    QTimer::singleShot(int(seconds * 1000), &app, &QApplication::quit);
    app.exec();
    sink.stop();

    // Per click: the first white frame painted after it.
    const auto firstWhiteAfter = [&painted](double t) {
        for (const Painted& frame : painted)
            if (frame.at >= t && frame.white)
                return frame.at;
        return -1.0;
    };
    std::vector<double> endToEnd, showPart, audioPart;
    for (size_t i = kWarmUpClicks; i < clicks.handedOver.size(); ++i) {
        const double click = clicks.handedOver[i];
        const double shown = firstWhiteAfter(click);
        if (shown < 0.0 || shown - click > kClickInterval)
            continue;
        endToEnd.push_back((shown - click) * 1000.0);
        const auto heard = std::find_if(analysed.begin(), analysed.end(), [click](double t) { return t >= click; });
        if (heard != analysed.end() && *heard < shown) {
            showPart.push_back((shown - *heard) * 1000.0);
            audioPart.push_back((*heard - click) * 1000.0);
        }
    }
    // Steadiness once the show runs: from the first click measured on (the first frames bake the
    // colour LUTs, and the automatic frame size settles within 15 frames).
    const double steadyFrom = clicks.handedOver.size() > size_t(kWarmUpClicks) ? clicks.handedOver[kWarmUpClicks] : seconds;
    std::vector<double> intervals;
    for (size_t i = 1; i < painted.size(); ++i)
        if (painted[i - 1].at >= steadyFrom)
            intervals.push_back((painted[i].at - painted[i - 1].at) * 1000.0);
    const double refreshMs = 1000.0 / refreshHz;
    const auto over = std::count_if(intervals.begin(), intervals.end(), [refreshMs](double ms) { return ms > 2.0 * refreshMs; });

    std::printf("bench_perform: %.0f s, output 1920x1080 at %.0f Hz (QPainter on Xvfb), composed at %s, input %s at %d Hz\n",
        seconds, refreshHz,
        qPrintable(session.isComposeScaleAutomatic()
                ? QStringLiteral("the automatic size (%1% of the width at the end)").arg(session.composeScale() * 100.0)
                : QStringLiteral("%1% of the width").arg(composeScale * 100.0)), qPrintable(monitor.description()), 44100);
    std::printf("click track: %.1f s handed to PulseAudio, %zu clicks; the show's axis moved %zu times\n", clicks.samples() / double(kRate),
        clicks.handedOver.size(), analysed.size());
    std::printf("clicks shown: %zu of %zu after the warm-up (%d)\n", endToEnd.size(),
        clicks.handedOver.size() > size_t(kWarmUpClicks) ? clicks.handedOver.size() - kWarmUpClicks : 0, kWarmUpClicks);
    std::printf("click handed to PulseAudio -> first frame showing it: median %.1f ms, p90 %.1f ms, max %.1f ms\n",
        percentile(endToEnd, 0.5), percentile(endToEnd, 0.9), percentile(endToEnd, 1.0));
    std::printf("  of which click handed over -> the show's axis moved (sound server, input, analysis): median %.1f ms, p90 %.1f ms\n",
        percentile(audioPart, 0.5), percentile(audioPart, 0.9));
    std::printf("  and the axis moved -> first frame showing it (frame clock, composing, painting): median %.1f ms, p90 %.1f ms\n",
        percentile(showPart, 0.5), percentile(showPart, 0.9));
    std::printf("goal: median under %.1f ms (50 ms plus one frame)\n", 50.0 + refreshMs);
    std::printf("frames composed: %lld, %.1f ms each on average (the composing thread)\n", qlonglong(session.framesComposed()),
        session.composingMs() / std::max<qint64>(1, session.framesComposed()));
    std::printf("frames painted after the warm-up: %zu (%.1f per second); interval median %.1f ms, p99 %.1f ms, max %.1f ms; over 2x the "
                "refresh interval (%.1f ms): %lld\n",
        intervals.size(), intervals.size() / std::max(1e-9, seconds - steadyFrom), percentile(intervals, 0.5), percentile(intervals, 0.99),
        percentile(intervals, 1.0), 2.0 * refreshMs, qlonglong(over));
    return endToEnd.empty() ? 1 : 0;
}
