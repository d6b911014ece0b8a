// A child process for tst_catalog's crash test: writes cells into a catalog as fast as it can,
// printing the number of each committed write, until it is killed with SIGKILL.
#include "CatalogTestData.h"

#include <QCoreApplication>
#include <cstdio>

using namespace tessera;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: crash_writer PROJECT\n");
        return 2;
    }
    const auto catalog = Catalog::open(QString::fromLocal8Bit(argv[1]));
    const Segment segment = catalog->segments().constFirst();
    const QVector<Cell> cells = catalog->cells(segment.id);
    for (qint64 i = 1;; ++i) {
        const Cell& cell = cells[int(i % cells.size())];
        // One write = a new version plus a state change and a job update, all in one transaction,
        // as the generator commits a finished cell.
        catalog->transact([&] {
            catalog->addVersion(testing::versionFor(cell.id, QColor::fromHsv(int(i % 360), 200, 200), int(i)));
            catalog->setJobProgress(1, i, i);
        });
        std::printf("%lld\n", static_cast<long long>(i));
        std::fflush(stdout);
    }
}
