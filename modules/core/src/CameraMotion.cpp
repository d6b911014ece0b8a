#include "tessera/core/CameraMotion.h"

#include "tessera/core/AxisSpec.h"
#include "tessera/core/EnumNames.h"

#include <QJsonArray>

#include <algorithm>

namespace tessera {

namespace {
constexpr EnumNames<CameraMoveKind, 5> kMoveNames{{{
    {CameraMoveKind::Zoom, "zoom"},
    {CameraMoveKind::Shake, "shake"},
    {CameraMoveKind::Rotate, "rotate"},
    {CameraMoveKind::PanX, "pan-x"},
    {CameraMoveKind::PanY, "pan-y"},
}}};
} // namespace

QString cameraMoveKindName(CameraMoveKind kind)
{
    return kMoveNames.name(kind);
}

std::optional<CameraMoveKind> cameraMoveKindFromName(const QString& name)
{
    return kMoveNames.value(name);
}

bool CameraMotion::isStill() const
{
    return std::none_of(moves.begin(), moves.end(), [](const CameraMove& move) { return move.isActive(); });
}

const CameraMove* CameraMotion::move(CameraMoveKind kind) const
{
    const auto found = std::find_if(moves.begin(), moves.end(), [kind](const CameraMove& move) { return move.kind == kind; });
    return found == moves.end() ? nullptr : &*found;
}

void CameraMotion::setMove(const CameraMove& move)
{
    moves.erase(std::remove_if(moves.begin(), moves.end(), [&](const CameraMove& other) { return other.kind == move.kind; }), moves.end());
    if (!move.isActive())
        return;
    // Kept in the kinds' order, so equal cameras compare and store equal.
    const auto at = std::find_if(moves.begin(), moves.end(), [&](const CameraMove& other) { return other.kind > move.kind; });
    moves.insert(at, move);
}

QJsonObject CameraMotion::toJson() const
{
    QJsonArray list;
    for (const CameraMove& move : moves) {
        QJsonObject json = move.axis.toJson();
        json.remove(QStringLiteral("variation"));
        json.remove(QStringLiteral("term"));
        json.insert(QStringLiteral("kind"), cameraMoveKindName(move.kind));
        list.append(json);
    }
    return list.isEmpty() ? QJsonObject{} : QJsonObject{{QStringLiteral("moves"), list}};
}

std::optional<CameraMotion> CameraMotion::fromJson(const QJsonObject& json, QString* error)
{
    CameraMotion camera;
    for (const QJsonValue& value : json.value(QStringLiteral("moves")).toArray()) {
        const QJsonObject object = value.toObject();
        const auto kind = cameraMoveKindFromName(object.value(QStringLiteral("kind")).toString());
        if (!kind) {
            if (error)
                *error = QStringLiteral("unknown camera move \"%1\"").arg(object.value(QStringLiteral("kind")).toString());
            return std::nullopt;
        }
        QJsonObject axisJson = object;
        axisJson.insert(QStringLiteral("variation"), axisVariationName(AxisVariation::TermWeight));
        const auto axis = AxisDefinition::fromJson(axisJson, error);
        if (!axis)
            return std::nullopt;
        camera.setMove({*kind, *axis});
    }
    return camera;
}

std::optional<CameraMove> parseCameraMoveSpec(const QString& spec, QString* error)
{
    const auto fail = [error](const QString& reason) -> std::optional<CameraMove> {
        if (error)
            *error = reason;
        return std::nullopt;
    };
    const QStringList parts = spec.trimmed().split(QLatin1Char(':'));
    const auto kind = cameraMoveKindFromName(parts.value(0).trimmed().toLower());
    if (!kind)
        return fail(QStringLiteral("unknown camera move \"%1\"; write zoom, shake, rotate, pan-x or pan-y").arg(parts.value(0)));
    if (parts.size() == 2 && parts[1].trimmed() == QLatin1String("none")) {
        CameraMove none{*kind, AxisDefinition{}};
        none.axis.to = 0.0; // from 0 to 0: inactive
        return none;
    }
    if (parts.size() < 3)
        return fail(QStringLiteral("a camera move is KIND:FROM:TO[:OPTION]..., e.g. zoom:0:0.15:feature=onset"));
    // FROM:TO and the options are an axis's (AxisSpec.h), read by the axes' own parser as the
    // unbounded range of a term weight.
    const QString kTerm = QStringLiteral("term:camera");
    QString axisError;
    const auto axis = parseAxisSpec(kTerm + QLatin1Char(':') + QStringList(parts.mid(1)).join(QLatin1Char(':')), &axisError);
    if (!axis) {
        if (axisError.startsWith(QStringLiteral("term ")))
            axisError = cameraMoveKindName(*kind) + axisError.mid(4);
        return fail(axisError.replace(QStringLiteral("TERM:"), QString()).replace(QStringLiteral("storm:"), QString()));
    }
    CameraMove move{*kind, *axis};
    move.axis.term.clear();
    return move;
}

QString cameraMoveSpecText(const CameraMove& move)
{
    AxisDefinition axis = move.axis;
    axis.variation = AxisVariation::TermWeight;
    axis.term = QStringLiteral("camera");
    // "term:camera:FROM:TO[:options]" -> "KIND:FROM:TO[:options]"
    return cameraMoveKindName(move.kind) + axisSpecText(axis).mid(QStringLiteral("term:camera").size());
}

} // namespace tessera
