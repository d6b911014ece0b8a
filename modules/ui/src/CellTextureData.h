#pragma once

#include <QtQuick3D/QQuick3DTextureData>

#include <QImage>

namespace tessera {

//! A cell's image, or a big plane's mosaic of them, as a Qt Quick 3D texture: RGBA8 pixels
//! handed to the scene as they are, no image provider or file round trip. Owned by the
//! TesseractView that made it, one per tile or mosaic, refilled in place (setImage, setRgbaRows)
//! while the delegate showing it lives, renewed with a new delegate.
class CellTextureData : public QQuick3DTextureData
{
    Q_OBJECT
public:
    using QQuick3DTextureData::QQuick3DTextureData;

    //! An image's pixels as the texture wants them; pure, so the loading thread makes a mosaic's.
    static QByteArray rgbaRows(const QImage& image)
    {
        // Quick 3D's texture rows run bottom-up, QImage's top-down.
        const QImage rgba = image.convertToFormat(QImage::Format_RGBA8888).mirrored();
        return QByteArray(reinterpret_cast<const char*>(rgba.constBits()), int(rgba.sizeInBytes()));
    }

    void setImage(const QImage& image) { setRgbaRows(image.size(), rgbaRows(image), false); }

    //! Pixels made by rgbaRows(); transparent: some are clear (a mosaic's gaps).
    void setRgbaRows(QSize size, const QByteArray& rows, bool transparent)
    {
        setSize(size);
        setFormat(QQuick3DTextureData::RGBA8);
        setHasTransparency(transparent);
        setTextureData(rows);
    }

    //! The same pixels as other (implicitly shared), for a texture data object of a new delegate.
    void copyFrom(const CellTextureData& other)
    {
        setSize(other.size());
        setFormat(other.format());
        setHasTransparency(other.hasTransparency());
        setTextureData(other.textureData());
    }
};

} // namespace tessera
