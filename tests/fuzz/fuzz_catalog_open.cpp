// libFuzzer target: arbitrary bytes as a project file. Catalog::open must refuse what is not a
// Tessera project, or a damaged one, with CatalogError; a file it opens must then read through
// (settings, timeline, cells, versions, grades, jobs, stems, exports, the integrity check) with
// every failure a CatalogError and every value it returns valid. The seeds are real projects
// (make_catalog_seed.cpp), so mutations get past SQLite's header and the application id into the
// schema and the rows.
#include "TempFile.h"

#include "tessera/catalog/Catalog.h"

#include <QString>

#include <cstdio>
#include <cstdlib>

namespace {

// What a catalog hands out must pass the rules it writes by: a damaged file can hold rows that
// break the schema's CHECK constraints (SQLite checks them on write only), and the rest of Tessera
// divides by the frame rate and allocates rows x cols cells.
void requireValid(bool valid)
{
    if (!valid)
        std::abort();
}

void readEverything(const tessera::Catalog& catalog)
{
    using namespace tessera;
    requireValid(catalog.settings().validationError().isEmpty());
    requireValid(catalog.renderSettings().validationError().isEmpty());
    (void)catalog.grade(GradeScope::Project);
    int cellsRead = 0;
    for (const auto& segment : catalog.segments()) {
        requireValid(segment.range.isValid() && segment.grid.isValid());
        (void)catalog.grade(GradeScope::Segment, segment.id);
        for (const auto& cell : catalog.cells(segment.id)) {
            if (++cellsRead > 64) // a mutated grid may hold many cells: a few show the reads work
                break;
            (void)catalog.effectiveGrade(cell.id);
            for (const auto& version : catalog.versions(cell.id))
                (void)catalog.versionImage(version.id);
        }
    }
    (void)catalog.jobs();
    (void)catalog.stems();
    (void)catalog.exports();
    (void)catalog.checkIntegrity();
}

void removeProject(const std::string& path)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::remove((path + suffix).c_str());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::string path = tessera::fuzz::scratchPath("catalog", ".tessera");
    removeProject(path); // a previous input's WAL must not replay into this one
    tessera::fuzz::writeFile(path, data, size);
    const QString qpath = QString::fromStdString(path);
    for (const auto access : {tessera::Catalog::Access::ReadOnly, tessera::Catalog::Access::ReadWrite}) {
        try {
            const auto catalog = tessera::Catalog::open(qpath, access);
            readEverything(*catalog);
        } catch (const tessera::CatalogError&) {
        }
    }
    removeProject(path);
    return 0;
}
