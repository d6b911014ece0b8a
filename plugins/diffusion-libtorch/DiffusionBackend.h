#pragma once

#include "tessera/generation/GeneratorBackend.h"

#include <QHash>
#include <QPair>
#include <QSet>

#include <memory>

namespace tessera {

class DiffusionPipeline;

//! A GeneratorBackend over DiffusionPipeline: recipes become GenerationRequests, one batched
//! generateBatch() call per generate(), RGB results become PNG.
class DiffusionBackend : public GeneratorBackend
{
public:
    DiffusionBackend();
    ~DiffusionBackend() override;

    QString name() const override;
    void load(const QString& modelFolder) override;
    void preferPrecision(const QString& precision) override;
    QString modelHash() const override;
    int nativeWidth() const override;
    int nativeHeight() const override;
    int preferredBatchSize() const override;
    QVector<GeneratedImage> generate(const QVector<QJsonObject>& recipes, const GeneratorProgress& progress,
        const std::atomic<bool>* cancel) override;

private:
    const DiffusionPipeline& pipeline() const;
    //! The pipeline at the precision the recipes ask for: loaded again, weights converted once,
    //! when it differs from the one in use. Every recipe of a batch must ask for the same.
    const DiffusionPipeline& pipelineFor(const QVector<QJsonObject>& recipes);
    void loadPipeline(const QString& modelFolder, int precision);
    //! Adds the batch's embeddings (a different set reloads the model: tokens cannot be taken
    //! back) and any LoRA not yet added, each checked against the hash its recipe recorded.
    void addModelAddOns(const QVector<QJsonObject>& recipes);
    //! Throws GenerationError when the file's contents no longer have the recipe's hash.
    void checkHash(const QString& file, const QString& sha256);

    std::unique_ptr<DiffusionPipeline> m_pipeline;
    QString m_folder;
    QString m_preferredPrecision; // empty: float32
    QString m_modelHash;
    QString m_embeddings;     // the loaded pipeline's embeddings ("file\ttoken" lines)
    QSet<QString> m_loras;    // the LoRA files added to the loaded pipeline
    QHash<QString, QPair<QString, QString>> m_fileHashes; // file -> (size and time, sha256)
};

} // namespace tessera
