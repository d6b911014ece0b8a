#include "ModelSurvey.h"

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

namespace tessera::cli {

namespace {

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

//! The dtypes of a safetensors file's tensors, from the engine's validating header reader (the
//! one the fuzzer exercises; it reads no tensor data).
QStringList safetensorsDtypes(const QString& path)
{
    const SafetensorsFile file(path.toStdString());
    QStringList dtypes;
    for (const SafetensorsTensor& tensor : file.tensors()) {
        const QString dtype = QString::fromStdString(safetensorsDTypeName(tensor.dtype));
        if (!dtypes.contains(dtype))
            dtypes.append(dtype);
    }
    std::sort(dtypes.begin(), dtypes.end());
    return dtypes;
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

} // namespace

QJsonObject ModelSummary::toJson() const
{
    return QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("path"), path},
        {QStringLiteral("family"), family}, {QStringLiteral("resolution"), resolution},
        {QStringLiteral("prediction"), prediction}, {QStringLiteral("precision"), precision},
        {QStringLiteral("bytes"), bytes}};
}

ModelSummary describeModel(const QString& folder)
{
    const QDir dir(folder);
    ModelSummary model;
    model.path = dir.absolutePath();
    model.name = QFileInfo(model.path).fileName();
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
    const QString weights = unetWeights(QDir(dir.filePath(QStringLiteral("unet"))));
    model.precision = weights.isEmpty() ? QStringLiteral("none") : safetensorsDtypes(weights).join(QLatin1Char('+'));
    QDirIterator files(model.path, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        files.next();
        model.bytes += files.fileInfo().size();
    }
    return model;
}

QVector<ModelSummary> surveyModels(const QStringList& folders)
{
    QVector<ModelSummary> models;
    QSet<QString> seen;
    const auto consider = [&](const QString& folder) {
        const QString path = QDir(folder).absolutePath();
        if (seen.contains(path) || !QFileInfo::exists(QDir(path).filePath(QStringLiteral("model_index.json"))))
            return;
        seen.insert(path);
        models.append(describeModel(path));
    };
    for (const QString& folder : folders) {
        consider(folder);
        const QStringList children = QDir(folder).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString& child : children)
            consider(QDir(folder).filePath(child));
    }
    return models;
}

} // namespace tessera::cli
