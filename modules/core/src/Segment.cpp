#include "tessera/core/Segment.h"

namespace tessera {

QString cellBlendName(CellBlend blend)
{
    return blend == CellBlend::Morph ? QStringLiteral("morph") : QStringLiteral("dissolve");
}

std::optional<CellBlend> cellBlendFromName(const QString& name)
{
    for (const CellBlend blend : {CellBlend::Dissolve, CellBlend::Morph})
        if (name == cellBlendName(blend))
            return blend;
    return std::nullopt;
}

QJsonObject Transition::toJson() const
{
    return QJsonObject{
        {QStringLiteral("crossfadeMs"), crossfadeMs},
        {QStringLiteral("alignToBeat"), alignToBeat},
        {QStringLiteral("cellBlend"), cellBlendName(cellBlend)},
    };
}

Transition Transition::fromJson(const QJsonObject& json)
{
    Transition transition;
    transition.crossfadeMs = qMax(0, json.value(QStringLiteral("crossfadeMs")).toInt(transition.crossfadeMs));
    transition.alignToBeat = json.value(QStringLiteral("alignToBeat")).toBool(transition.alignToBeat);
    // A project from before morphs keeps the frames it had: absent means the dissolve.
    transition.cellBlend = cellBlendFromName(json.value(QStringLiteral("cellBlend")).toString()).value_or(CellBlend::Dissolve);
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
