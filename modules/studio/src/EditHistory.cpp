#include "tessera/studio/EditHistory.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/CatalogCommand.h"

#include <QTimer>
#include <QUndoStack>

namespace tessera {

namespace {

// Adapts a CatalogCommand to QUndoStack. QUndoStack::push() calls redo() at once, but the
// command has already been applied by EditHistory::execute(), so the first redo() is skipped.
// Undo/redo failures (disk full, file gone, an undo that would delete new work) are reported,
// not thrown through Qt's event loop, and the stack goes back to the step the catalog is at: an
// undo that changed nothing leaves the step undoable, a redo that changed nothing redoable.
class UndoStep : public QUndoCommand
{
public:
    UndoStep(std::unique_ptr<CatalogCommand> command, Catalog& catalog, EditHistory& history)
        : m_command(std::move(command))
        , m_catalog(catalog)
        , m_history(history)
    {
        setText(m_command->text());
    }

    void redo() override
    {
        if (m_alreadyApplied) {
            m_alreadyApplied = false;
            return;
        }
        if (!run([this] { m_command->redo(m_catalog); })) {
            m_alreadyUndone = true;
            QTimer::singleShot(0, m_history.stack(), [stack = m_history.stack()] { stack->undo(); });
        }
    }

    void undo() override
    {
        if (m_alreadyUndone) {
            m_alreadyUndone = false;
            return;
        }
        if (!run([this] { m_command->undo(m_catalog); })) {
            m_alreadyApplied = true;
            QTimer::singleShot(0, m_history.stack(), [stack = m_history.stack()] { stack->redo(); });
        }
    }

    // Merging only folds the later edit's record into this step: both are already in the catalog.
    int id() const override { return m_command->mergeId(); }
    bool mergeWith(const QUndoCommand* other) override
    {
        const auto* next = dynamic_cast<const UndoStep*>(other);
        if (!next || !m_command->mergeWith(*next->m_command))
            return false;
        setText(m_command->text());
        return true;
    }

private:
    template <typename Work>
    bool run(Work work)
    {
        try {
            work();
            Q_EMIT m_history.edited();
            return true;
        } catch (const Error& error) { // a catalog write, or a rule of the module the command runs
            Q_EMIT m_history.errorOccurred(error.message());
            return false;
        }
    }

    std::unique_ptr<CatalogCommand> m_command;
    Catalog& m_catalog;
    EditHistory& m_history;
    bool m_alreadyApplied = true; //!< the catalog holds this step: the next redo() only moves the stack
    bool m_alreadyUndone = false;  //!< the catalog lacks this step: the next undo() only moves the stack
};

} // namespace

EditHistory::EditHistory(Catalog& catalog, QObject* parent)
    : QObject(parent)
    , m_catalog(catalog)
    , m_stack(new QUndoStack(this))
{
    m_stack->setUndoLimit(500);
}

EditHistory::~EditHistory() = default;

bool EditHistory::execute(std::unique_ptr<CatalogCommand> command)
{
    try {
        command->redo(m_catalog);
    } catch (const Error& error) {
        Q_EMIT errorOccurred(error.message());
        return false;
    }
    m_stack->push(new UndoStep(std::move(command), m_catalog, *this));
    Q_EMIT edited();
    return true;
}

} // namespace tessera
