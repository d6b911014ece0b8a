#include "DiffusionBackend.h"

#include "ModelHash.h"

#include "tessera/core/FileHash.h"
#include "tessera/diffusion/DiffusionPipeline.h"
#include "tessera/generation/CellRecipe.h"
#include "tessera/generation/GenerationError.h"
#include "tessera/generation/ModelAddOns.h"

#include <QBuffer>
#include <QDateTime>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>

#include <algorithm>
#include <cstring>
#include <map>

namespace tessera {

namespace {

std::string utf8(const QString& text)
{
    return text.toStdString();
}

std::uint64_t seedOf(const QJsonObject& json, const QString& key)
{
    const qint64 value = json.value(key).toInteger(-1);
    if (value < 0)
        throw GenerationError({}, QStringLiteral("the recipe's %1 is not a seed").arg(key));
    return std::uint64_t(value);
}

GenerationRequest requestFor(const QJsonObject& json)
{
    GenerationRequest request;
    request.prompt = utf8(json.value(recipe::kPrompt).toString());
    if (json.contains(recipe::kNegativePrompt)) // absent: none (see GenerationRequest::negativePrompt)
        request.negativePrompt = utf8(json.value(recipe::kNegativePrompt).toString());
    request.blendPrompt = utf8(json.value(recipe::kBlendPrompt).toString());
    request.blendWeight = json.value(recipe::kBlendWeight).toDouble(0.0);
    request.seed = seedOf(json, recipe::kSeed);
    if (json.contains(recipe::kBlendSeed)) {
        request.blendSeed = seedOf(json, recipe::kBlendSeed);
        request.seedBlend = json.value(recipe::kSeedBlend).toDouble(0.0);
    }
    if (json.contains(recipe::kGuidance))
        request.guidance = json.value(recipe::kGuidance).toDouble();
    request.steps = json.value(recipe::kSteps).toInt(request.steps);
    request.width = json.value(recipe::kWidth).toInt(0);
    request.height = json.value(recipe::kHeight).toInt(0);
    request.clipSkip = json.value(recipe::kClipSkip).toInt(0);
    request.originalWidth = json.value(recipe::kOriginalWidth).toInt(0);
    request.originalHeight = json.value(recipe::kOriginalHeight).toInt(0);
    request.cropTop = json.value(recipe::kCropTop).toInt(0);
    request.cropLeft = json.value(recipe::kCropLeft).toInt(0);
    request.keepFloat = json.value(recipe::kFloatOutput).toBool(false);
    for (const LoraChoice& lora : lorasOf(json))
        request.loraScales[lora.file.toStdString()] = lora.scale;
    const QString initPath = json.value(recipe::kInitImage).toString();
    const QString initPng = json.value(recipe::kInitImagePng).toString();
    if (!initPath.isEmpty() || !initPng.isEmpty()) {
        // a file (tessera-cli sample --init) or the image itself (a grid job's repair blend)
        QImage image = initPath.isEmpty() ? QImage::fromData(QByteArray::fromBase64(initPng.toLatin1())) : QImage(initPath);
        if (image.isNull()) {
            throw GenerationError(initPath, initPath.isEmpty() ? QStringLiteral("the recipe's start image is not a readable image")
                                                               : QStringLiteral("is not a readable image"));
        }
        image = image.convertToFormat(QImage::Format_RGB888);
        if (request.width == 0 && request.height == 0) {
            request.width = image.width();
            request.height = image.height();
        } else if (image.width() != request.width || image.height() != request.height) {
            // diffusers' image processor resizes the start image to the requested size
            image = image.scaled(request.width, request.height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        }
        RgbImage rgb;
        rgb.width = image.width();
        rgb.height = image.height();
        rgb.pixels.resize(std::size_t(rgb.width) * std::size_t(rgb.height) * 3);
        for (int y = 0; y < rgb.height; ++y)
            std::memcpy(rgb.pixels.data() + std::size_t(y) * std::size_t(rgb.width) * 3, image.constScanLine(y),
                        std::size_t(rgb.width) * 3);
        request.initImage = std::move(rgb);
        request.strength = json.value(recipe::kStrength).toDouble(request.strength);
    }
    const QString sampler = json.value(recipe::kSampler).toString();
    if (!sampler.isEmpty()) {
        bool karras = false;
        request.sampler = samplerKindFromShortName(utf8(sampler), &karras);
        request.karras = karras;
    }
    return request;
}

//! The CLI's short name of a sampler, as recipes store it.
QString samplerShortName(SamplerKind kind, bool karras)
{
    switch (kind) {
    case SamplerKind::Ddim:
        return QStringLiteral("ddim");
    case SamplerKind::Pndm:
        return QStringLiteral("pndm");
    case SamplerKind::Euler:
        return QStringLiteral("euler");
    case SamplerKind::EulerAncestral:
        return QStringLiteral("euler_a");
    case SamplerKind::DpmSolverMultistep:
        return karras ? QStringLiteral("dpmpp_2m_karras") : QStringLiteral("dpmpp_2m");
    case SamplerKind::Lcm:
        return QStringLiteral("lcm");
    }
    return {};
}

QByteArray pngOf(const RgbImage& image)
{
    const QImage view(image.pixels.data(), image.width, image.height, image.width * 3, QImage::Format_RGB888);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!view.save(&buffer, "PNG"))
        throw GenerationError({}, QStringLiteral("cannot encode a %1x%2 image as PNG").arg(image.width).arg(image.height));
    return bytes;
}

[[noreturn]] void rethrowAsGenerationError(const DiffusionError& error)
{
    throw GenerationError(QString::fromStdString(error.path()), QString::fromStdString(error.problem()));
}

//! A precision name ("auto", "bf16"...) resolved for `device`; a GenerationError on `folder`
//! ("<context><the engine's reason>") when the name is unknown or the device cannot run it.
ComputePrecision resolvedPrecision(const QString& name, ComputeDevice device, const QString& folder,
                                   const QString& context)
{
    try {
        return resolveComputePrecision(parseComputePrecision(name.toStdString()), device);
    } catch (const DiffusionError& error) {
        throw GenerationError(folder, context + QString::fromStdString(error.what()));
    }
}

//! One engine batch per set of LoRA strengths (the engine merges one set at a time; a grid with a
//! LoRA-strength axis asks for several), the images back in the requests' order.
std::vector<RgbImage> generateByLoraStrengths(const DiffusionPipeline& engine,
                                              const std::vector<GenerationRequest>& requests,
                                              const GeneratorProgress& progress, const std::atomic<bool>* cancel)
{
    std::vector<std::map<std::string, double>> strengths;
    std::vector<std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const auto it = std::find(strengths.begin(), strengths.end(), requests[i].loraScales);
        if (it == strengths.end()) {
            strengths.push_back(requests[i].loraScales);
            groups.push_back({i});
        } else {
            groups[std::size_t(it - strengths.begin())].push_back(i);
        }
    }
    if (groups.size() == 1)
        return engine.generateBatch(requests, progress, cancel);
    std::vector<RgbImage> images(requests.size());
    int stepsBefore = 0;
    const int groupCount = int(groups.size());
    for (const auto& group : groups) {
        std::vector<GenerationRequest> batch;
        for (std::size_t i : group)
            batch.push_back(requests[i]);
        int groupSteps = 0;
        const auto groupImages = engine.generateBatch(batch, [&](int done, int total) {
            groupSteps = total;
            if (progress)
                progress(stepsBefore + done, total * groupCount);
        }, cancel);
        stepsBefore += groupSteps;
        for (std::size_t k = 0; k < group.size(); ++k)
            images[group[k]] = groupImages[k];
    }
    return images;
}

} // namespace

DiffusionBackend::DiffusionBackend() = default;
DiffusionBackend::~DiffusionBackend() = default;

QString DiffusionBackend::name() const
{
    return QStringLiteral("diffusion-libtorch");
}

void DiffusionBackend::preferPrecision(const QString& precision)
{
    m_preferredPrecision = precision;
}

void DiffusionBackend::load(const QString& modelFolder)
{
    // The preferred precision (float32 unless said); a recipe asking for another reloads (pipelineFor).
    const QString name = m_preferredPrecision.isEmpty() ? QStringLiteral("fp32") : m_preferredPrecision;
    loadPipeline(modelFolder, int(resolvedPrecision(name, ComputeDevice::Auto, modelFolder, {})));
}

void DiffusionBackend::loadPipeline(const QString& modelFolder, int precision)
{
    // files go on to the engine, which says why it refuses them (pickle checkpoints, single files)
    if (!QFileInfo::exists(modelFolder))
        throw GenerationError(modelFolder, QStringLiteral("is not a model folder or checkpoint file"));
    try {
        m_pipeline.reset(); // one set of weights in memory at a time
        auto pipeline = std::make_unique<DiffusionPipeline>(QFileInfo(modelFolder).absoluteFilePath().toStdString(),
            ComputeDevice::Auto, std::string(), ComputePrecision(precision));
        m_modelHash = modelFolderHash(modelFolder);
        if (!pipeline->familyFolder().empty()) {
            // a single file's images also depend on the family configs it was loaded with
            const QString family = modelFolderHash(QString::fromStdString(pipeline->familyFolder()));
            m_modelHash = QString::fromLatin1(
                QCryptographicHash::hash((m_modelHash + family).toLatin1(), QCryptographicHash::Sha256).toHex());
        }
        m_pipeline = std::move(pipeline);
        m_folder = modelFolder;
        m_embeddings.clear();
        m_loras.clear();
    } catch (const DiffusionError& error) {
        rethrowAsGenerationError(error);
    }
}

const DiffusionPipeline& DiffusionBackend::pipelineFor(const QVector<QJsonObject>& recipes)
{
    const DiffusionPipeline& loaded = pipeline();
    const QString asked = recipes.constFirst().value(recipe::kPrecision).toString(QStringLiteral("fp32"));
    for (const QJsonObject& recipe : recipes) {
        if (recipe.value(recipe::kPrecision).toString(QStringLiteral("fp32")) != asked)
            throw GenerationError(m_folder, QStringLiteral("one batch asks for two precisions (%1 and %2)")
                                                .arg(asked, recipe.value(recipe::kPrecision).toString(QStringLiteral("fp32"))));
    }
    const ComputePrecision wanted = resolvedPrecision(asked,
        loaded.deviceName() == "cpu" ? ComputeDevice::Cpu : ComputeDevice::Cuda, m_folder,
        QStringLiteral("recipe key \"%1\": ").arg(recipe::kPrecision));
    if (wanted != loaded.precision())
        loadPipeline(m_folder, int(wanted));
    addModelAddOns(recipes);
    return pipeline();
}

void DiffusionBackend::checkHash(const QString& file, const QString& sha256)
{
    if (sha256.isEmpty())
        return;
    const QFileInfo info(file);
    const QString stamp = QStringLiteral("%1 %2").arg(info.size()).arg(info.lastModified().toMSecsSinceEpoch());
    auto cached = m_fileHashes.constFind(file);
    if (cached == m_fileHashes.constEnd() || cached->first != stamp) {
        QString error;
        const auto hash = sha256OfFile(file, &error);
        if (!hash)
            throw GenerationError(file, error);
        cached = m_fileHashes.insert(file, {stamp, *hash});
    }
    if (cached->second != sha256)
        throw GenerationError(file, QStringLiteral("has changed since the recipe was made (its SHA-256 differs)"));
}

void DiffusionBackend::addModelAddOns(const QVector<QJsonObject>& recipes)
{
    const auto embeddingLines = [](const QJsonObject& recipe) {
        QStringList lines;
        for (const EmbeddingChoice& embedding : embeddingsOf(recipe))
            lines.append(embedding.file + QLatin1Char('\t') + embedding.token);
        return lines.join(QLatin1Char('\n'));
    };
    const QString embeddings = embeddingLines(recipes.constFirst());
    for (const QJsonObject& recipe : recipes) {
        if (embeddingLines(recipe) != embeddings)
            throw GenerationError(m_folder, QStringLiteral("one batch asks for two sets of embeddings"));
    }
    try {
        if (embeddings != m_embeddings) {
            if (!m_embeddings.isEmpty()) // an embedding's token cannot be taken back: start afresh
                loadPipeline(m_folder, int(m_pipeline->precision()));
            for (const EmbeddingChoice& embedding : embeddingsOf(recipes.constFirst())) {
                checkHash(embedding.file, embedding.sha256);
                m_pipeline->addTextualInversion(embedding.file.toStdString(), embedding.token.toStdString());
            }
            m_embeddings = embeddings;
        }
        for (const QJsonObject& recipe : recipes) {
            for (const LoraChoice& lora : lorasOf(recipe)) {
                checkHash(lora.file, lora.sha256);
                if (m_loras.contains(lora.file))
                    continue;
                m_pipeline->addLora(lora.file.toStdString());
                m_loras.insert(lora.file);
            }
        }
    } catch (const DiffusionError& error) {
        rethrowAsGenerationError(error);
    }
}

const DiffusionPipeline& DiffusionBackend::pipeline() const
{
    if (!m_pipeline)
        throw GenerationError({}, QStringLiteral("no model is loaded"));
    return *m_pipeline;
}

QString DiffusionBackend::modelHash() const
{
    return m_modelHash;
}

int DiffusionBackend::nativeWidth() const
{
    return pipeline().nativeWidth();
}

int DiffusionBackend::nativeHeight() const
{
    return pipeline().nativeHeight();
}

int DiffusionBackend::preferredBatchSize() const
{
    // Several images per UNet pass fill a GPU. On 2 CPU cores it depends on the model
    // (bench_generation, 5x5 grid, quiet machine): the latent tiny-sd gains (4 a call 1.92 s
    // against 2.76 s), the bundled 32x32 pixel model loses (1 a call 11.4-13.8 s, 2 a call
    // 17.4 s, 4 a call 19.8 s, 8 a call 12.5 s).
    if (pipeline().deviceName() != "cpu")
        return 8;
    return pipeline().latentSpace() ? 4 : 1;
}

QVector<GeneratedImage> DiffusionBackend::generate(const QVector<QJsonObject>& recipes,
    const GeneratorProgress& progress, const std::atomic<bool>* cancel)
{
    if (recipes.isEmpty())
        return {};
    const DiffusionPipeline& engine = pipelineFor(recipes);
    std::vector<GenerationRequest> requests;
    requests.reserve(recipes.size());
    try {
        for (const QJsonObject& json : recipes)
            requests.push_back(requestFor(json));
        QElapsedTimer timer;
        timer.start();
        const std::vector<RgbImage> images = generateByLoraStrengths(engine, requests, progress, cancel);
        const qint64 perImageMs = timer.elapsed() / qint64(images.size());
        QVector<GeneratedImage> result;
        for (std::size_t i = 0; i < images.size(); ++i) {
            QJsonObject resolved;
            if (!requests[i].sampler)
                resolved.insert(recipe::kSampler, samplerShortName(engine.defaultSampler(), false));
            if (!requests[i].guidance)
                resolved.insert(recipe::kGuidance, engine.recommendedGuidance());
            // a reduced precision changes the image, so its recipe says so (float32 adds nothing:
            // recipes made before precisions existed stay as they were)
            if (engine.precision() != ComputePrecision::Fp32)
                resolved.insert(recipe::kPrecision, QString::fromStdString(engine.precisionName()));
            GeneratedImage image{pngOf(images[i]), images[i].width, images[i].height, perImageMs, resolved, {}};
            if (!images[i].floatPixels.empty())
                image.floatRgb = QByteArray(reinterpret_cast<const char*>(images[i].floatPixels.data()),
                                            qsizetype(images[i].floatPixels.size() * sizeof(float)));
            result.append(image);
        }
        return result;
    } catch (const GenerationCancelled&) {
        throw GeneratorCancelled();
    } catch (const DiffusionError& error) {
        rethrowAsGenerationError(error);
    }
}

} // namespace tessera
