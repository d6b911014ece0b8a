#pragma once

#include "tessera/core/Grade.h"

#include <QObject>
#include <QString>

namespace tessera {

class Catalog;
class EditHistory;

//! The grade the viewer panel edits: the stored grade of the selected scope (the project, the
//! selected segment or the selected cell). Every change, match exposure included, is one
//! undoable step through EditHistory, so the preview, the export and the CLI all see it. No widgets.
class GradeModel : public QObject
{
    Q_OBJECT
public:
    GradeModel(Catalog& catalog, EditHistory& history, QObject* parent = nullptr);

    GradeScope scope() const { return m_scope; }
    //! The catalog id the scope's grade belongs to (0 for the project; 0 when nothing is selected).
    qint64 ownerId() const;
    //! Whether the scope has an owner to grade (a segment or cell scope needs a selection).
    bool canEdit() const;
    //! The stored grade of the scope (identity when none is stored).
    Grade grade() const;
    //! Project, segment and cell grades combined for the selected cell (identity without a cell).
    Grade effectiveGrade() const;
    //! "Project", "Segment 3", "Cell 1,2 of segment 3": for labels and undo texts.
    QString scopeLabel() const;
    qint64 segmentId() const { return m_segmentId; }
    qint64 cellId() const { return m_cellId; }

public Q_SLOTS:
    void setScope(tessera::GradeScope scope);
    //! The timeline's selection; 0 clears it.
    void setSegment(qint64 segmentId);
    //! The grid browser's current cell (of the selected segment); 0 clears it.
    void setCell(qint64 cellId);
    //! Stores grade at the scope as one undoable step; false (and errorOccurred) when it failed
    //! or nothing can be graded.
    bool setGrade(const tessera::Grade& grade);
    bool setExposureStops(double stops);
    bool setGamma(double gamma);
    bool setSaturation(double saturation);
    //! Back to the identity grade at the scope (one undoable step).
    bool resetGrade();
    //! Brings every generated cell of the selected segment to the grid's median brightness
    //! (cell exposure grades, one undoable step).
    bool matchExposure();
    //! Re-reads after an edit, an undo or another process's commit.
    void reload();

Q_SIGNALS:
    //! The scope, the selection or the stored grades changed.
    void changed();
    void errorOccurred(const QString& message);
    //! A message for the status bar (what match exposure did).
    void reported(const QString& message);

private:
    int segmentNumber() const;

    Catalog& m_catalog;
    EditHistory& m_history;
    GradeScope m_scope = GradeScope::Segment;
    qint64 m_segmentId = 0;
    qint64 m_cellId = 0;
};

} // namespace tessera
