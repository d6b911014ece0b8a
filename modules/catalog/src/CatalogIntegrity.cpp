#include "tessera/catalog/Catalog.h"

#include "internal/CatalogPrivate.h"

namespace tessera {

using internal::Statement;

namespace {

// Tessera's invariants, each a query returning one human-readable problem per row.
// SQLite enforces what it can (types, CHECKs, foreign keys); these cover what it cannot.
constexpr const char* kInvariantQueries[] = {
    "SELECT 'project settings: expected exactly one row, found ' || COUNT(*) FROM project"
    " HAVING COUNT(*) != 1",

    "SELECT 'cell ' || c.id || ' (segment ' || c.segment_id || ', row ' || c.row || ', col ' || c.col"
    " || '): active version ' || v.id || ' belongs to cell ' || v.cell_id"
    " FROM cells c JOIN versions v ON v.id = c.active_version_id WHERE v.cell_id != c.id",

    "SELECT 'cell ' || c.id || ' (segment ' || c.segment_id || ', row ' || c.row || ', col ' || c.col"
    " || '): state ' || c.state || ' but no active version'"
    " FROM cells c WHERE c.state IN ('done', 'locked') AND c.active_version_id IS NULL",

    "SELECT 'cell ' || c.id || ': position row ' || c.row || ', col ' || c.col"
    " || ' is outside its segment''s ' || s.grid_rows || 'x' || s.grid_cols || ' grid'"
    " FROM cells c JOIN segments s ON s.id = c.segment_id"
    " WHERE c.row >= s.grid_rows OR c.col >= s.grid_cols",

    "SELECT 'segment ' || s.id || ': ' || COUNT(c.id) || ' cells for a ' || s.grid_rows || 'x'"
    " || s.grid_cols || ' grid' FROM segments s LEFT JOIN cells c ON c.segment_id = s.id"
    " GROUP BY s.id HAVING COUNT(c.id) != s.grid_rows * s.grid_cols",

    "SELECT 'segment ' || id || ' (' || start_ms || '..' || end_ms || ' ms) overlaps segment '"
    " || prev_id || ' (ending at ' || prev_end || ' ms)' FROM ("
    "  SELECT id, start_ms, end_ms, LAG(id) OVER w AS prev_id, LAG(end_ms) OVER w AS prev_end"
    "  FROM segments WINDOW w AS (ORDER BY start_ms, id)) WHERE prev_end > start_ms",

    "SELECT 'version ' || id || ' of cell ' || cell_id || ': image is not PNG data'"
    " FROM versions WHERE substr(image_png, 1, 8) != x'89504E470D0A1A0A'",

    "SELECT 'job ' || id || ': progress ' || done_units || ' of ' || total_units"
    " FROM jobs WHERE done_units > total_units",
};

} // namespace

IntegrityReport Catalog::checkIntegrity() const
{
    IntegrityReport report;
    {
        Statement check(d->db, "PRAGMA integrity_check");
        while (check.next()) {
            const QString line = check.text(0);
            if (line != QLatin1String("ok"))
                report.problems.append(QStringLiteral("SQLite: ") + line);
        }
    }
    {
        Statement check(d->db, "PRAGMA foreign_key_check");
        while (check.next()) {
            report.problems.append(QStringLiteral("row %1 of table %2 refers to a missing row of %3")
                                       .arg(check.int64(1))
                                       .arg(check.text(0), check.text(2)));
        }
    }
    if (d->db.queryInt("PRAGMA application_id") != kApplicationId)
        report.problems.append(QStringLiteral("application id is not Tessera's"));
    for (const char* sql : kInvariantQueries) {
        Statement query(d->db, sql);
        while (query.next())
            report.problems.append(query.text(0));
    }
    return report;
}

} // namespace tessera
