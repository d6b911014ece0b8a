#include "tessera/catalog/CatalogCommand.h"

#include "tessera/catalog/Catalog.h"

namespace tessera {

SetGradesCommand::SetGradesCommand(GradeScope scope, QVector<Change> changes, QString text)
    : m_scope(scope)
    , m_changes(std::move(changes))
    , m_text(std::move(text))
{
}

void SetGradesCommand::redo(Catalog& catalog)
{
    catalog.transact([&] {
        QVector<Change> previous;
        previous.reserve(m_changes.size());
        for (const Change& change : m_changes) {
            previous.append({change.ownerId, catalog.grade(m_scope, change.ownerId)});
            catalog.setGrade(m_scope, change.ownerId, change.grade);
        }
        m_previous = previous;
    });
}

void SetGradesCommand::undo(Catalog& catalog)
{
    catalog.transact([&] {
        for (const Change& change : m_previous)
            catalog.setGrade(m_scope, change.ownerId, change.grade);
    });
}

std::unique_ptr<SetGradesCommand> makeSetGradeCommand(GradeScope scope, qint64 ownerId, const Grade& grade)
{
    QString owner;
    switch (scope) {
    case GradeScope::Project:
        owner = QStringLiteral("project");
        break;
    case GradeScope::Segment:
        owner = QStringLiteral("segment %1").arg(ownerId);
        break;
    case GradeScope::Cell:
        owner = QStringLiteral("cell %1").arg(ownerId);
        break;
    }
    const QString text = QStringLiteral("Grade %1: exposure %2 stops, gamma %3")
                             .arg(owner)
                             .arg(grade.exposureStops >= 0 ? QStringLiteral("+%1").arg(grade.exposureStops, 0, 'f', 2)
                                                           : QString::number(grade.exposureStops, 'f', 2))
                             .arg(grade.gamma, 0, 'f', 2);
    return std::make_unique<SetGradesCommand>(scope, QVector<SetGradesCommand::Change>{{ownerId, grade}}, text);
}

} // namespace tessera
