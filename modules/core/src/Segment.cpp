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

QJsonArray Segment::wordsToJson(const QVector<TimedWord>& words)
{
    QJsonArray json;
    for (const TimedWord& word : words)
        json.append(QJsonObject{{QStringLiteral("t"), word.startMs}, {QStringLiteral("w"), word.text}});
    return json;
}

QVector<TimedWord> Segment::wordsFromJson(const QJsonArray& json)
{
    QVector<TimedWord> words;
    words.reserve(json.size());
    for (const QJsonValue& value : json) {
        const QJsonObject object = value.toObject();
        words.append({qint64(object.value(QStringLiteral("t")).toDouble()), object.value(QStringLiteral("w")).toString()});
    }
    return words;
}

} // namespace tessera
