#include "tessera/color/ColorProcessor.h"

#include "internal/ColorProcessorPrivate.h"
#include "tessera/core/Parallel.h"

#include <algorithm>
#include <cmath>
#include <mutex>

namespace tessera {

ColorProcessor::ColorProcessor(std::shared_ptr<const ColorConfig> config, const ColorSettings& settings,
    const Grade& grade, const ColorProcessorOptions& options)
    : d(std::make_unique<internal::ColorProcessorPrivate>())
{
    if (!config)
        throw ColorError(QString(), QStringLiteral("no OpenColorIO config"));
    d->config = std::move(config);
    d->workingSpace = settings.workingSpace.isEmpty() ? d->config->workingSpace() : settings.workingSpace;
    d->cellSpace = d->config->cellSpace();
    d->display = settings.display.isEmpty() ? d->config->defaultDisplay() : settings.display;
    d->view = settings.view.isEmpty() ? d->config->defaultView(d->display) : settings.view;
    d->grade = grade;
    d->options = options;
    d->threads = threadCount(options.threads);
    d->build();
}

ColorProcessor::~ColorProcessor() = default;

const ColorConfig& ColorProcessor::config() const { return *d->config; }
QString ColorProcessor::workingSpace() const { return d->workingSpace; }
QString ColorProcessor::display() const { return d->display; }
QString ColorProcessor::view() const { return d->view; }
Grade ColorProcessor::grade() const { return d->grade; }
bool ColorProcessor::usesBakedDisplayPath() const { return d->exportPath == internal::ColorProcessorPrivate::Path::Baked; }
int ColorProcessor::bakedLutSize() const { return usesBakedDisplayPath() ? d->lut.size() : 0; }
const std::array<float, 256>& ColorProcessor::decodeTable() const { return d->decode; }

QImage ColorProcessor::toDisplay(const QImage& cell) const
{
    if (cell.isNull())
        return {};
    // Read the cell, write a new image: one pass over memory rather than a copy then a pass.
    const QImage source = internal::asRgba8888(cell);
    QImage image(source.size(), QImage::Format_RGBA8888);
    const int width = source.width();
    uchar* const bits = image.bits(); // detached once here, not from the worker threads
    const qsizetype stride = image.bytesPerLine();
    using Path = internal::ColorProcessorPrivate::Path;
    parallelRows(source.height(), d->threads, [&](int first, int end) {
        LinearImage row(d->exportPath == Path::Exact ? width : 0, 1);
        for (int y = first; y < end; ++y) {
            const uchar* in = source.constScanLine(y);
            uchar* out = bits + stride * y;
            switch (d->exportPath) {
            case Path::Baked:
                d->lut.applyCodes(in, out, width);
                break;
            case Path::Tables:
                for (int x = 0; x < width; ++x, in += 4, out += 4) {
                    out[0] = d->outputTables[0][in[0]];
                    out[1] = d->outputTables[1][in[1]];
                    out[2] = d->outputTables[2][in[2]];
                    out[3] = in[3];
                }
                break;
            case Path::Exact: {
                // decode and grade per code, then the finish in float, one row at a time
                d->decodeRow(in, width, row.pixel(0, 0));
                OCIO::PackedImageDesc desc(row.rgb.data(), width, 1, 3);
                d->finishFloat->apply(desc);
                const float* rgb = row.pixel(0, 0);
                for (int x = 0; x < width; ++x, in += 4, out += 4, rgb += 3) {
                    out[0] = internal::toByte(rgb[0]);
                    out[1] = internal::toByte(rgb[1]);
                    out[2] = internal::toByte(rgb[2]);
                    out[3] = in[3];
                }
                break;
            }
            }
        }
    });
    return image;
}

LinearImage ColorProcessor::toLinear(const QImage& cell) const
{
    if (cell.isNull())
        return {};
    const QImage image = internal::asRgba8888(cell);
    LinearImage linear(image.width(), image.height());
    parallelRows(image.height(), d->threads, [&](int first, int end) {
        d->decodeRows(image, first, end, linear);
        if (d->afterPrefix && end > first) {
            OCIO::PackedImageDesc desc(linear.pixel(0, first), linear.width, end - first, 3);
            d->afterPrefix->apply(desc);
        }
    });
    return linear;
}

LinearImage ColorProcessor::linearToDisplay(const LinearImage& linear) const
{
    LinearImage display = linear;
    if (!display.isNull())
        d->applyFloatRgb(d->viewFloat, display);
    return display;
}

QImage ColorProcessor::linearToDisplay8(const LinearImage& linear) const
{
    if (linear.isNull())
        return {};
    QImage image(linear.width, linear.height, QImage::Format_RGBA8888);
    if (d->options.displayPath != DisplayPathMode::Exact && !d->viewFloat->isNoOp())
        std::call_once(d->linearLutBaked, [&] { d->bakeLinearChecked(); });
    if (d->linearLutUsable) {
        parallelRows(linear.height, d->threads, [&](int first, int end) {
            for (int y = first; y < end; ++y)
                d->linearLut.applyLinear(linear.pixel(0, y), image.scanLine(y), linear.width);
        });
        return image;
    }
    const LinearImage display = linearToDisplay(linear);
    for (int y = 0; y < display.height; ++y) {
        const float* in = display.pixel(0, y);
        uchar* out = image.scanLine(y);
        for (int x = 0; x < display.width; ++x, in += 3, out += 4) {
            out[0] = internal::toByte(in[0]);
            out[1] = internal::toByte(in[1]);
            out[2] = internal::toByte(in[2]);
            out[3] = 255;
        }
    }
    return image;
}

int ColorProcessor::linearLutSize() const
{
    return d->linearLutUsable ? d->linearLut.size() : 0;
}

QImage ColorProcessor::encodeToCell(const LinearImage& linear) const
{
    if (linear.isNull())
        return {};
    LinearImage encoded = linear;
    d->applyFloatRgb(d->encodeFloat, encoded);
    QImage image(encoded.width, encoded.height, QImage::Format_RGBA8888);
    for (int y = 0; y < encoded.height; ++y) {
        const float* in = encoded.pixel(0, y);
        uchar* out = image.scanLine(y);
        for (int x = 0; x < encoded.width; ++x, in += 3, out += 4) {
            out[0] = internal::toByte(in[0]);
            out[1] = internal::toByte(in[1]);
            out[2] = internal::toByte(in[2]);
            out[3] = 255;
        }
    }
    return image;
}

} // namespace tessera
