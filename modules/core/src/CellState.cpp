#include "tessera/core/CellState.h"

#include "tessera/core/EnumNames.h"

namespace tessera {

namespace {
constexpr EnumNames<CellState, 6> kNames{{{
    {CellState::Empty, "empty"},
    {CellState::Queued, "queued"},
    {CellState::Generating, "generating"},
    {CellState::Done, "done"},
    {CellState::Rejected, "rejected"},
    {CellState::Locked, "locked"},
}}};
} // namespace

QString cellStateName(CellState state) { return kNames.name(state); }
std::optional<CellState> cellStateFromName(const QString& name) { return kNames.value(name); }

} // namespace tessera
