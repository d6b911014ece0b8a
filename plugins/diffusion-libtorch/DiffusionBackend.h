#pragma once

#include "tessera/generation/GeneratorBackend.h"

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

    std::unique_ptr<DiffusionPipeline> m_pipeline;
    QString m_folder;
    QString m_preferredPrecision; // empty: float32
    QString m_modelHash;
};

} // namespace tessera
