#include "tessera/core/Grade.h"

#include "EnumNames.h"

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

} // namespace tessera
