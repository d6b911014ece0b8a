#include "tessera/core/Segment.h"

namespace tessera {

QJsonObject Transition::toJson() const
{
    return QJsonObject{
        {QStringLiteral("crossfadeMs"), crossfadeMs},
        {QStringLiteral("alignToBeat"), alignToBeat},
    };
}

Transition Transition::fromJson(const QJsonObject& json)
{
    Transition transition;
    transition.crossfadeMs = qMax(0, json.value(QStringLiteral("crossfadeMs")).toInt(transition.crossfadeMs));
    transition.alignToBeat = json.value(QStringLiteral("alignToBeat")).toBool(transition.alignToBeat);
    return transition;
}

} // namespace tessera
