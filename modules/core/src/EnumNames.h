#pragma once

#include <QString>
#include <array>
#include <optional>
#include <utility>

namespace tessera {

//! A fixed table between an enum and the stable text names stored in catalogs and JSON.
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
};

} // namespace tessera
