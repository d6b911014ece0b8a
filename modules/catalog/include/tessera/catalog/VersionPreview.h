#pragma once

#include <QByteArray>

namespace tessera {

//! A version's small stand-ins, made once when the version is stored, so a grid of thousands of
//! cells is browsed and scored without decoding its full images (a 512 px PNG takes about 100
//! times longer to decode than its preview).
struct VersionPreview
{
    static constexpr int kPreviewSide = 128;  //!< the preview's longest side, in pixels
    static constexpr int kSignatureSide = 16; //!< the signature's side, in pixels

    QByteArray previewPng; //!< the image scaled to fit kPreviewSide (never up), as PNG
    //! kSignatureSide² RGB888 pixels, row-major: the whole image squeezed to a square (aspect
    //! ignored) with smooth scaling, what GridCoherence compares neighbours by.
    QByteArray signature;

    bool isNull() const { return previewPng.isEmpty(); }

    //! The preview and signature of an image (PNG or anything Qt reads); null when the bytes are
    //! not an image.
    static VersionPreview of(const QByteArray& imageBytes);
    //! Only the signature (empty when the bytes are not an image).
    static QByteArray signatureOf(const QByteArray& imageBytes);
};

} // namespace tessera
