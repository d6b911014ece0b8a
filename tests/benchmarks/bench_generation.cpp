// Grid job figures: cells per minute for a 5x5 grid job (catalog commits included), batched at
// the back-end's preferred size against one cell per back-end call, measured in the same run.
// By default it runs the bundled default model (resources/models/tessera-emoji-32) at the CLI's
// default settings (its sampler, 30 steps, guidance 7.5, native 32x32). TESSERA_BENCH_TINY=1 runs
// the tiny random-weight model of the diffusion tests at 32x32 with 10 steps instead;
// TESSERA_BENCH_MODEL=DIR measures another model folder at the default settings;
// TESSERA_BENCH_STEPS=N and TESSERA_BENCH_SIZE=WxH change the steps and the image size; TESSERA_BENCH_BATCH=N batches N cells a call
// instead of the back-end's preferred size.
#include "GenerationTestData.h"
#include "tessera/generation/GeneratorPlugins.h"
#include "tessera/generation/GridJob.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <cstdio>

using namespace tessera;

namespace {

//! Seconds for one 5x5 grid job at batchSize (0: the back-end's preference) in a fresh project.
double gridSeconds(GeneratorBackend& backend, const QString& path, const GenerationOptions& base, int batchSize, int side = 5)
{
    const auto catalog = Catalog::create(path);
    // The same kind of grid the generation tests make: a term weight along X, a seed walk along Y.
    const Segment segment = testing::gridSegment(side, side, 7);
    const qint64 segmentId = catalog->addSegment(segment);
    GenerationOptions options = base;
    options.batchSize = batchSize;
    QElapsedTimer timer;
    timer.start();
    GridJob::run(*catalog, GridJob::enqueue(*catalog, {segmentId, {}, options}), backend);
    const double seconds = timer.elapsed() / 1000.0;
    std::printf("  (%dx%d grid at %s: %.2f s)\n", side, side, batchSize == 1 ? "1 a call" : "the preferred batch", seconds);
    std::fflush(stdout);
    return seconds;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    try {
        const bool tiny = qEnvironmentVariableIsEmpty("TESSERA_BENCH_MODEL") && qEnvironmentVariableIntValue("TESSERA_BENCH_TINY") == 1;
        const QString model = tiny ? QStringLiteral(TESSERA_TINY_MODEL)
                                   : qEnvironmentVariable("TESSERA_BENCH_MODEL", QStringLiteral(TESSERA_BUNDLED_MODEL));
        const auto backend = createGenerator();
        backend->load(model);
        GenerationOptions options;
        options.steps = qEnvironmentVariableIntValue("TESSERA_BENCH_STEPS") > 0 ? qEnvironmentVariableIntValue("TESSERA_BENCH_STEPS")
                                                                               : (tiny ? 10 : 30);
        options.model = model;
        options.modelHash = backend->modelHash();
        options.backend = backend->name();
        const QStringList size = qEnvironmentVariable("TESSERA_BENCH_SIZE", tiny ? QStringLiteral("32x32") : QString()).split(QLatin1Char('x'));
        if (size.size() == 2) {
            options.width = size[0].toInt();
            options.height = size[1].toInt();
        }
        QTemporaryDir dir;
        std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures appear as they are measured
        std::printf("grid job, 5x5 cells of %s (%dx%d, %d steps, guidance %s), back-end %s\n", qPrintable(model),
            options.width > 0 ? options.width : backend->nativeWidth(), options.height > 0 ? options.height : backend->nativeHeight(), options.steps,
            options.guidance ? qPrintable(QString::number(*options.guidance)) : "the model's", qPrintable(backend->name()));
        int project = 0;
        const auto next = [&] { return dir.filePath(QStringLiteral("bench%1.tessera").arg(++project)); };
        const int batch = qMax(0, qEnvironmentVariableIntValue("TESSERA_BENCH_BATCH"));
        gridSeconds(*backend, next(), options, batch, 2); // warm-up: first-call allocations
        // interleaved rounds, best of two: the machine is shared, the minimum is the stable figure
        double single = 1e300;
        double batched = 1e300;
        for (int round = 0; round < 2; ++round) {
            single = std::min(single, gridSeconds(*backend, next(), options, 1));
            batched = std::min(batched, gridSeconds(*backend, next(), options, batch));
        }
        std::printf("  one cell per call:   %6.2f s  %7.1f cells/min\n", single, 25 * 60.0 / single);
        std::printf("  batched (%d a call):  %6.2f s  %7.1f cells/min\n", batch > 0 ? batch : backend->preferredBatchSize(), batched, 25 * 60.0 / batched);
        std::printf("  batched / one by one: %.2fx the throughput (target: the 5x5 grid under 30 s: %s)\n", single / batched,
            batched < 30.0 ? "met" : "missed");
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bench_generation: %s\n", error.what());
        return 1;
    }
    return 0;
}
