#include "FakeGeneratorPlugin.h"

#include "tessera/diffusion/DiffusionError.h"
#include "tessera/diffusion/ModelConfig.h"
#include "tessera/diffusion/PickleCheckpoint.h"
#include "tessera/generation/CellRecipe.h"
#include "tessera/generation/GenerationError.h"
#include "tessera/generation/ModelSurvey.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QThread>

#include <cmath>

namespace tessera::testing {

namespace {

//! One sampler step's pause: a real back-end takes time, and the grid job's timings must be > 0.
constexpr int kStepMs = 1;
constexpr double kPi = 3.14159265358979323846;

//! The recipe values an image depends on, in a fixed order (row and col are not among them:
//! two cells with the same recipe get the same image, as with a real model).
QByteArray recipeKey(const QJsonObject& json)
{
    QByteArray key;
    for (const QString& name : {recipe::kPrompt, recipe::kNegativePrompt, recipe::kBlendPrompt, recipe::kBlendWeight,
             recipe::kSeed, recipe::kBlendSeed, recipe::kSeedBlend, recipe::kGuidance, recipe::kSteps,
             recipe::kSampler, recipe::kClipSkip}) {
        key += name.toUtf8() + '=' + json.value(name).toVariant().toString().toUtf8() + '\n';
    }
    return key;
}

qint64 seedOf(const QJsonObject& json, const QString& key)
{
    const qint64 value = json.value(key).toInteger(-1);
    if (value < 0)
        throw GenerationError({}, QStringLiteral("the recipe's %1 is not a seed").arg(key));
    return value;
}

//! The start image of an img2img recipe (a file or base64 PNG), or a null image.
QImage startImageOf(const QJsonObject& json)
{
    const QString path = json.value(recipe::kInitImage).toString();
    const QString png = json.value(recipe::kInitImagePng).toString();
    if (path.isEmpty() && png.isEmpty())
        return {};
    const QImage image = path.isEmpty() ? QImage::fromData(QByteArray::fromBase64(png.toLatin1())) : QImage(path);
    if (image.isNull())
        throw GenerationError(path, QStringLiteral("is not a readable image"));
    return image.convertToFormat(QImage::Format_RGB888);
}

//! A diagonal gradient between two colours, both and its direction drawn from the recipe's hash;
//! an img2img recipe blends it over the start image by its strength.
QImage imageFor(const QJsonObject& json, int width, int height)
{
    const QByteArray hash = QCryptographicHash::hash(recipeKey(json), QCryptographicHash::Sha256);
    const auto byte = [&](int i) { return int(quint8(hash.at(i))); };
    const double angle = byte(6) / 255.0 * 2.0 * kPi;
    const double dx = std::cos(angle);
    const double dy = std::sin(angle);
    QImage image(width, height, QImage::Format_RGB888);
    for (int y = 0; y < height; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < width; ++x) {
            const double along = 0.5 + 0.5 * (dx * (2.0 * x / std::max(1, width - 1) - 1.0) + dy * (2.0 * y / std::max(1, height - 1) - 1.0)) / std::sqrt(2.0);
            for (int c = 0; c < 3; ++c)
                line[3 * x + c] = uchar(std::lround(byte(c) * (1.0 - along) + byte(3 + c) * along));
        }
    }
    QImage start = startImageOf(json);
    if (start.isNull())
        return image;
    if (start.size() != image.size())
        start = start.scaled(image.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    const double strength = json.value(recipe::kStrength).toDouble(0.8);
    for (int y = 0; y < height; ++y) {
        uchar* line = image.scanLine(y);
        const uchar* from = start.constScanLine(y);
        for (int i = 0; i < 3 * width; ++i)
            line[i] = uchar(std::lround(from[i] * (1.0 - strength) + line[i] * strength));
    }
    return image;
}

QByteArray pngOf(const QImage& image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        throw GenerationError({}, QStringLiteral("cannot encode a %1x%2 image as PNG").arg(image.width()).arg(image.height()));
    return bytes;
}

QString samplerShortName(SamplerKind kind)
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
        return QStringLiteral("dpmpp_2m");
    case SamplerKind::Lcm:
        return QStringLiteral("lcm");
    }
    return {};
}

//! Identity of a model's files as the real back-end has one: names and sizes of every file.
QString filesHash(const QString& path)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QFileInfo info(path);
    if (info.isFile()) {
        hash.addData(QByteArray(info.fileName().toUtf8() + '\n' + QByteArray::number(info.size())));
        return QString::fromLatin1(hash.result().toHex());
    }
    QStringList entries;
    QDirIterator files(path, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        files.next();
        entries.append(QDir(path).relativeFilePath(files.filePath()) + QLatin1Char(' ') + QString::number(files.fileInfo().size()));
    }
    entries.sort();
    hash.addData(entries.join(QLatin1Char('\n')).toUtf8());
    return QString::fromLatin1(hash.result().toHex());
}

class FakeBackend : public GeneratorBackend
{
public:
    QString name() const override { return QStringLiteral("fake-generator"); }

    void load(const QString& modelFolder) override
    {
        // the real back-end's checks, torch-free: an existing model, no pickle, readable configs
        if (!QFileInfo::exists(modelFolder))
            throw GenerationError(modelFolder, QStringLiteral("is not a model folder or checkpoint file"));
        try {
            refusePickleCheckpoint(modelFolder.toStdString());
            const ModelSummary model = describeModel(modelFolder);
            m_nativeSize = model.resolution > 0 ? model.resolution : 512;
            const QDir dir(modelFolder);
            if (!model.isSingleFile()) {
                const std::string index = dir.filePath(QStringLiteral("model_index.json")).toStdString();
                m_guidance = parseModelIndex(readTextFile(index), index).guidanceOrDefault();
                const std::string scheduler = dir.filePath(QStringLiteral("scheduler/scheduler_config.json")).toStdString();
                if (QFileInfo::exists(QString::fromStdString(scheduler)))
                    m_sampler = samplerShortName(parseSchedulerConfig(readTextFile(scheduler), scheduler).kind);
            }
        } catch (const DiffusionError& error) {
            throw GenerationError(QString::fromStdString(error.path()), QString::fromStdString(error.problem()));
        }
        m_hash = filesHash(modelFolder);
        m_loaded = true;
    }

    QString modelHash() const override { return m_hash; }
    int nativeWidth() const override { return loaded().m_nativeSize; }
    int nativeHeight() const override { return loaded().m_nativeSize; }
    int preferredBatchSize() const override { return 4; } // exercises the grid job's batches

    QVector<GeneratedImage> generate(const QVector<QJsonObject>& recipes, const GeneratorProgress& progress,
        const std::atomic<bool>* cancel) override
    {
        loaded();
        if (recipes.isEmpty())
            return {};
        stallWhenAsked(cancel);
        const QJsonObject& first = recipes.first();
        QVector<QJsonObject> resolved;
        for (const QJsonObject& json : recipes) {
            seedOf(json, recipe::kSeed);
            if (json.contains(recipe::kBlendSeed))
                seedOf(json, recipe::kBlendSeed);
            for (const QString& shared : {recipe::kWidth, recipe::kHeight, recipe::kSteps, recipe::kSampler, recipe::kStrength}) {
                if (json.value(shared) != first.value(shared))
                    throw GenerationError({}, QStringLiteral("a batch must share size, steps, sampler and img2img strength"));
            }
            QJsonObject full = json;
            if (!json.contains(recipe::kSampler) || json.value(recipe::kSampler).toString().isEmpty())
                full.insert(recipe::kSampler, m_sampler);
            if (!json.contains(recipe::kGuidance))
                full.insert(recipe::kGuidance, m_guidance);
            resolved.append(full);
        }
        const int steps = first.value(recipe::kSteps).toInt(30);
        if (steps < 1 || steps > 1000)
            throw GenerationError({}, QStringLiteral("steps must be between 1 and 1000"));
        int width = first.value(recipe::kWidth).toInt(0);
        int height = first.value(recipe::kHeight).toInt(0);
        if (width == 0 && height == 0) {
            const QImage start = startImageOf(first);
            width = start.isNull() ? m_nativeSize : start.width();
            height = start.isNull() ? m_nativeSize : start.height();
        }
        if (width < 1 || height < 1 || width > 8192 || height > 8192)
            throw GenerationError({}, QStringLiteral("image size %1x%2 must be between 1 and 8192").arg(width).arg(height));

        QElapsedTimer timer;
        timer.start();
        for (int step = 1; step <= steps; ++step) {
            if (cancel && cancel->load())
                throw GeneratorCancelled();
            QThread::msleep(kStepMs);
            if (progress)
                progress(step, steps);
        }
        QVector<GeneratedImage> images;
        for (qsizetype i = 0; i < recipes.size(); ++i) {
            const QImage image = imageFor(resolved[i], width, height);
            GeneratedImage out;
            out.png = pngOf(image);
            out.width = width;
            out.height = height;
            if (recipes[i].value(recipe::kSampler).toString().isEmpty())
                out.resolved.insert(recipe::kSampler, m_sampler);
            if (!recipes[i].contains(recipe::kGuidance))
                out.resolved.insert(recipe::kGuidance, m_guidance);
            if (recipes[i].value(recipe::kFloatOutput).toBool(false)) {
                // exactly the 8-bit image in [0, 1], so the PNG is its rounding
                QVector<float> pixels;
                pixels.reserve(qsizetype(width) * height * 3);
                for (int y = 0; y < height; ++y) {
                    for (int x = 0; x < 3 * width; ++x)
                        pixels.append(float(image.constScanLine(y)[x]) / 255.0f);
                }
                out.floatRgb = QByteArray(reinterpret_cast<const char*>(pixels.constData()), qsizetype(pixels.size() * sizeof(float)));
            }
            images.append(out);
        }
        const qint64 perImageMs = std::max<qint64>(1, timer.elapsed() / recipes.size());
        for (GeneratedImage& image : images)
            image.generationMs = perImageMs;
        return images;
    }

private:
    const FakeBackend& loaded() const
    {
        if (!m_loaded)
            throw GenerationError({}, QStringLiteral("no model is loaded"));
        return *this;
    }

    //! TESSERA_FAKE_GENERATOR_STALL_AFTER=N: the calls after the first N never finish (until
    //! cancelled), so a test can kill a generating process at a known point.
    void stallWhenAsked(const std::atomic<bool>* cancel)
    {
        bool set = false;
        const int allowed = qEnvironmentVariableIntValue("TESSERA_FAKE_GENERATOR_STALL_AFTER", &set);
        if (!set || m_calls++ < allowed)
            return;
        while (!(cancel && cancel->load()))
            QThread::msleep(10);
        throw GeneratorCancelled();
    }

    QString m_hash;
    QString m_sampler = QStringLiteral("ddim");
    double m_guidance = 7.5;
    int m_nativeSize = 64;
    int m_calls = 0;
    bool m_loaded = false;
};

} // namespace

QString FakeGeneratorPlugin::backendName() const
{
    return QStringLiteral("fake-generator");
}

std::unique_ptr<GeneratorBackend> FakeGeneratorPlugin::createBackend() const
{
    return std::make_unique<FakeBackend>();
}

} // namespace tessera::testing
