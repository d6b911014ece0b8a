// A child process for tst_generation's crash test: resumes every queued or interrupted generate
// job of a project with the libtorch back-end plugin, printing "cell N" after each committed
// cell, exactly as a real run does, until it finishes or is killed with SIGKILL.
#include "tessera/generation/GeneratorPlugins.h"
#include "tessera/generation/GridJob.h"

#include <QCoreApplication>
#include <cstdio>

using namespace tessera;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: generate_child PROJECT\n");
        return 2;
    }
    try {
        const auto catalog = Catalog::open(QString::fromLocal8Bit(argv[1]));
        const GenerationLock lock(*catalog);
        for (const Job& job : GridJob::resumableJobs(*catalog)) {
            const GridJobSpec spec = GridJobSpec::fromJson(job.payload);
            const auto backend = createGenerator(spec.options.backend);
            backend->load(spec.options.model);
            qint64 lastDone = -1;
            GridJob::run(*catalog, job.id, *backend, [&](const GridJobProgress& progress) {
                if (progress.cellsDone != lastDone) {
                    lastDone = progress.cellsDone;
                    std::printf("cell %lld\n", static_cast<long long>(progress.cellsDone));
                    std::fflush(stdout);
                }
            });
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "%s\n", error.what());
        return 1;
    }
    return 0;
}
