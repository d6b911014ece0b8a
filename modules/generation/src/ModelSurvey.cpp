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
    readJson(dir.filePath(QStringLiteral("model_index.json")), true);
    const QJsonObject unet = readJson(dir.filePath(QStringLiteral("unet/config.json")), true);
    const QJsonObject vae = readJson(dir.filePath(QStringLiteral("vae/config.json")), false);
    const QJsonObject scheduler = readJson(dir.filePath(QStringLiteral("scheduler/scheduler_config.json")), false);

    const int vaeLevels = int(vae.value(QStringLiteral("block_out_channels")).toArray().size());
    const int scale = vae.isEmpty() ? 1 : 1 << std::max(0, vaeLevels - 1);
    model.resolution = unet.value(QStringLiteral("sample_size")).toInt(64) * scale;
    model.prediction = scheduler.value(QStringLiteral("prediction_type")).toString(QStringLiteral("epsilon"));
    const int context = unet.value(QStringLiteral("cross_attention_dim")).toInt();
    if (vae.isEmpty())
        model.family = QStringLiteral("pixel-space");
    else if (context == 768)
        model.family = QStringLiteral("SD 1.x");
    else if (context == 1024)
        model.family = scheduler.value(QStringLiteral("timestep_spacing")).toString() == QStringLiteral("trailing")
            ? QStringLiteral("SD 2.x turbo")
            : QStringLiteral("SD 2.x");
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

} // namespace

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
    for (const QString& folder : folders) {
        consider(folder);
        if (!QFileInfo(folder).isDir())
            continue;
        const QDir dir(folder);
        for (const QString& entry : dir.entryList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot, QDir::Name))
            consider(dir.filePath(entry));
    }
    return models;
}

} // namespace tessera
