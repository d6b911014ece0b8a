#pragma once

#include <QByteArray>
#include <QSize>
#include <QString>

namespace tessera {

class Catalog;

//! The factor (RenderSettings::upscaleFactorFor) an image needs to cover frames of frameSize,
//! its size read from the PNG's header alone; 0 when it covers them already or cannot be read.
int upscaleFactorFor(const QByteArray& png, QSize frameSize);

//! A version's image as frames of frameSize show it when the project upscales with `network`:
//! its stored upscale at the factor it needs when an export made one, else the image itself.
//! What the preview loads: it shows the export's upscales and never runs the network itself.
QByteArray storedCellImage(const Catalog& catalog, qint64 versionId, QSize frameSize, const QString& network);

} // namespace tessera
