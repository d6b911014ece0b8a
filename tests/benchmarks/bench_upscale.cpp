// ESRGAN x4 (UpscalerJS's esrgan-slim, -medium and -thick, in Tessera's libtorch engine) against
// Lanczos on real photographs: each photograph of the Debian package lomiri-wallpapers-16.04 is
// centre-cropped square and area-scaled to 512x512 (the truth), scaled x4 down to 128x128, then
// restored to 512x512 by each network and by FFmpeg's swscale Lanczos. Two downscales, two tables:
// - bicubic (the standard protocol, first): Keys' cubic, a = -0.5, widened by the factor so it
//   antialiases, i.e. MATLAB's imresize, which made DIV2K's bicubic low-resolution images that
//   UpscalerJS's ESRGAN models were trained on (swscale SWS_BICUBIC with B = 0, C = 0.5);
// - area (box average, swscale SWS_AREA): a softer input than the models saw in training.
// Prints PSNR (8-bit RGB) and SSIM (BT.601 luma, Gaussian 11x11, sigma 1.5) of each against the
// truth, per photograph and the mean, and the mean PSNR as SR papers give it (MATLAB's Y, the
// scale's 4 px shaved off each edge); then seconds per 512x512 output cell for each network,
// against Lanczos and against the TF.js runtime (node, pure-JS cpu backend; esrgan-medium) on the
// same 64x64 input in the same run.
#include "tessera/diffusion/EsrganUpscaler.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>

#include <torch/torch.h>

extern "C" {
#include <libavutil/pixfmt.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace tessera;

namespace {

constexpr int kCell = 512;
constexpr int kScale = 4;

// 8-bit RGB, interleaved
struct Rgb8
{
    int width = 0;
    int height = 0;
    std::vector<uint8_t> pixels;
};

// swscale on planar RGB (GBRP), so no colour-space conversion happens around the scaling
Rgb8 swscaleResize(const Rgb8& source, int width, int height, int flags, const double* params = nullptr)
{
    std::vector<uint8_t> in(source.pixels.size());
    const int planeIn = source.width * source.height;
    const int order[3] = {1, 2, 0}; // GBRP plane p holds channel order[p] of RGB
    for (int i = 0; i < planeIn; ++i)
        for (int p = 0; p < 3; ++p)
            in[p * planeIn + i] = source.pixels[i * 3 + order[p]];
    const int planeOut = width * height;
    std::vector<uint8_t> out(planeOut * 3);
    SwsContext* context = sws_getContext(source.width, source.height, AV_PIX_FMT_GBRP, width, height, AV_PIX_FMT_GBRP,
        flags | SWS_ACCURATE_RND, nullptr, nullptr, params);
    const uint8_t* srcPlanes[3] = {in.data(), in.data() + planeIn, in.data() + 2 * planeIn};
    const int srcStrides[3] = {source.width, source.width, source.width};
    uint8_t* dstPlanes[3] = {out.data(), out.data() + planeOut, out.data() + 2 * planeOut};
    const int dstStrides[3] = {width, width, width};
    sws_scale(context, srcPlanes, srcStrides, 0, source.height, dstPlanes, dstStrides);
    sws_freeContext(context);
    Rgb8 result{width, height, std::vector<uint8_t>(planeOut * 3)};
    for (int i = 0; i < planeOut; ++i)
        for (int p = 0; p < 3; ++p)
            result.pixels[i * 3 + order[p]] = out[p * planeOut + i];
    return result;
}

double psnr(const Rgb8& a, const Rgb8& b)
{
    double sum = 0;
    for (std::size_t i = 0; i < a.pixels.size(); ++i) {
        const double d = double(a.pixels[i]) - double(b.pixels[i]);
        sum += d * d;
    }
    return 10.0 * std::log10(255.0 * 255.0 / (sum / double(a.pixels.size())));
}

// As super-resolution papers report it (EDSR, RCAN, ESRGAN's PSNR-oriented tables): on MATLAB
// rgb2ycbcr's Y (16..235), the `shave` pixels along each edge left out
double psnrY(const Rgb8& a, const Rgb8& b, int shave)
{
    double sum = 0;
    long count = 0;
    auto y = [](const Rgb8& image, std::size_t i) {
        return 16.0 + (65.481 * image.pixels[i] + 128.553 * image.pixels[i + 1] + 24.966 * image.pixels[i + 2]) / 255.0;
    };
    for (int row = shave; row < a.height - shave; ++row)
        for (int column = shave; column < a.width - shave; ++column) {
            const std::size_t i = (std::size_t(row) * a.width + column) * 3;
            const double d = y(a, i) - y(b, i);
            sum += d * d;
            ++count;
        }
    return 10.0 * std::log10(255.0 * 255.0 / (sum / double(count)));
}

torch::Tensor luma(const Rgb8& image)
{
    torch::Tensor rgb = torch::from_blob(const_cast<uint8_t*>(image.pixels.data()), {image.height, image.width, 3}, torch::kUInt8)
                            .to(torch::kFloat64);
    return (0.299 * rgb.select(2, 0) + 0.587 * rgb.select(2, 1) + 0.114 * rgb.select(2, 2)).view({1, 1, image.height, image.width});
}

// Wang et al. 2004: Gaussian 11x11 window, sigma 1.5, K1 0.01, K2 0.03, L 255; valid positions only
double ssim(const Rgb8& a, const Rgb8& b)
{
    const torch::Tensor g1 = torch::exp(-torch::pow(torch::arange(-5, 6, torch::kFloat64), 2) / (2 * 1.5 * 1.5));
    const torch::Tensor window = (torch::outer(g1, g1) / torch::outer(g1, g1).sum()).view({1, 1, 11, 11});
    const torch::Tensor x = luma(a), y = luma(b);
    auto blur = [&](const torch::Tensor& t) { return torch::conv2d(t, window); };
    const torch::Tensor mx = blur(x), my = blur(y);
    const torch::Tensor sxx = blur(x * x) - mx * mx, syy = blur(y * y) - my * my, sxy = blur(x * y) - mx * my;
    const double c1 = std::pow(0.01 * 255, 2), c2 = std::pow(0.03 * 255, 2);
    const torch::Tensor map = ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx * mx + my * my + c1) * (sxx + syy + c2));
    return map.mean().item<double>();
}

RgbFloatImage toFloat(const Rgb8& image)
{
    return {image.width, image.height, std::vector<float>(image.pixels.begin(), image.pixels.end())};
}

Rgb8 toBytes(const RgbFloatImage& image)
{
    Rgb8 result{image.width, image.height, std::vector<uint8_t>(image.pixels.size())};
    for (std::size_t i = 0; i < image.pixels.size(); ++i)
        result.pixels[i] = uint8_t(std::lround(image.pixels[i]));
    return result;
}

// The photograph's centre square, area-scaled to side x side.
Rgb8 truthOf(const QString& path, int side)
{
    QImage image(path);
    if (image.isNull())
        return {};
    const int square = std::min(image.width(), image.height());
    image = image.copy((image.width() - square) / 2, (image.height() - square) / 2, square, square)
                .convertToFormat(QImage::Format_RGB888);
    Rgb8 full{square, square, std::vector<uint8_t>(std::size_t(square) * square * 3)};
    for (int y = 0; y < square; ++y)
        std::copy_n(image.constScanLine(y), square * 3, full.pixels.begin() + std::size_t(y) * square * 3);
    return swscaleResize(full, side, side, SWS_AREA);
}

// MATLAB imresize's bicubic (Keys, a = -0.5: B = 0, C = 0.5 in swscale's Mitchell-Netravali terms;
// swscale widens the kernel by the factor when it shrinks, as imresize's antialiasing does)
constexpr double kKeysBicubic[2] = {0.0, 0.5};

Rgb8 downscale(const Rgb8& truth, bool bicubic)
{
    return bicubic ? swscaleResize(truth, kCell / kScale, kCell / kScale, SWS_BICUBIC, kKeysBicubic)
                   : swscaleResize(truth, kCell / kScale, kCell / kScale, SWS_AREA);
}

template<typename Work>
double bestSeconds(int runs, const Work& work)
{
    double best = 1e30;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        best = std::min(best, timer.nsecsElapsed() / 1e9);
    }
    return best;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QString photosDir = qEnvironmentVariable("TESSERA_BENCH_PHOTOS", QStringLiteral("/usr/share/backgrounds"));
    QStringList photos;
    for (const QString& name : QDir(photosDir).entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name))
        photos.append(QDir(photosDir).filePath(name));
    if (photos.isEmpty()) {
        std::fprintf(stderr, "bench_upscale: no photographs (*.jpg) in %s: apt-get install lomiri-wallpapers-16.04 "
                             "(./run.sh bench does), or set TESSERA_BENCH_PHOTOS\n", qPrintable(photosDir));
        return 1;
    }
    // every installed network, fastest first
    const std::filesystem::path packages =
        qEnvironmentVariable("TESSERA_ESRGAN_PACKAGES", QStringLiteral(TESSERA_ESRGAN_PACKAGES_DIR)).toStdString();
    std::vector<std::string> names;
    std::vector<EsrganUpscaler> networks;
    for (const std::string& name : EsrganUpscaler::networks()) {
        const auto folder = EsrganUpscaler::modelFolder(EsrganUpscaler::networkModelsDir(packages, name), kScale);
        if (!std::filesystem::exists(folder / "model.json"))
            continue;
        names.push_back(name);
        networks.emplace_back(folder);
    }
    if (networks.empty()) {
        std::fprintf(stderr, "bench_upscale: no @upscalerjs/esrgan-* models in %s (run.sh's npm step installs them)\n",
                     packages.c_str());
        return 1;
    }
    const int methods = int(networks.size()) + 1; // the networks, then Lanczos
    auto methodName = [&](int m) { return m < int(networks.size()) ? names[m] : std::string("lanczos"); };

    std::vector<Rgb8> truths;
    for (const QString& photo : photos) {
        truths.push_back(truthOf(photo, kCell));
        if (truths.back().pixels.empty()) {
            std::fprintf(stderr, "bench_upscale: cannot read %s\n", qPrintable(photo));
            return 1;
        }
    }
    std::printf("ESRGAN x4 (UpscalerJS's networks, libtorch) vs Lanczos (swscale) on %d photographs of %s:\n"
                "512x512 centre squares, scaled x4 down to 128x128 and restored; PSNR on 8-bit RGB, SSIM on luma\n",
                int(photos.size()), qPrintable(photosDir));
    for (const bool bicubic : {true, false}) {
        std::printf("\n%s\n", bicubic ? "downscale: bicubic (MATLAB imresize's, as DIV2K's training inputs: the standard protocol)"
                                      : "downscale: area (box average; softer than the training inputs)");
        std::printf("%-40s", "PSNR dB");
        for (int m = 0; m < methods; ++m)
            std::printf(" %9s", methodName(m).c_str());
        std::printf("\n");
        std::vector<double> psnrSum(methods, 0.0), ssimSum(methods, 0.0), psnrYSum(methods, 0.0);
        for (std::size_t p = 0; p < truths.size(); ++p) {
            const Rgb8 small = downscale(truths[p], bicubic);
            std::printf("%-40s", qPrintable(QFileInfo(photos[int(p)]).fileName()));
            for (int m = 0; m < methods; ++m) {
                const Rgb8 restored = m < int(networks.size()) ? toBytes(networks[m].upscale(toFloat(small)))
                                                               : swscaleResize(small, kCell, kCell, SWS_LANCZOS);
                const double value = psnr(restored, truths[p]);
                psnrSum[m] += value;
                ssimSum[m] += ssim(restored, truths[p]);
                psnrYSum[m] += psnrY(restored, truths[p], kScale);
                std::printf(" %9.2f", value);
            }
            std::printf("\n");
            std::fflush(stdout);
        }
        const double count = double(truths.size());
        std::printf("%-40s", "mean PSNR dB");
        for (int m = 0; m < methods; ++m)
            std::printf(" %9.2f", psnrSum[m] / count);
        std::printf("\n%-40s", "mean SSIM");
        for (int m = 0; m < methods; ++m)
            std::printf(" %9.4f", ssimSum[m] / count);
        std::printf("\n%-40s", "mean PSNR-Y dB (papers': Y, 4 px shaved)");
        for (int m = 0; m < methods; ++m)
            std::printf(" %9.2f", psnrYSum[m] / count);
        std::printf("\n%-40s", "network - Lanczos, mean PSNR dB");
        for (int m = 0; m + 1 < methods; ++m)
            std::printf(" %+9.2f", (psnrSum[m] - psnrSum[methods - 1]) / count);
        std::printf("\n%-40s", "network - Lanczos, mean SSIM");
        for (int m = 0; m + 1 < methods; ++m)
            std::printf(" %+9.4f", (ssimSum[m] - ssimSum[methods - 1]) / count);
        std::printf("\n%-40s", "network - Lanczos, mean PSNR-Y dB");
        for (int m = 0; m + 1 < methods; ++m)
            std::printf(" %+9.2f", (psnrYSum[m] - psnrYSum[methods - 1]) / count);
        std::printf("\n");
    }

    // speed: one 512x512 output cell from 128x128 (one tile), best of 2 after a warm-up
    const Rgb8 firstSmall = downscale(truths.front(), true);
    const RgbFloatImage cellInput = toFloat(firstSmall);
    const double lanczosSeconds = bestSeconds(3, [&] { swscaleResize(firstSmall, kCell, kCell, SWS_LANCZOS); });
    std::printf("\nseconds per 512x512 cell (x4 from 128x128), %d threads; Lanczos %.5f s\n", at::get_num_threads(),
                lanczosSeconds);
    for (std::size_t m = 0; m < networks.size(); ++m) {
        networks[m].upscale(cellInput);
        const double seconds = bestSeconds(2, [&] { networks[m].upscale(cellInput); });
        std::printf("  esrgan-%-8s %7.3f s (x%.0f Lanczos; receptive radius %d input px)\n", names[m].c_str(), seconds,
                    seconds / lanczosSeconds, networks[m].receptiveRadius());
    }

    // the TF.js runtime (esrgan-medium) on the same 64x64 input (its pure-JS backend is slow: a smaller input)
    const auto medium = std::find(names.begin(), names.end(), "medium");
    if (medium == names.end())
        return 0;
    const EsrganUpscaler& upscaler = networks[std::size_t(medium - names.begin())];
    const QString prefix = QFileInfo(QString::fromStdString(packages.string()) + QStringLiteral("/../..")).canonicalFilePath();
    const QString script = QStringLiteral(TESSERA_BENCH_SOURCE_DIR "/esrgan_tfjs_time.mjs");
    QTemporaryDir temp;
    const Rgb8 small64 = swscaleResize(firstSmall, 64, 64, SWS_AREA);
    const RgbFloatImage input64 = toFloat(small64);
    QFile inputFile(temp.filePath(QStringLiteral("input.f32")));
    if (!inputFile.open(QIODevice::WriteOnly)
        || inputFile.write(reinterpret_cast<const char*>(input64.pixels.data()), qint64(input64.pixels.size() * sizeof(float)))
               != qint64(input64.pixels.size() * sizeof(float))) {
        std::fprintf(stderr, "bench_upscale: cannot write %s\n", qPrintable(inputFile.fileName()));
        return 1;
    }
    inputFile.close();
    upscaler.upscale(input64);
    const double tessera64 = bestSeconds(2, [&] { upscaler.upscale(input64); });
    QProcess node;
    node.start(QStringLiteral("node"), {script, prefix, QString::number(kScale), QStringLiteral("64"), QStringLiteral("64"),
                                        inputFile.fileName()});
    double tfjs64 = 0;
    if (node.waitForFinished(600000) && node.exitCode() == 0)
        tfjs64 = QString::fromUtf8(node.readAllStandardOutput()).section(QLatin1Char(' '), 1).trimmed().toDouble();
    if (tfjs64 > 0)
        std::printf("esrgan-medium x4 of the same 64x64 input (256x256 out): Tessera %.3f s, TF.js %s (node, cpu backend) %.3f s: "
                    "TF.js / Tessera %.1fx\n", tessera64, "4.11.0", tfjs64, tfjs64 / tessera64);
    else
        std::printf("TF.js timing not run (node with %s's @tensorflow/tfjs: %s)\n", qPrintable(prefix),
                    qPrintable(QString::fromUtf8(node.readAllStandardError()).left(300)));
    return 0;
}
