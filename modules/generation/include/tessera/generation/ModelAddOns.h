#pragma once

// LoRAs and textual-inversion embeddings chosen for a recipe: the files, each recorded with its
// content hash (like the model's) so that a recipe says exactly what made its image.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QVector>

#include <optional>

namespace tessera {

namespace recipe {
//! [{"file", "sha256", "scale"}]: kohya LoRAs and their strengths (absent: none)
inline const QString kLoras = QStringLiteral("loras");
//! [{"file", "sha256", "token"}]: textual-inversion embeddings and their prompt tokens
inline const QString kEmbeddings = QStringLiteral("embeddings");
} // namespace recipe

struct LoraChoice
{
    QString file;   //!< absolute path
    double scale = 1.0;
    QString sha256; //!< of the file's contents; empty until hashed
};

struct EmbeddingChoice
{
    QString file;   //!< absolute path
    QString token;  //!< what prompts write to use it
    QString sha256;
};

//! "FILE[:SCALE]" (scale 1 when omitted; a path that exists as given is taken whole); nullopt
//! with *error set for a missing file or a scale that is not a number from -10 to 10.
std::optional<LoraChoice> parseLoraArgument(const QString& text, QString* error);
//! "FILE[:TOKEN]" (the token defaults to the file's name without extension).
std::optional<EmbeddingChoice> parseEmbeddingArgument(const QString& text, QString* error);

//! The recipe entries, hashing each file; throws GenerationError naming a file it cannot read.
QJsonArray lorasJson(const QVector<LoraChoice>& loras);
QJsonArray embeddingsJson(const QVector<EmbeddingChoice>& embeddings);
//! What a recipe's entries say (malformed entries throw GenerationError).
QVector<LoraChoice> lorasOf(const QJsonObject& recipe);
QVector<EmbeddingChoice> embeddingsOf(const QJsonObject& recipe);

} // namespace tessera
