#pragma once

// Running the engine's ESRGAN upscaler from tessera-cli (upscale, export --upscale) and the studio
// (its exports) through the upscaler module, loaded only when they upscale (EsrganModule.h).

#include <QImage>
#include <QString>

#include <atomic>

namespace tessera::upscaler {

//! The models/ folder of @upscalerjs/esrgan-NETWORK where run.sh's npm step installed it for this
//! build ($TESSERA_ESRGAN_PACKAGES: another node_modules/@upscalerjs folder).
QString esrganModelsDir(const QString& network);

//! `image` upscaled `factor` times (2, 3, 4 or 8) by the model in `models` (a model's own folder
//! holding model.json, or a models/ folder of x2, x3, x4, x8), as 8-bit RGB. Throws when the
//! module or model cannot be loaded, or the run is cancelled.
QImage esrganUpscale(const QImage& image, int factor, const QString& models, const std::atomic<bool>* cancel = nullptr);

} // namespace tessera::upscaler
