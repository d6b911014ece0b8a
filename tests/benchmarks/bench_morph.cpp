// Morph against dissolve on a real project (the demo by default): how much the picture changes
// from one frame to the next (RMS over RGB 0-255, captions off so only the images count; median,
// 99th percentile and the largest), and what a frame costs, the dissolve's time as the reference
// measured in the same run (after a warm-up pass). The morph runs twice: first estimating every flow it meets (and
// storing it in a copy of the project, as an export does), then reading them back.
// Usage: bench_morph [PROJECT] (default: the build's demo, made by ./run.sh demo);
// TESSERA_BENCH_WIDTH sets the frame width (default 640).
#include "tessera/catalog/Catalog.h"
#include "tessera/render/FrameCompositor.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace tessera;

namespace {

struct Pass
{
    std::vector<double> changes; //!< RMS change from the frame before, per frame
    double seconds = 0.0;
    int estimatedFlows = 0;
};

double rmsChange(const QImage& a, const QImage& b)
{
    double sum = 0.0;
    for (int y = 0; y < a.height(); ++y) {
        const uchar* p = a.constScanLine(y);
        const uchar* q = b.constScanLine(y);
        for (int x = 0; x < a.width() * 3; ++x) {
            const double d = double(p[x]) - double(q[x]);
            sum += d * d;
        }
    }
    return std::sqrt(sum / (double(a.width()) * a.height() * 3.0));
}

double percentile(std::vector<double> values, double fraction)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, std::size_t(fraction * double(values.size() - 1) + 0.5))];
}

Pass run(Catalog& catalog, Composition composition, CellBlend blend, int width, bool storeFlows)
{
    for (CompositionSegment& segment : composition.segments)
        segment.segment.transition.cellBlend = blend;
    CompositorOptions options;
    options.width = width;
    options.height = int(std::lround(double(width) * composition.project.height / composition.project.width)) & ~1;
    options.captions = false;
    options.resourcesDir = QStringLiteral(TESSERA_RESOURCES_DIR);
    if (storeFlows) {
        options.loadFlow = [&catalog](qint64 from, qint64 to) { return catalog.cellFlow(from, to); };
        options.storeFlow = [&catalog](qint64 from, qint64 to, const QByteArray& flow) { catalog.storeCellFlow(from, to, flow); };
    }
    const FrameRate rate = composition.project.frameRate;
    const int frames = int(std::floor(composition.songSeconds * rate.fps()));
    FrameCompositor compositor(std::move(composition), [&catalog](qint64 id) { return catalog.versionImage(id); }, options);
    Pass pass;
    QElapsedTimer timer;
    timer.start();
    QImage previous;
    for (int frame = 0; frame < frames; ++frame) {
        const QImage image = compositor.frameAt(rate.secondsAt(frame));
        if (!previous.isNull())
            pass.changes.push_back(rmsChange(previous, image));
        previous = image;
    }
    pass.seconds = double(timer.nsecsElapsed()) / 1e9;
    pass.estimatedFlows = compositor.estimatedFlows();
    return pass;
}

void print(const char* name, const Pass& pass, const Pass& reference)
{
    const double perFrame = pass.seconds * 1000.0 / double(pass.changes.size() + 1);
    const double referencePerFrame = reference.seconds * 1000.0 / double(reference.changes.size() + 1);
    std::printf("  %-26s change median %5.2f  p99 %6.2f  max %6.2f   %6.2f ms/frame (%.2fx the dissolve)%s\n", name,
        percentile(pass.changes, 0.5), percentile(pass.changes, 0.99), percentile(pass.changes, 1.0), perFrame,
        perFrame / referencePerFrame,
        pass.estimatedFlows > 0 ? qPrintable(QStringLiteral(", %1 flows estimated").arg(pass.estimatedFlows)) : "");
}

} // namespace

int main(int argc, char** argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // no window: it only composes frames
    QGuiApplication app(argc, argv);
    const QString project = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(TESSERA_DEMO_PROJECT);
    if (!QFileInfo::exists(project)) {
        // Not an error for ./run.sh bench on a fresh build: the other benchmarks still run.
        std::printf("bench_morph: skipped, no project at %s (make the demo with ./run.sh demo, or name a project)\n",
            qPrintable(project));
        return argc > 1 ? 1 : 0;
    }
    const int width = qEnvironmentVariableIsSet("TESSERA_BENCH_WIDTH") ? qEnvironmentVariableIntValue("TESSERA_BENCH_WIDTH") : 640;
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("bench.tessera"));
    // A copy (with its write-ahead log, if one is left), so the flows this run stores stay out of the original.
    for (const QString& suffix : {QString(), QStringLiteral("-wal")})
        if (QFileInfo::exists(project + suffix) && !QFile::copy(project + suffix, copy + suffix)) {
            std::printf("bench_morph: cannot copy %s into %s\n", qPrintable(project + suffix), qPrintable(dir.path()));
            return 1;
        }
    const auto catalog = Catalog::open(copy);
    const Composition composition = loadComposition(*catalog);
    std::printf("bench_morph: %s, %d segments, %.1f s at %.3f fps, frames %d px wide, captions off\n",
        qPrintable(QFileInfo(project).fileName()), int(composition.segments.size()), composition.songSeconds,
        composition.project.frameRate.fps(), width);
    // The first pass pays for the colour processors and the process's first decodes: a warm-up.
    run(*catalog, composition, CellBlend::Dissolve, width, false);
    const Pass morphFirst = run(*catalog, composition, CellBlend::Morph, width, true);
    const Pass morphStored = run(*catalog, composition, CellBlend::Morph, width, true);
    const Pass dissolve = run(*catalog, composition, CellBlend::Dissolve, width, false);
    print("dissolve", dissolve, dissolve);
    print("morph, estimating flows", morphFirst, dissolve);
    print("morph, flows stored", morphStored, dissolve);
    qint64 still = 0;
    qint64 stored = 0;
    for (const CompositionSegment& segment : composition.segments)
        for (const CompositionCell& cell : segment.cells)
            for (const CompositionCell& other : segment.cells) {
                const QByteArray flow = cell.versionId && other.versionId ? catalog->cellFlow(cell.versionId, other.versionId) : QByteArray();
                if (flow.isEmpty())
                    continue;
                ++stored;
                still += flow.size() == 10 ? 1 : 0; // a still flow is its header alone
            }
    std::printf("  flows stored: %lld, of which still (no motion explained the change, so a dissolve): %lld\n",
        static_cast<long long>(stored), static_cast<long long>(still));
    return 0;
}
