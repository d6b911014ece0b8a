#include "tessera/core/Segment.h"

#include "tessera/core/EnumNames.h"

namespace tessera {

namespace {
constexpr EnumNames<CellBlend, 2> kBlendNames{{{{CellBlend::Dissolve, "dissolve"}, {CellBlend::Morph, "morph"}}}};
} // namespace

QString cellBlendName(CellBlend blend)
{
    return kBlendNames.name(blend);
}

std::optional<CellBlend> cellBlendFromName(const QString& name)
{
    return kBlendNames.value(name);
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
