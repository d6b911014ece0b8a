#pragma once

// Private to modules/color: what a ColorProcessor compiles once (OCIO processors, per-code
// tables, baked LUTs) and how it checks its baked LUTs against the exact chain.
#include "tessera/color/ColorProcessor.h"

#include "internal/BakedDisplayLut.h"
#include "internal/OcioConfig.h"

#include <QImage>

#include <algorithm>
#include <array>
#include <cmath>
#include <mutex>

namespace tessera::internal {

using PrefixTables = std::array<std::array<float, 256>, 3>;

//! Everything a ColorProcessor compiles once; const after build() (the linear LUT is baked on
//! first use, under a once_flag), so any number of threads may apply it.
struct ColorProcessorPrivate
{
    std::shared_ptr<const ColorConfig> config;
    QString workingSpace;
    QString cellSpace;
    QString display;
    QString view;
    Grade grade;
    ColorProcessorOptions options;
    int threads = 1;

    // The chain splits where channel crosstalk starts: a per-channel prefix (decode, exposure,
    // gamma) evaluated once per 8-bit code, and the finish (saturation, display/view) in float.
    std::array<float, 256> decode{}; //!< code -> working space, no grade
    PrefixTables prefix{};           //!< code -> graded working space, per channel
    bool separableDecode = true; //!< false when decoding cells mixes channels (other primaries)
    OCIO::ConstCPUProcessorRcPtr afterPrefix;     //!< the rest of toLinear after the prefix; may be null
    OCIO::ConstCPUProcessorRcPtr finishFloat;     //!< graded working space -> display (saturation, view)
    OCIO::ConstCPUProcessorRcPtr viewFloat;       //!< working space -> display/view
    OCIO::ConstCPUProcessorRcPtr encodeFloat;     //!< working space -> cell encoding
    // The 8-bit export path, one of: per-channel output tables (exact, when the finish has no
    // crosstalk), the baked 3D LUT, or the exact float finish.
    enum class Path { Tables, Baked, Exact } exportPath = Path::Exact;
    std::array<std::array<uchar, 256>, 3> outputTables{};
    BakedDisplayLut lut; //!< 8-bit cells -> display, when exportPath is Baked
    mutable BakedDisplayLut linearLut; //!< scene-linear floats -> display, baked on first use
    mutable std::once_flag linearLutBaked;
    mutable bool linearLutUsable = false; //!< false: the LUT missed the check, exact OCIO instead
    OCIO::ConstCPUProcessorRcPtr decodeFloat; //!< cell encoding -> working space

    OCIO::ConstCPUProcessorRcPtr cpuFloat(const OCIO::ConstTransformRcPtr& transform) const
    {
        return config->ocio().config->getProcessor(transform)->getOptimizedCPUProcessor(
            OCIO::BIT_DEPTH_F32, OCIO::BIT_DEPTH_F32, OCIO::OPTIMIZATION_DEFAULT);
    }

    void build();
    void bakeChecked();
    void bakeLinearChecked() const;
    double codeLutShareOffByMoreThanOne() const;
    double linearLutShareOffByMoreThanOne() const;
    PrefixTables codeTables(const OCIO::ConstTransformRcPtr& transform, const QString& what) const;
    std::array<float, 256> greyTable(const OCIO::ConstCPUProcessorRcPtr& cpu) const;
    void applyFloatRgb(const OCIO::ConstCPUProcessorRcPtr& cpu, LinearImage& image) const;
    void decodeRow(const uchar* rgba, int width, float* rgb) const;
    void decodeRows(const QImage& image, int first, int end, LinearImage& linear) const;
};

//! Any QImage as non-premultiplied RGBA8888, the layout every 8-bit path works on.
inline QImage asRgba8888(const QImage& image)
{
    return image.format() == QImage::Format_RGBA8888 ? image : image.convertToFormat(QImage::Format_RGBA8888);
}

inline uchar toByte(float value)
{
    return uchar(std::lround(std::clamp(value, 0.0f, 1.0f) * 255.0f));
}

} // namespace tessera::internal
