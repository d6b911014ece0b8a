#include "tessera/ui/EditHistory.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/CatalogCommand.h"

#include <QUndoStack>

namespace tessera {

namespace {

// Adapts a CatalogCommand to QUndoStack. QUndoStack::push() calls redo() at once, but the
// command has already been applied by EditHistory::execute(), so the first redo() is skipped.
// Undo/redo failures (disk full, file gone) are reported, not thrown through Qt's event loop.
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
        run([this] { m_command->redo(m_catalog); });
    }

    void undo() override
    {
        run([this] { m_command->undo(m_catalog); });
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
    void run(Work work)
    {
        try {
            work();
            Q_EMIT m_history.edited();
        } catch (const Error& error) { // a catalog write, or a rule of the module the command runs
            Q_EMIT m_history.errorOccurred(error.message());
        }
    }

    std::unique_ptr<CatalogCommand> m_command;
    Catalog& m_catalog;
    EditHistory& m_history;
    bool m_alreadyApplied = true;
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
