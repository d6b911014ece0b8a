#pragma once

// Renders an 8-bit cell through a ColorShader with OpenGL (an offscreen surface and a float
// framebuffer), the way the viewer will: for the CPU/GPU agreement test. Returns no image when
// no OpenGL context can be created here, with the reason.
#include "tessera/color/ColorProcessor.h"
#include "tessera/color/ColorShader.h"

#include <QImage>
#include <QString>

namespace tessera::testing {

struct GpuRenderResult
{
    LinearImage display; //!< display values as floats; null when skipped or failed
    QString problem;     //!< why there is no image
};

GpuRenderResult renderWithOpenGl(const ColorShader& shader, const QImage& cell);

} // namespace tessera::testing
