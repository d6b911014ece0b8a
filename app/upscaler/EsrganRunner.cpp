#include "EsrganRunner.h"

#include "EsrganModule.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibrary>

#include <cmath>
#include <filesystem>
#include <stdexcept>

namespace tessera::upscaler {

namespace {

std::filesystem::path modelFor(const QString& dir, int factor)
{
    const std::filesystem::path path = dir.toStdString();
    if (std::filesystem::exists(path / "model.json") || path.extension() == ".json")
        return path;
    return path / ("x" + std::to_string(factor)); // EsrganUpscaler::modelFolder's layout
}

// The upscaler module beside the executable (build tree: bin/../lib/tessera; installed:
// bin/../lib/<multiarch>/tessera).
EsrganUpscaleFunction loadUpscaler()
{
    static EsrganUpscaleFunction function = nullptr;
    if (function)
        return function;
    QStringList tried;
    for (const QString& relative : QStringLiteral(TESSERA_UPSCALE_MODULE_DIRS).split(QLatin1Char(':'))) {
        QLibrary library(QDir(QCoreApplication::applicationDirPath()).filePath(relative + QStringLiteral("/tessera-upscale")));
        if (library.load()) {
            function = reinterpret_cast<EsrganUpscaleFunction>(library.resolve(kEsrganUpscaleSymbol));
            if (function)
                return function;
        }
        tried.append(library.errorString());
    }
    throw std::runtime_error("cannot load the upscaler module: " + tried.join(QStringLiteral("; ")).toStdString());
}

} // namespace

QString esrganModelsDir(const QString& network)
{
    const QString fromEnvironment = qEnvironmentVariable("TESSERA_ESRGAN_PACKAGES");
    const QString packages = fromEnvironment.isEmpty() ? QStringLiteral(TESSERA_ESRGAN_PACKAGES_DIR) : fromEnvironment;
    return packages + QStringLiteral("/esrgan-") + network + QStringLiteral("/models");
}

QImage esrganUpscale(const QImage& image, int factor, const QString& models, const std::atomic<bool>* cancel)
{
    const EsrganUpscaleFunction upscale = loadUpscaler();
    const QImage source = image.convertToFormat(QImage::Format_RGB888);
    RgbFloatImage input{source.width(), source.height(), {}};
    input.pixels.reserve(static_cast<std::size_t>(input.width) * input.height * 3);
    for (int y = 0; y < source.height(); ++y) {
        const uchar* row = source.constScanLine(y);
        for (int i = 0; i < source.width() * 3; ++i)
            input.pixels.push_back(row[i]);
    }
    RgbFloatImage output;
    upscale(modelFor(models, factor).c_str(), factor, &input, cancel, &output);
    QImage result(output.width, output.height, QImage::Format_RGB888);
    for (int y = 0; y < output.height; ++y) {
        uchar* row = result.scanLine(y);
        const float* samples = output.pixels.data() + static_cast<std::size_t>(y) * output.width * 3;
        for (int i = 0; i < output.width * 3; ++i)
            row[i] = static_cast<uchar>(std::lround(samples[i])); // already clipped to 0..255
    }
    return result;
}

} // namespace tessera::upscaler
