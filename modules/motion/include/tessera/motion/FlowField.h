#pragma once

#include <QByteArray>

#include <vector>

namespace tessera {

//! A dense displacement field: for each pixel of a grid, where its content goes (dx, dy, in this
//! grid's pixels). Between two cells' images it is their optical flow; scaled and summed, it is
//! how far a cell's content moves toward a blend position.
struct FlowField
{
    int width = 0;
    int height = 0;
    std::vector<float> xy; //!< dx, dy per pixel, rows packed; empty for a still field

    FlowField() = default;
    //! A still field (nothing moves) of the given size.
    FlowField(int w, int h) : width(w), height(h) {}

    bool isNull() const { return width <= 0 || height <= 0; }
    //! Nothing moves: the estimate found no motion that explains the change between the images.
    bool isStill() const;
    //! The field on another grid (bilinear), its vectors scaled to that grid's pixels.
    FlowField resized(int w, int h) const;
    //! Adds factor x other (same size) to this field.
    void addScaled(const FlowField& other, float factor);

    //! The stored form: a small header and the vectors as 1/16 px integers, zlib-compressed
    //! (a 128x96 flow takes some 20 KB; a still one 10 bytes).
    QByteArray encode() const;
    //! Throws MotionError naming `source` when the bytes are not an encoded flow.
    static FlowField decode(const QByteArray& bytes, const QString& source);
};

} // namespace tessera
