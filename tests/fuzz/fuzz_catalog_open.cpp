// libFuzzer target: arbitrary bytes as a project file. Catalog::open must refuse what is not a
// Tessera project, or a damaged one, with CatalogError; a file it opens must then read through
// (settings, timeline, cells, versions, grades, jobs, stems, exports, the integrity check) with
// every failure a CatalogError. The seeds are real projects (make_catalog_seed.cpp), so mutations
// get past SQLite's header and the application id into the schema and the rows.
#include "TempFile.h"

#include "tessera/catalog/Catalog.h"

#include <QString>

#include <cstdio>

namespace {

void readEverything(const tessera::Catalog& catalog)
{
    using namespace tessera;
    (void)catalog.settings();
    (void)catalog.renderSettings();
    (void)catalog.grade(GradeScope::Project);
    int cellsRead = 0;
    for (const auto& segment : catalog.segments()) {
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
