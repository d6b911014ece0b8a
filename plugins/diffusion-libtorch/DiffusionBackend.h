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
    QString modelHash() const override;
    int nativeWidth() const override;
    int nativeHeight() const override;
    int preferredBatchSize() const override;
    QVector<GeneratedImage> generate(const QVector<QJsonObject>& recipes, const GeneratorProgress& progress,
        const std::atomic<bool>* cancel) override;

private:
    const DiffusionPipeline& pipeline() const;

    std::unique_ptr<DiffusionPipeline> m_pipeline;
    QString m_folder;
    QString m_modelHash;
};

} // namespace tessera
