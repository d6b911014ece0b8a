#pragma once

#include <QObject>
#include <memory>

class QUndoStack;

namespace tessera {

class Catalog;
class CatalogCommand;

//! The studio's undo history over one project's catalog. Every edit runs here: it is applied
//! (and written to the catalog) first, and only an edit that succeeded enters the QUndoStack, so
//! a failed write never leaves a phantom step behind.
class EditHistory : public QObject
{
    Q_OBJECT
public:
    explicit EditHistory(Catalog& catalog, QObject* parent = nullptr);
    ~EditHistory() override;

    QUndoStack* stack() const { return m_stack; }

    //! Applies command to the catalog and records it; false (and errorOccurred) on failure.
    bool execute(std::unique_ptr<CatalogCommand> command);

Q_SIGNALS:
    //! The catalog changed through an edit, an undo or a redo.
    void edited();
    void errorOccurred(const QString& message);

private:
    Catalog& m_catalog;
    QUndoStack* m_stack = nullptr;
};

} // namespace tessera
