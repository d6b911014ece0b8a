#pragma once

// Shared by tst_generation and its child process: the tiny test model and the small grids the
// tests generate (few steps, small images, so the suite stays fast on two CPU cores).

#include "tessera/catalog/Catalog.h"
#include "tessera/generation/CellRecipe.h"

#include <QDir>

// The back-end the tests generate with (tests/CMakeLists.txt): the libtorch plugin, or the fake
// one in the build without libtorch.
#ifndef TESSERA_TEST_GENERATOR
#define TESSERA_TEST_GENERATOR "diffusion-libtorch"
#endif

namespace tessera::testing {

//! The backendName() of that plugin.
inline QString testGenerator()
{
    return QStringLiteral(TESSERA_TEST_GENERATOR);
}

//! A random-weight Stable Diffusion-shaped model in the diffusers layout (tests/diffusion/data).
inline QString tinyModel()
{
    return QStringLiteral(TESSERA_TINY_MODEL);
}

//! A file of the diffusion tests' reference data beside tiny-sd, e.g. "sd-reference-2/lora/tiny-sd-kohya.safetensors".
inline QString diffusionTestData(const QString& relative)
{
    return QDir::cleanPath(tinyModel() + QStringLiteral("/../") + relative);
}

//! tiny-sd's kohya LoRA and a textual-inversion embedding made for it.
inline QString tinyModelLora()
{
    return diffusionTestData(QStringLiteral("sd-reference-2/lora/tiny-sd-kohya.safetensors"));
}

inline QString tinyModelEmbedding()
{
    return diffusionTestData(QStringLiteral("sd-reference-2/textual-inversion/tessera-style.safetensors"));
}

//! A segment of rows x cols cells whose X axis weights a term and whose Y axis walks the seed.
inline Segment gridSegment(int rows, int cols, quint32 seed = 42)
{
    Segment segment;
    segment.range = TimeRange{0, 4000};
    segment.lyric = QStringLiteral("a red heart under the moon");
    segment.prompt = QStringLiteral("a red heart under the moon");
    segment.seed = seed;
    segment.grid = GridGeometry(rows, cols);
    segment.axisX.variation = AxisVariation::TermWeight;
    segment.axisX.term = QStringLiteral("moon");
    segment.axisX.from = 0.5;
    segment.axisX.to = 1.5;
    segment.axisY.variation = AxisVariation::SeedWalk;
    segment.axisY.from = 0.0;
    segment.axisY.to = 0.6;
    return segment;
}

//! Options for the tiny model: 3 DDIM steps at 32x32.
inline GenerationOptions fastOptions(const QString& modelHash)
{
    GenerationOptions options;
    options.steps = 3;
    options.sampler = QStringLiteral("ddim");
    options.guidance = 5.0;
    options.width = 32;
    options.height = 32;
    options.model = tinyModel();
    options.modelHash = modelHash;
    options.backend = testGenerator();
    return options;
}

} // namespace tessera::testing
