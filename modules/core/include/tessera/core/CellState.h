#pragma once

#include <QString>
#include <optional>

namespace tessera {

//! Where a grid cell stands in the artist's workflow.
enum class CellState {
    Empty,      //!< nothing generated yet
    Queued,     //!< waiting in a generation job
    Generating, //!< being generated right now
    Done,       //!< has an active version
    Rejected,   //!< the artist marked it bad; will be regenerated
    Locked,     //!< the artist approved it; regeneration leaves it alone
};

//! Stable lower-case names, as stored in the catalog and printed by the CLI.
QString cellStateName(CellState state);
std::optional<CellState> cellStateFromName(const QString& name);

//! Done and Locked cells must show an image, so they need an active version.
inline bool cellStateNeedsVersion(CellState state)
{
    return state == CellState::Done || state == CellState::Locked;
}

} // namespace tessera
