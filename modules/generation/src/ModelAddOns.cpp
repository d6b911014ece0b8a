#include "tessera/generation/ModelAddOns.h"

#include "tessera/core/FileHash.h"
#include "tessera/generation/GenerationError.h"

#include <QFileInfo>

#include <cmath>

namespace tessera {

namespace {

//! FILE or FILE:SUFFIX: the whole text when it names an existing file, else split at the last ':'.
std::pair<QString, QString> splitFileArgument(const QString& text)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    if (QFileInfo::exists(text) || colon <= 0)
        return {text, {}};
    return {text.left(colon), text.mid(colon + 1)};
}

QString hashOf(const QString& file)
{
    QString error;
    const auto hash = sha256OfFile(file, &error);
    if (!hash)
        throw GenerationError(file, error);
    return *hash;
}

QJsonArray entriesOf(const QJsonObject& recipe, const QString& key)
{
    const QJsonValue value = recipe.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isArray())
        throw GenerationError({}, QStringLiteral("the recipe's \"%1\" is not a list").arg(key));
    return value.toArray();
}

QString fileOf(const QJsonValue& entry, const QString& key)
{
    const QString file = entry.toObject().value(QStringLiteral("file")).toString();
    if (file.isEmpty())
        throw GenerationError({}, QStringLiteral("an entry of the recipe's \"%1\" names no file").arg(key));
    return file;
}

} // namespace

std::optional<LoraChoice> parseLoraArgument(const QString& text, QString* error)
{
    auto [file, suffix] = splitFileArgument(text);
    LoraChoice choice{QFileInfo(file).absoluteFilePath(), 1.0, {}};
    if (!suffix.isEmpty()) {
        bool ok = false;
        choice.scale = suffix.toDouble(&ok);
        if (!ok || !std::isfinite(choice.scale) || std::abs(choice.scale) > 10) {
            *error = QStringLiteral("'%1': the LoRA strength after ':' must be a number from -10 to 10").arg(text);
            return std::nullopt;
        }
    }
    if (!QFileInfo(file).isFile()) {
        *error = QStringLiteral("%1: no such LoRA file").arg(file);
        return std::nullopt;
    }
    return choice;
}

std::optional<EmbeddingChoice> parseEmbeddingArgument(const QString& text, QString* error)
{
    auto [file, token] = splitFileArgument(text);
    if (!QFileInfo(file).isFile()) {
        *error = QStringLiteral("%1: no such embedding file").arg(file);
        return std::nullopt;
    }
    const QFileInfo info(file);
    return EmbeddingChoice{info.absoluteFilePath(), token.isEmpty() ? info.completeBaseName() : token, {}};
}

QJsonArray lorasJson(const QVector<LoraChoice>& loras)
{
    QJsonArray entries;
    for (const LoraChoice& lora : loras) {
        entries.append(QJsonObject{{QStringLiteral("file"), lora.file},
                                   {QStringLiteral("sha256"), lora.sha256.isEmpty() ? hashOf(lora.file) : lora.sha256},
                                   {QStringLiteral("scale"), lora.scale}});
    }
    return entries;
}

QJsonArray embeddingsJson(const QVector<EmbeddingChoice>& embeddings)
{
    QJsonArray entries;
    for (const EmbeddingChoice& embedding : embeddings) {
        entries.append(QJsonObject{
            {QStringLiteral("file"), embedding.file},
            {QStringLiteral("sha256"), embedding.sha256.isEmpty() ? hashOf(embedding.file) : embedding.sha256},
            {QStringLiteral("token"), embedding.token}});
    }
    return entries;
}

QVector<LoraChoice> lorasOf(const QJsonObject& recipe)
{
    QVector<LoraChoice> loras;
    for (const QJsonValue& entry : entriesOf(recipe, recipe::kLoras)) {
        const QJsonObject object = entry.toObject();
        const QJsonValue scale = object.value(QStringLiteral("scale"));
        if (!scale.isUndefined() && !scale.isDouble())
            throw GenerationError(fileOf(entry, recipe::kLoras), QStringLiteral("the recipe's LoRA scale is not a number"));
        loras.append({fileOf(entry, recipe::kLoras), scale.toDouble(1.0),
                      object.value(QStringLiteral("sha256")).toString()});
    }
    return loras;
}

QVector<EmbeddingChoice> embeddingsOf(const QJsonObject& recipe)
{
    QVector<EmbeddingChoice> embeddings;
    for (const QJsonValue& entry : entriesOf(recipe, recipe::kEmbeddings)) {
        const QString file = fileOf(entry, recipe::kEmbeddings);
        const QJsonObject object = entry.toObject();
        const QString token = object.value(QStringLiteral("token")).toString(QFileInfo(file).completeBaseName());
        embeddings.append({file, token, object.value(QStringLiteral("sha256")).toString()});
    }
    return embeddings;
}

} // namespace tessera
