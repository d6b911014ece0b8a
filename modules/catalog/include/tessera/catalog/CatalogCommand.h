#pragma once

#include "tessera/core/Grade.h"

#include <QString>
#include <QVector>
#include <memory>

namespace tessera {

class Catalog;

//! An undoable edit of a catalog: the studio wraps these in QUndoCommands, the CLI runs redo()
//! once. Each redo()/undo() is one catalog transaction, so an interrupted edit never half-lands.
class CatalogCommand
{
public:
    virtual ~CatalogCommand() = default;
    //! What the edit does, for the Edit menu and the history panel ("Set cell exposure to +0.5").
    virtual QString text() const = 0;
    virtual void redo(Catalog& catalog) = 0;
    virtual void undo(Catalog& catalog) = 0;
    //! Edits with the same id (not -1) may merge into one undo step, e.g. keystrokes in one field.
    virtual int mergeId() const { return -1; }
    //! Absorbs next, an edit already applied after this one; true when this step now covers both.
    virtual bool mergeWith(const CatalogCommand& next)
    {
        Q_UNUSED(next);
        return false;
    }
};

//! Sets the grades of several owners of one scope at once (one undo step), remembering the
//! grades they had. Match-exposure uses it for a whole grid.
class SetGradesCommand : public CatalogCommand
{
public:
    struct Change
    {
        qint64 ownerId = 0; //!< 0 for the project scope
        Grade grade;
    };

    SetGradesCommand(GradeScope scope, QVector<Change> changes, QString text);

    QString text() const override { return m_text; }
    void redo(Catalog& catalog) override;
    void undo(Catalog& catalog) override;

private:
    GradeScope m_scope;
    QVector<Change> m_changes;
    QVector<Change> m_previous;
    QString m_text;
};

//! One grade at one scope, named for the user: "Set segment 3 exposure to +0.50 stops".
std::unique_ptr<SetGradesCommand> makeSetGradeCommand(GradeScope scope, qint64 ownerId, const Grade& grade);

} // namespace tessera
