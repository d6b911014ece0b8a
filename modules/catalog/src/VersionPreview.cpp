#include "tessera/catalog/VersionPreview.h"

#include <QBuffer>
#include <QImage>

namespace tessera {

namespace {

QByteArray signatureOfImage(const QImage& image)
{
    const QImage small = image.convertToFormat(QImage::Format_RGB888)
                             .scaled(VersionPreview::kSignatureSide, VersionPreview::kSignatureSide,
                                 Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    QByteArray signature;
    const int lineBytes = VersionPreview::kSignatureSide * 3;
    signature.reserve(lineBytes * VersionPreview::kSignatureSide);
    for (int y = 0; y < small.height(); ++y)
        signature.append(reinterpret_cast<const char*>(small.constScanLine(y)), lineBytes);
    return signature;
}

} // namespace

VersionPreview VersionPreview::of(const QByteArray& imageBytes)
{
    const QImage image = QImage::fromData(imageBytes);
    if (image.isNull())
        return {};
    VersionPreview preview;
    preview.signature = signatureOfImage(image);
    const QImage fitted = image.width() > kPreviewSide || image.height() > kPreviewSide
        ? image.scaled(kPreviewSide, kPreviewSide, Qt::KeepAspectRatio, Qt::SmoothTransformation)
        : image;
    QBuffer buffer(&preview.previewPng);
    buffer.open(QIODevice::WriteOnly);
    fitted.save(&buffer, "PNG");
    return preview;
}

QByteArray VersionPreview::signatureOf(const QByteArray& imageBytes)
{
    const QImage image = QImage::fromData(imageBytes);
    return image.isNull() ? QByteArray() : signatureOfImage(image);
}

} // namespace tessera
