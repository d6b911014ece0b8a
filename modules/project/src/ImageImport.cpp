#include "tessera/project/ImageImport.h"

#include "tessera/project/ProjectError.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QJsonObject>

namespace tessera {

namespace {

Version versionFrom(qint64 cellId, QImageReader& reader, const QString& origin)
{
    const QImage image = reader.read();
    if (image.isNull())
        throw ProjectError(origin, QStringLiteral("cannot read the image (%1)").arg(reader.errorString()));
    Version version;
    version.cellId = cellId;
    QBuffer buffer(&version.png);
    buffer.open(QIODevice::WriteOnly);
    if (!image.convertToFormat(QImage::Format_RGB888).save(&buffer, "PNG"))
        throw ProjectError(origin, QStringLiteral("cannot store the image as PNG"));
    version.width = image.width();
    version.height = image.height();
    version.recipe = QJsonObject{{QStringLiteral("source"), QStringLiteral("import")},
        {QStringLiteral("file"), QFileInfo(origin).absoluteFilePath()}};
    return version;
}

} // namespace

Version importImageVersion(qint64 cellId, const QString& file)
{
    QImageReader reader(file);
    return versionFrom(cellId, reader, file);
}

Version importImageVersion(qint64 cellId, const QByteArray& bytes, const QString& origin)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    return versionFrom(cellId, reader, origin);
}

} // namespace tessera
