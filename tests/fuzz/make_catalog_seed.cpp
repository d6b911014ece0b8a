// Writes the catalog fuzz target's seed: a small real project with every kind of row (settings,
// two segments with word timing and axes, a 2x2 grid with a version, grades, a job, a stem, an
// export), so mutations start from a file that Catalog::open accepts. Run by hand when the schema
// changes:  build-fuzz/tests/fuzz/make_catalog_seed tests/fuzz/corpus/catalog_open/project.tessera
#include "tessera/catalog/Catalog.h"

#include <QFile>
#include <QJsonObject>

#include <cstdio>

int main(int argc, char** argv)
{
    using namespace tessera;
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_catalog_seed OUTPUT.tessera\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    QFile::remove(path);
    try {
        {
            const auto catalog = Catalog::create(path);
            Segment first;
            first.range = {0, 4000};
            first.lyric = QStringLiteral("Neon rivers");
            first.words = {{0, QStringLiteral("Neon ")}, {1500, QStringLiteral("rivers")}};
            first.prompt = QStringLiteral("(neon:1.3) rivers at night, [fog]");
            first.seed = 42;
            first.grid = GridGeometry{2, 2};
            const qint64 segmentId = catalog->addSegment(first);
            Segment gap;
            gap.range = {4000, 6000};
            gap.grid = GridGeometry{1, 1};
            catalog->addSegment(gap);

            const auto cells = catalog->cells(segmentId);
            Version version;
            version.cellId = cells.front().id;
            // a 1x1 PNG: the smallest real image a version can hold
            version.png = QByteArray::fromBase64(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
            version.width = 1;
            version.height = 1;
            version.recipe = QJsonObject{{QStringLiteral("prompt"), first.prompt}, {QStringLiteral("seed"), 42}};
            catalog->addVersion(version);
            catalog->setGrade(GradeScope::Project, 0, Grade{0.5, 1.1});
            catalog->setGrade(GradeScope::Cell, cells.front().id, Grade{-0.25, 1.0});
            catalog->enqueueJob(QStringLiteral("generate"), QJsonObject{{QStringLiteral("segment"), segmentId}}, 4);
            catalog->addStem(Stem{0, QStringLiteral("drums"), QStringLiteral("drums.wav"), QStringLiteral("abc123")});
            const qint64 exportId = catalog->beginExport(QStringLiteral("out.mp4"), QStringLiteral("veryfast"), {});
            catalog->finishExport(exportId, JobState::Done);
        }
        const auto reopened = Catalog::open(path, Catalog::Access::ReadOnly);
        if (!reopened->checkIntegrity().isOk()) {
            std::fprintf(stderr, "make_catalog_seed: the seed fails its integrity check\n");
            return 1;
        }
    } catch (const CatalogError& e) {
        std::fprintf(stderr, "make_catalog_seed: %s\n", e.what());
        return 1;
    }
    // The last connection has checkpointed the WAL: the seed is the one file a closed project is.
    if (QFile(path + QStringLiteral("-wal")).size() == 0) {
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
    }
    return 0;
}
