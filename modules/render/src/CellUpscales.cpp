#include "tessera/render/CellUpscales.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/core/RenderSettings.h"

#include <QBuffer>
#include <QImageReader>

namespace tessera {

int upscaleFactorFor(const QByteArray& png, QSize frameSize)
{
    QBuffer buffer;
    buffer.setData(png);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    return RenderSettings::upscaleFactorFor(reader.size(), frameSize);
}

QByteArray storedCellImage(const Catalog& catalog, qint64 versionId, QSize frameSize, const QString& network)
{
    QByteArray png = catalog.versionImage(versionId);
    if (network.isEmpty())
        return png;
    const int factor = upscaleFactorFor(png, frameSize);
    if (factor == 0)
        return png;
    QByteArray upscaled = catalog.versionUpscale(versionId, factor, network);
    return upscaled.isEmpty() ? png : upscaled;
}

} // namespace tessera
