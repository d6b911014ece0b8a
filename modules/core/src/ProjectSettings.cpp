#include "tessera/core/ProjectSettings.h"

#include <QFileInfo>
#include <QJsonArray>

#include <cmath>

namespace tessera {

namespace {

const QString kLorasKey = QStringLiteral("loras");
const QString kEmbeddingsKey = QStringLiteral("embeddings");
const QString kFileKey = QStringLiteral("file");
const QString kStrengthKey = QStringLiteral("strength");
const QString kTokenKey = QStringLiteral("token");

} // namespace

QString ProjectLora::name() const
{
    return QFileInfo(file).completeBaseName();
}

const ProjectLora* ProjectSettings::loraNamed(const QString& term) const
{
    const QString wanted = term.trimmed();
    if (wanted.isEmpty())
        return nullptr;
    for (const ProjectLora& lora : loras) {
        if (lora.file == wanted || lora.name() == wanted)
            return &lora;
    }
    return nullptr;
}

QJsonObject ProjectSettings::addOnsJson() const
{
    QJsonArray loraList;
    for (const ProjectLora& lora : loras)
        loraList.append(QJsonObject{{kFileKey, lora.file}, {kStrengthKey, lora.strength}});
    QJsonArray embeddingList;
    for (const ProjectEmbedding& embedding : embeddings)
        embeddingList.append(QJsonObject{{kFileKey, embedding.file}, {kTokenKey, embedding.token}});
    return QJsonObject{{kLorasKey, loraList}, {kEmbeddingsKey, embeddingList}};
}

bool ProjectSettings::readAddOnsJson(const QJsonObject& json, QString* error)
{
    const auto fail = [error](const QString& reason) {
        if (error)
            *error = reason;
        return false;
    };
    QVector<ProjectLora> readLoras;
    for (const QJsonValue& value : json.value(kLorasKey).toArray()) {
        const QJsonObject entry = value.toObject();
        const QJsonValue strength = entry.value(kStrengthKey);
        if (!strength.isUndefined() && !strength.isDouble())
            return fail(QStringLiteral("a LoRA's strength is not a number"));
        readLoras.append({entry.value(kFileKey).toString(), strength.toDouble(1.0)});
    }
    QVector<ProjectEmbedding> readEmbeddings;
    for (const QJsonValue& value : json.value(kEmbeddingsKey).toArray()) {
        const QJsonObject entry = value.toObject();
        readEmbeddings.append({entry.value(kFileKey).toString(), entry.value(kTokenKey).toString()});
    }
    loras = readLoras;
    embeddings = readEmbeddings;
    return true;
}

QString ProjectSettings::validationError() const
{
    if (!frameRate.isValid())
        return QStringLiteral("frame rate %1 is not positive").arg(frameRate.toString());
    if (frameRate.fps() > 240.0)
        return QStringLiteral("frame rate %1 is above 240 fps").arg(frameRate.toString());
    if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0)
        return QStringLiteral("frame size %1x%2 must be positive and even").arg(width).arg(height);
    if (width > 7680 || height > 4320)
        return QStringLiteral("frame size %1x%2 is larger than 7680x4320").arg(width).arg(height);
    for (qsizetype i = 0; i < loras.size(); ++i) {
        const ProjectLora& lora = loras[i];
        if (lora.file.trimmed().isEmpty())
            return QStringLiteral("a LoRA names no file");
        if (!std::isfinite(lora.strength) || std::abs(lora.strength) > ProjectLora::kMaxStrength)
            return QStringLiteral("the LoRA %1 has strength %2 (from -%3 to %3)").arg(lora.file).arg(lora.strength).arg(ProjectLora::kMaxStrength);
        for (qsizetype j = 0; j < i; ++j) {
            if (loras[j].file == lora.file)
                return QStringLiteral("the LoRA %1 is listed twice").arg(lora.file);
        }
    }
    for (qsizetype i = 0; i < embeddings.size(); ++i) {
        const ProjectEmbedding& embedding = embeddings[i];
        if (embedding.file.trimmed().isEmpty())
            return QStringLiteral("an embedding names no file");
        if (embedding.token.trimmed().isEmpty())
            return QStringLiteral("the embedding %1 has no token").arg(embedding.file);
        for (qsizetype j = 0; j < i; ++j) {
            if (embeddings[j].file == embedding.file)
                return QStringLiteral("the embedding %1 is listed twice").arg(embedding.file);
            if (embeddings[j].token == embedding.token)
                return QStringLiteral("two embeddings use the token %1").arg(embedding.token);
        }
    }
    return {};
}

QJsonObject ProjectSettings::toJson() const
{
    const QJsonObject addOns = addOnsJson();
    return QJsonObject{
        {QStringLiteral("name"), name},
        {QStringLiteral("fps"), frameRate.toString()},
        {QStringLiteral("width"), width},
        {QStringLiteral("height"), height},
        {QStringLiteral("audioPath"), audioPath},
        {QStringLiteral("audioHash"), audioHash},
        {QStringLiteral("color"), QJsonObject{
            {QStringLiteral("ocioConfig"), color.ocioConfig},
            {QStringLiteral("workingSpace"), color.workingSpace},
            {QStringLiteral("display"), color.display},
            {QStringLiteral("view"), color.view},
        }},
        {QStringLiteral("model"), model},
        {QStringLiteral("stylePrompt"), stylePrompt},
        {QStringLiteral("negativePrompt"), negativePrompt},
        {kLorasKey, addOns.value(kLorasKey)},
        {kEmbeddingsKey, addOns.value(kEmbeddingsKey)},
    };
}

bool operator==(const ProjectSettings& a, const ProjectSettings& b)
{
    return a.name == b.name && a.frameRate == b.frameRate && a.width == b.width
        && a.height == b.height && a.audioPath == b.audioPath && a.audioHash == b.audioHash
        && a.color == b.color && a.model == b.model && a.stylePrompt == b.stylePrompt
        && a.negativePrompt == b.negativePrompt && a.loras == b.loras && a.embeddings == b.embeddings;
}

} // namespace tessera
