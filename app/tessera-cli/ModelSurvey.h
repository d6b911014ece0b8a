#pragma once

// What `tessera-cli models` tells about a diffusers model folder, read from its JSON configs and
// safetensors headers only (no weights are loaded, nothing is unpickled).

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace tessera::cli {

struct ModelSummary
{
    QString name;           //!< the folder's name
    QString path;           //!< absolute folder path
    QString family;         //!< "SD 1.x", "SD 2.x", "SD 2.x turbo", "latent", "pixel-space"
    int resolution = 0;     //!< native image side: unet sample_size x the VAE's scale factor
    QString prediction;     //!< scheduler prediction_type (epsilon, v_prediction, sample)
    QString precision;      //!< the UNet weights' dtypes, e.g. "F16" or "F32"
    qint64 bytes = 0;       //!< every file of the folder
    QJsonObject toJson() const;
};

//! The model folders (folders with model_index.json) among `folders` and their direct sub-folders,
//! in order, each once. Throws GenerationError "<file>: <problem>" for a model with unreadable configs.
QVector<ModelSummary> surveyModels(const QStringList& folders);
//! One model folder.
ModelSummary describeModel(const QString& folder);

} // namespace tessera::cli
