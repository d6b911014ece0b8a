#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QVector>
#include <QtPlugin>

#include <atomic>
#include <functional>
#include <memory>

namespace tessera {

//! One image a back-end made from one cell recipe.
struct GeneratedImage
{
    QByteArray png;          //!< PNG-encoded RGB image
    int width = 0;
    int height = 0;
    qint64 generationMs = 0; //!< this image's share of the batch's wall time
    //! Recipe values the back-end chose itself (e.g. the model's sampler when the recipe named
    //! none), merged into the stored recipe so it stays complete.
    QJsonObject resolved;
    //! When the recipe sets floatOutput: the image before 8-bit quantisation, float32 [H, W, 3]
    //! in [0, 1], native byte order (what diffusers returns with output_type "np").
    QByteArray floatRgb;
};

//! Progress of one generate() call: sampler steps done of the total.
using GeneratorProgress = std::function<void(int done, int total)>;

//! A loaded image generator (one model). Made by a GeneratorPlugin; used from one thread.
//! Errors are GenerationError ("<file>: <problem>"); a cancelled call throws GeneratorCancelled.
class GeneratorBackend
{
public:
    virtual ~GeneratorBackend() = default;

    //! The plugin's backendName(), recorded in recipes.
    virtual QString name() const = 0;
    //! Loads the model folder once (e.g. a diffusers folder); throws GenerationError.
    virtual void load(const QString& modelFolder) = 0;
    //! The precision (a recipe's "precision" name, empty for float32) that the coming batches will
    //! ask for: a back-end that converts its weights at load converts them for it in the next
    //! load() instead of loading twice. Recipes still decide; a batch that asks for another one
    //! gets it.
    virtual void preferPrecision(const QString& precision) { Q_UNUSED(precision) }
    //! A stable identity of the loaded model's files, stored in every recipe.
    virtual QString modelHash() const = 0;
    //! The size images get when a recipe gives width/height 0.
    virtual int nativeWidth() const = 0;
    virtual int nativeHeight() const = 0;
    //! How many recipes one generate() call should take for best throughput (1: no batching).
    virtual int preferredBatchSize() const = 0;
    //! Generates one image per recipe (the keys of CellRecipe.h), in order. Recipes of one call
    //! must share size, steps and sampler. cancel is polled between steps.
    virtual QVector<GeneratedImage> generate(const QVector<QJsonObject>& recipes,
        const GeneratorProgress& progress = {}, const std::atomic<bool>* cancel = nullptr) = 0;
};

//! The Qt plugin interface a back-end library implements: a factory of GeneratorBackends, so
//! that several models can be loaded at once from one plugin instance.
class GeneratorPlugin
{
public:
    virtual ~GeneratorPlugin() = default;
    //! Short stable name, e.g. "diffusion-libtorch"; recorded in recipes.
    virtual QString backendName() const = 0;
    virtual std::unique_ptr<GeneratorBackend> createBackend() const = 0;
};

} // namespace tessera

#define TesseraGeneratorPlugin_iid "org.tessera.GeneratorPlugin/1.0"
Q_DECLARE_INTERFACE(tessera::GeneratorPlugin, TesseraGeneratorPlugin_iid)
