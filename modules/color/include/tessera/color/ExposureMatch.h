#pragma once

#include <QImage>
#include <QVector>

#include <array>

namespace tessera {

//! What match exposure found: per cell its median log2-luminance (in linear light) and the
//! offset in stops that brings it to the grid's median.
struct ExposureMatch
{
    double targetLog2 = 0.0;       //!< the grid's median: the median of the cells' medians
    QVector<double> medianLog2;    //!< per cell, in the order given
    QVector<double> offsetStops;   //!< per cell: targetLog2 - medianLog2 (0 for an empty image)
};

//! The IEC 61966-2-1 sRGB decode of the 256 8-bit code values, for callers without a config.
const std::array<float, 256>& srgbDecodeTable();

//! Median log2 of Rec.709 luminance of an 8-bit image decoded to linear light by table
//! (for example ColorProcessor::decodeTable()). Pure. NaN for an empty image.
double medianLog2Luminance(const QImage& image, const std::array<float, 256>& decode = srgbDecodeTable());

//! Match exposure across a grid or segment: each cell's offset in stops that brings its median
//! log-luminance to the grid's median (brightness jumps between neighbours read as flicker).
//! Pure: images in, offsets out; the caller stores them as cell grades.
ExposureMatch matchExposure(const QVector<QImage>& cells, const std::array<float, 256>& decode = srgbDecodeTable());

} // namespace tessera
