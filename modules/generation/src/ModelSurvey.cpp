#include "tessera/generation/ModelSurvey.h"

#include "tessera/diffusion/LdmCheckpointFamily.h"
#include "tessera/diffusion/ModelFamilies.h"
#include "tessera/diffusion/PickleCheckpoint.h"
#include "tessera/diffusion/SafetensorsFile.h"
#include "tessera/generation/GenerationError.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>
#include <exception>
#include <optional>

namespace tessera {

namespace {

const QString kLdmUnetPrefix = QStringLiteral("model.diffusion_model.");

QJsonObject readJson(const QString& path, bool required)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (required)
            throw GenerationError(path, QStringLiteral("cannot be read"));
        return {};
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.read(4 << 20), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        throw GenerationError(path, QStringLiteral("is not a JSON object (%1)").arg(error.errorString()));
    return document.object();
}

//! The sorted dtypes of a safetensors file's tensors whose names start with `prefix`, from the
//! engine's validating header reader (the one the fuzzer exercises; it reads no tensor data).
QString dtypesOf(const SafetensorsFile& file, const QString& prefix = {})
{
    QStringList dtypes;
    for (const SafetensorsTensor& tensor : file.tensors()) {
        if (!QString::fromStdString(tensor.name).startsWith(prefix))
            continue;
        const QString dtype = QString::fromStdString(safetensorsDTypeName(tensor.dtype));
        if (!dtypes.contains(dtype))
            dtypes.append(dtype);
    }
    std::sort(dtypes.begin(), dtypes.end());
    return dtypes.isEmpty() ? QStringLiteral("none") : dtypes.join(QLatin1Char('+'));
}

QString unetWeights(const QDir& unet)
{
    for (const QString& name : {QStringLiteral("diffusion_pytorch_model.safetensors"),
             QStringLiteral("diffusion_pytorch_model.fp16.safetensors")}) {
        if (unet.exists(name))
            return unet.filePath(name);
    }
    return {};
}

//! Family, resolution and prediction type from a diffusers folder's configs (weights unread).
void describeConfigs(const QDir& dir, ModelSummary& model)
{
    // model_index.json first: a folder without one is no model, whatever else it lacks
    const QJsonObject index = readJson(dir.filePath(QStringLiteral("model_index.json")), true);
    const QJsonObject unet = readJson(dir.filePath(QStringLiteral("unet/config.json")), true);
    const QJsonObject vae = readJson(dir.filePath(QStringLiteral("vae/config.json")), false);
    const QJsonObject scheduler = readJson(dir.filePath(QStringLiteral("scheduler/scheduler_config.json")), false);

    const int vaeLevels = int(vae.value(QStringLiteral("block_out_channels")).toArray().size());
    const int scale = vae.isEmpty() ? 1 : 1 << std::max(0, vaeLevels - 1);
    model.resolution = unet.value(QStringLiteral("sample_size")).toInt(64) * scale;
    model.prediction = scheduler.value(QStringLiteral("prediction_type")).toString(QStringLiteral("epsilon"));
    const int context = unet.value(QStringLiteral("cross_attention_dim")).toInt();
    const bool trailing = scheduler.value(QStringLiteral("timestep_spacing")).toString() == QStringLiteral("trailing");
    if (index.value(QStringLiteral("_class_name")).toString() == QStringLiteral("StableDiffusionXLPipeline"))
        model.family = trailing ? QStringLiteral("SDXL turbo") : QStringLiteral("SDXL");
    else if (vae.isEmpty())
        model.family = QStringLiteral("pixel-space");
    else if (context == 768)
        model.family = QStringLiteral("SD 1.x");
    else if (context == 1024)
        model.family = trailing ? QStringLiteral("SD 2.x turbo") : QStringLiteral("SD 2.x");
    else
        model.family = QStringLiteral("latent");
}

ModelSummary describeFolder(const QString& folder)
{
    const QDir dir(folder);
    ModelSummary model;
    model.path = dir.absolutePath();
    model.name = QFileInfo(model.path).fileName();
    describeConfigs(dir, model);
    const QString weights = unetWeights(QDir(dir.filePath(QStringLiteral("unet"))));
    model.precision = weights.isEmpty() ? QStringLiteral("none") : dtypesOf(SafetensorsFile(weights.toStdString()));
    QDirIterator files(model.path, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        files.next();
        model.bytes += files.fileInfo().size();
    }
    return model;
}

//! A single .safetensors checkpoint, or nullopt when its (valid) header holds no LDM UNet: a
//! LoRA, a VAE or an embedding, which are no models. Its family is the engine's choice:
//! $TESSERA_MODEL_FAMILY, else detectLdmCheckpointKind on the header's names and shapes.
std::optional<ModelSummary> describeSingleFile(const QString& path)
{
    const QFileInfo info(path);
    ModelSummary model;
    model.path = info.absoluteFilePath();
    model.name = info.fileName();
    model.bytes = info.size();
    const SafetensorsFile file(model.path.toStdString());
    std::map<std::string, std::vector<std::int64_t>> shapes;
    for (const SafetensorsTensor& tensor : file.tensors())
        shapes.emplace(tensor.name, tensor.shape);
    const auto unet = shapes.lower_bound(kLdmUnetPrefix.toStdString());
    if (unet == shapes.end() || !QString::fromStdString(unet->first).startsWith(kLdmUnetPrefix))
        return std::nullopt;
    const QString fromEnvironment = qEnvironmentVariable("TESSERA_MODEL_FAMILY");
    model.familyConfig = !fromEnvironment.isEmpty()
        ? fromEnvironment
        : QString::fromStdString(detectLdmCheckpointKind(shapes, model.path.toStdString()).family);
    describeConfigs(QDir(QString::fromStdString(locateModelFamily(model.familyConfig.toStdString()))), model);
    model.precision = dtypesOf(file, kLdmUnetPrefix);
    return model;
}

bool isSafetensors(const QFileInfo& info)
{
    return info.isFile() && info.suffix().compare(QStringLiteral("safetensors"), Qt::CaseInsensitive) == 0;
}

ModelSummary refused(const QString& path, const QString& problem)
{
    ModelSummary model;
    model.path = QFileInfo(path).absoluteFilePath();
    model.name = QFileInfo(path).fileName();
    model.bytes = QFileInfo(path).isFile() ? QFileInfo(path).size() : 0;
    model.problem = problem;
    return model;
}

//! The family whose text width this is (SD 1.x: CLIP ViT-L, 768; SD 2.x: OpenCLIP ViT-H, 1024).
QString familyOfWidth(int width)
{
    if (width == 768)
        return QStringLiteral("SD 1.x");
    if (width == 1024)
        return QStringLiteral("SD 2.x");
    return QStringLiteral("latent");
}

//! A LoRA or embedding from its header, or nullopt when the file is neither.
std::optional<AddOnSummary> describeAddOn(const QString& path)
{
    const QFileInfo info(path);
    AddOnSummary addOn;
    addOn.path = info.absoluteFilePath();
    addOn.name = info.fileName();
    addOn.bytes = info.size();
    const SafetensorsFile file(addOn.path.toStdString());
    std::map<QString, std::vector<std::int64_t>> shapes;
    for (const SafetensorsTensor& tensor : file.tensors())
        shapes.emplace(QString::fromStdString(tensor.name), tensor.shape);
    const auto width = [&](const QString& key, std::size_t dimension) {
        const auto it = shapes.find(key);
        return it != shapes.end() && it->second.size() > dimension ? int(it->second[dimension]) : 0;
    };
    if (shapes.count(QStringLiteral("clip_l")) || shapes.count(QStringLiteral("clip_g"))) {
        addOn.kind = QStringLiteral("embedding");
        addOn.family = QStringLiteral("SDXL");
        addOn.contextWidth = width(QStringLiteral("clip_l"), 1) + width(QStringLiteral("clip_g"), 1);
        addOn.size = width(QStringLiteral("clip_l"), 0);
        return addOn;
    }
    const auto looksLikeLora = [](const QString& name) {
        return name.contains(QStringLiteral("lora")) || name.contains(QStringLiteral("hada_"))
            || name.contains(QStringLiteral("lokr_"));
    };
    if (shapes.count(QStringLiteral("emb_params")) || (shapes.size() == 1 && !looksLikeLora(shapes.begin()->first))) {
        const auto& [name, shape] = shapes.count(QStringLiteral("emb_params")) ? *shapes.find(QStringLiteral("emb_params"))
                                                                               : *shapes.begin();
        if (shape.empty() || shape.size() > 2)
            return std::nullopt;
        addOn.kind = QStringLiteral("embedding");
        addOn.contextWidth = int(shape.back());
        addOn.size = shape.size() == 2 ? int(shape.front()) : 1;
        addOn.family = familyOfWidth(addOn.contextWidth);
        return addOn;
    }
    bool sdxl = false;
    for (const auto& [name, shape] : shapes) {
        const bool down = name.endsWith(QStringLiteral(".lora_down.weight"));
        if (!down && !name.endsWith(QStringLiteral(".lora_up.weight")) && !name.endsWith(QStringLiteral(".alpha"))) {
            if (addOn.kind.isEmpty() && (name.contains(QStringLiteral("hada_")) || name.contains(QStringLiteral("lokr_"))))
                addOn.problem = addOn.path + QStringLiteral(": a LyCORIS file; only plain kohya LoRAs are supported");
            continue;
        }
        addOn.kind = QStringLiteral("lora");
        sdxl = sdxl || name.startsWith(QStringLiteral("lora_te1_")) || name.startsWith(QStringLiteral("lora_te2_"))
            || name.startsWith(QStringLiteral("lora_unet_input_blocks_"));
        if (down && addOn.size == 0 && !shape.empty())
            addOn.size = int(shape.front());
        if (down && name.contains(QStringLiteral("attn2_to_k.")) && shape.size() >= 2)
            addOn.contextWidth = int(shape[1]);
        if (down && addOn.contextWidth == 0 && name.startsWith(QStringLiteral("lora_te_"))
            && name.contains(QStringLiteral("q_proj.")) && shape.size() >= 2)
            addOn.contextWidth = int(shape[1]);
    }
    if (addOn.kind.isEmpty()) {
        if (addOn.problem.isEmpty())
            return std::nullopt;
        addOn.kind = QStringLiteral("lora");
    }
    addOn.family = sdxl ? QStringLiteral("SDXL") : familyOfWidth(addOn.contextWidth);
    return addOn;
}

//! Each of `folders`, then the direct entries of those that are folders (by name), as given.
QStringList candidatesIn(const QStringList& folders)
{
    QStringList candidates;
    for (const QString& folder : folders) {
        candidates.append(folder);
        if (!QFileInfo(folder).isDir())
            continue;
        const QDir dir(folder);
        for (const QString& entry : dir.entryList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot, QDir::Name))
            candidates.append(dir.filePath(entry));
    }
    return candidates;
}

} // namespace

QJsonObject AddOnSummary::toJson() const
{
    QJsonObject json{{QStringLiteral("name"), name}, {QStringLiteral("path"), path}, {QStringLiteral("kind"), kind},
        {QStringLiteral("family"), family}, {QStringLiteral("contextWidth"), contextWidth},
        {kind == QStringLiteral("lora") ? QStringLiteral("rank") : QStringLiteral("vectors"), size},
        {QStringLiteral("bytes"), bytes}};
    if (!problem.isEmpty())
        json.insert(QStringLiteral("problem"), problem);
    return json;
}

QVector<AddOnSummary> surveyAddOns(const QStringList& folders)
{
    QVector<AddOnSummary> addOns;
    QSet<QString> seen;
    const auto consider = [&](const QString& candidate) {
        const QFileInfo info(candidate);
        if (!isSafetensors(info) || seen.contains(info.absoluteFilePath()))
            return;
        seen.insert(info.absoluteFilePath());
        try {
            if (std::optional<AddOnSummary> addOn = describeAddOn(info.absoluteFilePath()))
                addOns.append(*addOn);
        } catch (const std::exception&) {
            // an unreadable .safetensors is listed by the model survey with its problem
        }
    };
    for (const QString& candidate : candidatesIn(folders))
        consider(candidate);
    return addOns;
}

QJsonObject ModelSummary::toJson() const
{
    QJsonObject json{{QStringLiteral("name"), name}, {QStringLiteral("path"), path},
        {QStringLiteral("family"), family}, {QStringLiteral("resolution"), resolution},
        {QStringLiteral("prediction"), prediction}, {QStringLiteral("precision"), precision},
        {QStringLiteral("bytes"), bytes}};
    if (isSingleFile())
        json.insert(QStringLiteral("checkpoint"), familyConfig);
    if (!isUsable())
        json.insert(QStringLiteral("problem"), problem);
    return json;
}

ModelSummary describeModel(const QString& path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return describeFolder(path);
    if (isPickleCheckpointPath(path.toStdString()))
        refusePickleCheckpoint(path.toStdString()); // throws: never opened
    if (!isSafetensors(info))
        throw GenerationError(path, QStringLiteral("is neither a diffusers model folder nor a .safetensors checkpoint"));
    std::optional<ModelSummary> model = describeSingleFile(path);
    if (!model)
        throw GenerationError(path, QStringLiteral("holds no model.diffusion_model.* UNet: not a Stable Diffusion checkpoint"));
    return *model;
}

QVector<ModelSummary> surveyModels(const QStringList& folders)
{
    QVector<ModelSummary> models;
    QSet<QString> seen;
    // Any failure to read a candidate becomes its listed problem; DiffusionError (the header and
    // family readers) and GenerationError both read "<file>: <problem>".
    const auto describeOrRefuse = [&](const QString& path, auto&& describe) {
        try {
            if (std::optional<ModelSummary> model = describe())
                models.append(*model);
        } catch (const std::exception& error) {
            models.append(refused(path, QString::fromUtf8(error.what())));
        }
    };
    const auto consider = [&](const QString& candidate) {
        const QFileInfo info(candidate);
        const QString path = info.absoluteFilePath();
        if (seen.contains(path))
            return;
        if (info.isDir()) {
            if (!QFileInfo::exists(QDir(path).filePath(QStringLiteral("model_index.json"))))
                return;
            seen.insert(path);
            describeOrRefuse(path, [&] { return std::optional<ModelSummary>(describeFolder(path)); });
        } else if (isPickleCheckpointPath(path.toStdString())) {
            seen.insert(path);
            describeOrRefuse(path, [&] {
                refusePickleCheckpoint(path.toStdString());
                return std::optional<ModelSummary>();
            });
        } else if (isSafetensors(info)) {
            seen.insert(path);
            describeOrRefuse(path, [&] { return describeSingleFile(path); });
        }
    };
    for (const QString& candidate : candidatesIn(folders))
        consider(candidate);
    return models;
}

} // namespace tessera
