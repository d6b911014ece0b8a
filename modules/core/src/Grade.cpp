#include "tessera/core/Grade.h"

#include "tessera/core/EnumNames.h"

namespace tessera {

namespace {
constexpr EnumNames<GradeScope, 3> kNames{{{
    {GradeScope::Project, "project"},
    {GradeScope::Segment, "segment"},
    {GradeScope::Cell, "cell"},
}}};
} // namespace

QString gradeScopeName(GradeScope scope) { return kNames.name(scope); }
std::optional<GradeScope> gradeScopeFromName(const QString& name) { return kNames.value(name); }

QString formatStops(double stops)
{
    // Rounding first keeps "-0.00" (a tiny negative) from showing as a negative zero.
    const QString digits = QString::number(stops, 'f', 2);
    const bool negative = digits.startsWith(QLatin1Char('-')) && digits != QStringLiteral("-0.00");
    return negative ? digits : QStringLiteral("+") + QString(digits).remove(QLatin1Char('-'));
}

} // namespace tessera
