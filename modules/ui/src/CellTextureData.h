#pragma once

#include <QtQuick3D/QQuick3DTextureData>

#include <QImage>

namespace tessera {

//! A cell's image as a Qt Quick 3D texture: RGBA8 pixels handed to the scene as they are, no
//! image provider or file round trip. Owned by the TesseractView that made it, one per tile,
//! refilled in place (setImage) while the tile's delegate lives, renewed with a new delegate.
class CellTextureData : public QQuick3DTextureData
{
    Q_OBJECT
public:
    using QQuick3DTextureData::QQuick3DTextureData;

    void setImage(const QImage& image)
    {
        // Quick 3D's texture rows run bottom-up, QImage's top-down.
        const QImage rgba = image.convertToFormat(QImage::Format_RGBA8888).mirrored();
        setSize(rgba.size());
        setFormat(QQuick3DTextureData::RGBA8);
        setHasTransparency(false);
        setTextureData(QByteArray(reinterpret_cast<const char*>(rgba.constBits()), int(rgba.sizeInBytes())));
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
