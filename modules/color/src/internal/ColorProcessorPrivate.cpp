#include "internal/ColorProcessorPrivate.h"

#include "internal/GradeTransform.h"
#include "tessera/core/Parallel.h"

#include <vector>

namespace tessera::internal {

namespace {

OCIO::TransformRcPtr colorSpaceTransform(const QString& from, const QString& to)
{
    auto transform = OCIO::ColorSpaceTransform::Create();
    transform->setSrc(toStd(from).c_str());
    transform->setDst(toStd(to).c_str());
    return transform;
}

OCIO::TransformRcPtr displayViewTransform(const QString& from, const QString& display, const QString& view)
{
    auto transform = OCIO::DisplayViewTransform::Create();
    transform->setSrc(toStd(from).c_str());
    transform->setDisplay(toStd(display).c_str());
    transform->setView(toStd(view).c_str());
    return transform;
}

} // namespace

//! What a per-channel processor makes of the 256 grey code values (its red channel).
std::array<float, 256> ColorProcessorPrivate::greyTable(const OCIO::ConstCPUProcessorRcPtr& cpu) const
{
    std::vector<float> codes(256 * 3);
    for (int code = 0; code < 256; ++code)
        std::fill_n(codes.begin() + code * 3, 3, code / 255.0f);
    OCIO::PackedImageDesc desc(codes.data(), 256, 1, 3);
    cpu->apply(desc);
    std::array<float, 256> table{};
    for (std::size_t code = 0; code < 256; ++code)
        table[code] = codes[code * 3];
    return table;
}

PrefixTables ColorProcessorPrivate::codeTables(const OCIO::ConstTransformRcPtr& transform, const QString& what) const
{
    const auto cpu = cpuFloat(transform);
    if (cpu->hasChannelCrosstalk())
        throw ColorError(config->path(), QStringLiteral("%1 does not work channel by channel").arg(what));
    std::vector<float> codes(256 * 3);
    for (int code = 0; code < 256; ++code)
        std::fill_n(codes.begin() + code * 3, 3, code / 255.0f);
    OCIO::PackedImageDesc desc(codes.data(), 256, 1, 3);
    cpu->apply(desc);
    PrefixTables tables{};
    for (int code = 0; code < 256; ++code) {
        for (int c = 0; c < 3; ++c)
            tables[std::size_t(c)][std::size_t(code)] = codes[std::size_t(code) * 3 + std::size_t(c)];
    }
    return tables;
}

void ColorProcessorPrivate::build()
{
    const QString path = config->path();
    if (!config->hasColorSpace(workingSpace))
        throw ColorError(path, QStringLiteral("no colour space \"%1\" for the working space").arg(workingSpace));
    if (!config->displays().contains(display))
        throw ColorError(path, QStringLiteral("no display \"%1\" (it offers %2)").arg(display, config->displays().join(QStringLiteral(", "))));
    if (!config->views(display).contains(view))
        throw ColorError(path, QStringLiteral("display \"%1\" has no view \"%2\" (it offers %3)")
            .arg(display, view, config->views(display).join(QStringLiteral(", "))));

    withOcioErrors(path, [&] {
        const auto toWorking = colorSpaceTransform(cellSpace, workingSpace);
        const auto toDisplay = displayViewTransform(workingSpace, display, view);
        const auto saturation = internal::makeSaturationTransform(grade);

        const auto exposureGamma = internal::makeExposureGammaTransform(grade);
        // Decoding 8-bit cells is per channel when the working space shares the cells' primaries
        // (the bundled config); with other primaries (ACEScg) a matrix follows the curve, and the
        // prefix is then the plain code value with everything else in the finish.
        decodeFloat = cpuFloat(toWorking);
        separableDecode = !decodeFloat->hasChannelCrosstalk();
        decode = greyTable(decodeFloat);
        auto linearRest = OCIO::GroupTransform::Create();
        auto finish = OCIO::GroupTransform::Create();
        if (separableDecode) {
            auto prefixTransform = OCIO::GroupTransform::Create();
            prefixTransform->appendTransform(toWorking);
            prefixTransform->appendTransform(exposureGamma);
            prefix = codeTables(prefixTransform, QStringLiteral("the exposure and gamma grade"));
        } else {
            for (auto& table : prefix) {
                for (int code = 0; code < 256; ++code)
                    table[std::size_t(code)] = code / 255.0f;
            }
            linearRest->appendTransform(toWorking);
            linearRest->appendTransform(exposureGamma);
            finish->appendTransform(toWorking);
            finish->appendTransform(exposureGamma);
        }
        linearRest->appendTransform(saturation);
        if (!separableDecode || grade.saturation != 1.0)
            afterPrefix = cpuFloat(linearRest);
        finish->appendTransform(saturation);
        finish->appendTransform(toDisplay);
        finishFloat = cpuFloat(finish);
        viewFloat = cpuFloat(toDisplay);
        encodeFloat = cpuFloat(colorSpaceTransform(workingSpace, cellSpace));

        const bool separable = !finishFloat->hasChannelCrosstalk();
        if (options.displayPath == DisplayPathMode::Exact) {
            exportPath = Path::Exact;
        } else if (separable && options.displayPath == DisplayPathMode::Auto) {
            // Every channel on its own from end to end: 256 exact outputs per channel, found by
            // sending each channel's graded codes through the finish as grey pixels.
            exportPath = Path::Tables;
            for (std::size_t c = 0; c < 3; ++c) {
                std::vector<float> grey(256 * 3);
                for (std::size_t code = 0; code < 256; ++code)
                    std::fill_n(grey.begin() + std::ptrdiff_t(code * 3), 3, prefix[c][code]);
                OCIO::PackedImageDesc desc(grey.data(), 256, 1, 3);
                finishFloat->apply(desc);
                for (std::size_t code = 0; code < 256; ++code)
                    outputTables[c][code] = toByte(grey[code * 3 + c]);
            }
        } else {
            exportPath = Path::Baked;
            bakeChecked();
        }
    });
}

namespace {

constexpr int kCheckSamples = 8192;
constexpr double kMaxShareOff = 0.005; //!< a baked LUT may miss by more than one code on 0.5% of channels

//! The share of channels where two RGBA8888 buffers differ by more than one code.
double shareOffByMoreThanOne(const std::vector<uchar>& a, const std::vector<uchar>& b)
{
    int off = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        off += (i % 4 != 3) && std::abs(int(a[i]) - int(b[i])) > 1;
    return double(off) / (double(a.size()) * 3.0 / 4.0);
}

std::vector<uchar> toRgba8(const std::vector<float>& rgb)
{
    std::vector<uchar> rgba(rgb.size() / 3 * 4, 255);
    for (std::size_t i = 0; i < rgb.size() / 3; ++i) {
        for (std::size_t c = 0; c < 3; ++c)
            rgba[i * 4 + c] = toByte(rgb[i * 3 + c]);
    }
    return rgba;
}

} // namespace

//! The share of channels on which the baked code LUT misses the exact chain by more than one
//! code, over a fixed pseudo-random sample of 8-bit inputs.
double ColorProcessorPrivate::codeLutShareOffByMoreThanOne() const
{
    std::vector<uchar> pixels(std::size_t(kCheckSamples) * 4, 255);
    quint32 state = 0x7e55e7au;
    for (std::size_t i = 0; i < pixels.size(); ++i) {
        state = state * 1664525u + 1013904223u;
        if (i % 4 != 3)
            pixels[i] = uchar(state >> 24);
    }
    std::vector<float> exact(std::size_t(kCheckSamples) * 3);
    for (std::size_t i = 0; i < std::size_t(kCheckSamples); ++i) {
        for (std::size_t c = 0; c < 3; ++c)
            exact[i * 3 + c] = prefix[c][pixels[i * 4 + c]];
    }
    OCIO::PackedImageDesc desc(exact.data(), kCheckSamples, 1, 3);
    finishFloat->apply(desc);
    lut.applyCodes(pixels.data(), pixels.data(), kCheckSamples);
    return shareOffByMoreThanOne(pixels, toRgba8(exact));
}

//! The same for the linear LUT, over working-space values as blends of graded cells produce:
//! decoded random 8-bit colours at random exposures (-4..+4 stops), plus values spread evenly
//! in stops per channel (2^-12..2^6, out of gamut and HDR) and some black.
double ColorProcessorPrivate::linearLutShareOffByMoreThanOne() const
{
    std::vector<float> linear(std::size_t(kCheckSamples) * 3);
    quint32 state = 0x11ea5u;
    const auto unit = [&] {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) / double(1u << 24);
    };
    const std::size_t decoded = std::size_t(kCheckSamples) * 3 / 4;
    for (std::size_t i = 0; i < linear.size(); ++i)
        linear[i] = i < decoded * 3 ? float(std::floor(unit() * 256.0) / 255.0) : (unit() < 0.05 ? 0.0f : float(std::exp2(-12.0 + 18.0 * unit())));
    OCIO::PackedImageDesc decodeDesc(linear.data(), long(decoded), 1, 3);
    decodeFloat->apply(decodeDesc);
    for (std::size_t i = 0; i < decoded; ++i) {
        const float scale = float(std::exp2(-4.0 + 8.0 * unit()));
        for (std::size_t c = 0; c < 3; ++c)
            linear[i * 3 + c] *= scale;
    }
    std::vector<uchar> baked(std::size_t(kCheckSamples) * 4);
    linearLut.applyLinear(linear.data(), baked.data(), kCheckSamples);
    OCIO::PackedImageDesc desc(linear.data(), kCheckSamples, 1, 3);
    viewFloat->apply(desc);
    return shareOffByMoreThanOne(baked, toRgba8(linear));
}

void ColorProcessorPrivate::bakeChecked()
{
    // A 3D LUT is exact at its nodes only; where the chain clips hard (strong grades pushing
    // colours out of the display's gamut) a coarse grid misses by several codes. So the bake is
    // measured against the exact chain and refined while more than 0.5% of channels miss by
    // more than one code, up to OCIO's largest grid (129).
    // Where even the largest grid misses, the exact chain is used instead.
    int size = std::clamp(options.lutSize, 2, 129);
    lut.bakeForCodes(prefix, finishFloat, size, threads, separableDecode);
    double off = codeLutShareOffByMoreThanOne();
    while (size < 129 && off > kMaxShareOff) {
        size = std::min(129, size * 2 - 1);
        lut.bakeForCodes(prefix, finishFloat, size, threads, separableDecode);
        off = codeLutShareOffByMoreThanOne();
    }
    if (off > kMaxShareOff)
        exportPath = Path::Exact;
}

void ColorProcessorPrivate::bakeLinearChecked() const
{
    int size = std::clamp(options.lutSize, 2, 129);
    linearLut.bakeForLinear(viewFloat, size, threads);
    double off = linearLutShareOffByMoreThanOne();
    while (size < 129 && off > kMaxShareOff) {
        size = std::min(129, size * 2 - 1);
        linearLut.bakeForLinear(viewFloat, size, threads);
        off = linearLutShareOffByMoreThanOne();
    }
    linearLutUsable = off <= kMaxShareOff;
}

void ColorProcessorPrivate::decodeRow(const uchar* in, int width, float* out) const
{
    for (int x = 0; x < width; ++x, in += 4, out += 3) {
        out[0] = prefix[0][in[0]];
        out[1] = prefix[1][in[1]];
        out[2] = prefix[2][in[2]];
    }
}

void ColorProcessorPrivate::decodeRows(const QImage& image, int first, int end, LinearImage& linear) const
{
    for (int y = first; y < end; ++y)
        decodeRow(image.constScanLine(y), image.width(), linear.pixel(0, y));
}

void ColorProcessorPrivate::applyFloatRgb(const OCIO::ConstCPUProcessorRcPtr& processor, LinearImage& image) const
{
    parallelRows(image.height, threads, [&](int first, int end) {
        if (end <= first)
            return;
        OCIO::PackedImageDesc desc(image.pixel(0, first), image.width, end - first, 3);
        processor->apply(desc);
    });
}

} // namespace tessera::internal
