#pragma once

#include <QString>
#include <QStringList>
#include <array>
#include <optional>
#include <utility>

namespace tessera {

//! A fixed table between an enum and the stable text names stored in catalogs, JSON and on
//! command lines: the one enum<->name helper of the modules (tlRender's FTK_ENUM is the model).
//! A module keeps one constexpr table per enum in its source and writes its name/fromName
//! functions as one-liners over it, e.g.
//!     constexpr EnumNames<CellState, 2> kNames{{{{CellState::Empty, "empty"}, {CellState::Done, "done"}}}};
//!     QString cellStateName(CellState state) { return kNames.name(state); }
template <typename Enum, std::size_t N>
struct EnumNames
{
    std::array<std::pair<Enum, const char*>, N> entries;

    QString name(Enum value) const
    {
        for (const auto& [entry, text] : entries) {
            if (entry == value)
                return QString::fromLatin1(text);
        }
        return {};
    }

    std::optional<Enum> value(const QString& name) const
    {
        for (const auto& [entry, text] : entries) {
            if (name == QLatin1String(text))
                return entry;
        }
        return std::nullopt;
    }

    //! Every name, in the table's order (for usage messages and combo boxes).
    QStringList names() const
    {
        QStringList list;
        for (const auto& entry : entries)
            list.append(QString::fromLatin1(entry.second));
        return list;
    }
};

} // namespace tessera
