#pragma once

// What `tessera-cli models` and the studio's model picker tell about the models in some folders:
// diffusers model folders and single-file .safetensors checkpoints (original "ldm" naming), read
// from JSON configs and safetensors headers only (no weights are loaded, nothing is unpickled).

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace tessera {

struct ModelSummary
{
    QString name;           //!< the folder's or file's name
    QString path;           //!< absolute folder or file path
    QString family;         //!< "SD 1.x", "SD 2.x", "SD 2.x turbo", "latent", "pixel-space"
    int resolution = 0;     //!< native image side: unet sample_size x the VAE's scale factor
    QString prediction;     //!< scheduler prediction_type (epsilon, v_prediction, sample)
    QString precision;      //!< the UNet weights' dtypes, e.g. "F16" or "F32"
    qint64 bytes = 0;       //!< every file of the folder, or the single file's size
    //! For a single-file checkpoint: the bundled family whose configs it is loaded with ("sd15",
    //! "sd21", "sd-turbo", "sdxl", "sdxl-turbo", or $TESSERA_MODEL_FAMILY); empty for a folder.
    QString familyConfig;
    //! Why the model cannot be used ("<file>: <problem>"): a pickle checkpoint, a broken header or
    //! config, an unknown family. Empty for a usable model; the other fields may then be empty.
    QString problem;

    bool isSingleFile() const { return !familyConfig.isEmpty(); }
    bool isUsable() const { return problem.isEmpty(); }
    //! The JSON `tessera-cli models --json` prints: name, path, family, resolution, prediction,
    //! precision, bytes; plus "checkpoint" (its family config) for a single file and "problem"
    //! for a refused entry.
    QJsonObject toJson() const;
};

//! A LoRA or textual-inversion embedding found beside the models, told from its header alone.
struct AddOnSummary
{
    QString name;
    QString path;
    QString kind;           //!< "lora" (kohya format) or "embedding" (A1111 / SDXL / diffusers)
    //! The models it fits: "SD 1.x", "SD 2.x", "SDXL", or "latent" (another width, e.g. a tiny
    //! test model), from the widths it was trained for
    QString family;
    int contextWidth = 0;   //!< the text width it was made for (a model's cross_attention_dim)
    int size = 0;           //!< a LoRA's rank, an embedding's vectors
    qint64 bytes = 0;
    QString problem;        //!< why it cannot be used (a LyCORIS file, a broken header); else empty
    //! name, path, kind, family, contextWidth, rank or vectors, bytes (and problem)
    QJsonObject toJson() const;
};

//! The LoRAs and embeddings among `folders` and their direct entries (other files are skipped).
QVector<AddOnSummary> surveyAddOns(const QStringList& folders);

//! The models among `folders` and their direct entries, in order, each once: folders with
//! model_index.json, .safetensors files that hold an LDM UNet (model.diffusion_model.*), and
//! pickle checkpoints (.ckpt, .bin, .pt, .pth), which are listed refused and never opened. Other
//! .safetensors (LoRAs, VAEs, embeddings) and other files are skipped. A model that cannot be
//! read is listed with its problem instead of failing the survey.
QVector<ModelSummary> surveyModels(const QStringList& folders);
//! One model folder or single-file checkpoint; throws GenerationError "<file>: <problem>" when it
//! cannot be described (the survey catches it into ModelSummary::problem).
ModelSummary describeModel(const QString& path);

} // namespace tessera
