#include "tessera/catalog/Catalog.h"

#include "internal/CatalogPrivate.h"

namespace tessera {

using internal::Statement;

namespace {

const char* ownerColumn(GradeScope scope)
{
    switch (scope) {
    case GradeScope::Project:
        return nullptr;
    case GradeScope::Segment:
        return "segment_id";
    case GradeScope::Cell:
        return "cell_id";
    }
    return nullptr;
}

} // namespace

Grade Catalog::grade(GradeScope scope, qint64 ownerId) const
{
    const char* column = ownerColumn(scope);
    QByteArray sql = "SELECT exposure_stops, gamma, saturation FROM grades WHERE scope = ?1";
    if (column)
        sql += QByteArray(" AND ") + column + " = ?2";
    Statement query(d->db, sql.constData());
    query.bind(1, gradeScopeName(scope));
    if (column)
        query.bind(2, ownerId);
    if (!query.next())
        return {};
    return {query.real(0), query.real(1), query.real(2)};
}

void Catalog::setGrade(GradeScope scope, qint64 ownerId, const Grade& grade)
{
    if (!(grade.gamma > 0.0) || !(grade.saturation >= 0.0))
        d->db.fail(QStringLiteral("gamma must be positive and saturation not negative"));
    const char* column = ownerColumn(scope);
    transact([&] {
        QByteArray removeSql = "DELETE FROM grades WHERE scope = ?1";
        if (column)
            removeSql += QByteArray(" AND ") + column + " = ?2";
        Statement remove(d->db, removeSql.constData());
        remove.bind(1, gradeScopeName(scope));
        if (column)
            remove.bind(2, ownerId);
        remove.run();
        if (grade.isIdentity())
            return;
        Statement insert(d->db,
            "INSERT INTO grades (scope, segment_id, cell_id, exposure_stops, gamma, saturation)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        insert.bind(1, gradeScopeName(scope))
            .bindId(2, scope == GradeScope::Segment ? ownerId : 0)
            .bindId(3, scope == GradeScope::Cell ? ownerId : 0)
            .bind(4, grade.exposureStops)
            .bind(5, grade.gamma)
            .bind(6, grade.saturation)
            .run();
    });
}

Grade Catalog::effectiveGrade(qint64 cellId) const
{
    const auto target = cellById(cellId);
    if (!target)
        d->db.fail(QStringLiteral("no cell with id %1").arg(cellId));
    return grade(GradeScope::Project)
        .combinedWith(grade(GradeScope::Segment, target->segmentId))
        .combinedWith(grade(GradeScope::Cell, cellId));
}

} // namespace tessera
