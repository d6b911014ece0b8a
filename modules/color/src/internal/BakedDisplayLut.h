#pragma once

#include "internal/OcioConfig.h"

#include <QtGlobal>

#include <array>
#include <vector>

namespace tessera::internal {

//! A display transform baked once into a 3D LUT with 8-bit output, for the CPU paths where
//! evaluating OCIO per pixel is too slow (the ACES tone mapping costs ~150 ns a pixel).
//!
//! The grid lives in a shaped domain, and each input channel is turned into a grid cell and a
//! position in it by a table: for 8-bit cells, one entry per code value (the exact per-channel
//! prefix - decode, exposure, gamma - folded in, the sRGB curve over the graded range as shaper);
//! for scene-linear floats, one entry per half-float step of log2(v + 2^-12) over [-12, +8]
//! stops. OCIO samples the rest of the chain (saturation, view, display) at the nodes, and
//! tetrahedral interpolation in fixed point fills in between.
//! Hand-written rather than OCIO's Lut3D op because that op converts every 8-bit pixel to float
//! and back and was about as slow per pixel as this whole path is (see bench_color).
class BakedDisplayLut
{
public:
    using CodeTable = std::array<float, 256>;

    //! For 8-bit cells: prefix maps code values to the finish's input per channel (R, G, B);
    //! finish takes those to display values. prefixIsLinear: the prefix yields linear light (the
    //! grid is then shaped by the sRGB curve), else already-encoded values (no shaper).
    void bakeForCodes(const std::array<CodeTable, 3>& prefix, const OCIO::ConstCPUProcessorRcPtr& finish,
        int size, int threads, bool prefixIsLinear = true);
    //! For scene-linear working-space floats (the compositor's blend); view takes them to display.
    void bakeForLinear(const OCIO::ConstCPUProcessorRcPtr& view, int size, int threads);

    int size() const { return m_size; }

    //! 8-bit cells: width RGBA8888 pixels from in to out (alpha copied); in may equal out.
    void applyCodes(const unsigned char* in, unsigned char* out, int width) const;
    //! Scene-linear floats: width RGB float pixels to RGBA8888 (alpha 255).
    void applyLinear(const float* rgb, unsigned char* rgba, int width) const;

private:
    struct Node
    {
        qint16 rgb[4]; //!< display values in fixed point (code * 64, unclamped), the 4th unused
    };
    struct Tetrahedron
    {
        int step1;    //!< node offset of the second corner
        int step2;    //!< node offset of the third corner
        int order[3]; //!< channels by decreasing fraction (for reference; apply sorts by min/max)
    };
    //! Where one channel value falls: the cell's first node (as an offset) and the position in it.
    struct Position
    {
        int offset;
        int fraction; //!< 0..256
    };

    void prepareGrid(int size);
    template <typename NodeValue>
    void sampleNodes(const OCIO::ConstCPUProcessorRcPtr& processor, NodeValue nodeValue, int threads);
    Position position(int channel, double gridPosition) const;

    int m_size = 0;
    std::vector<Node> m_lut; //!< size^3 nodes, index ((r * size) + g) * size + b
    std::array<Tetrahedron, 8> m_tetrahedra{}; //!< by the three fraction comparisons
    std::array<int, 16> m_steps{};             //!< the same, as step1, step2 pairs for the loops
    std::array<std::array<Position, 256>, 3> m_codes{}; //!< bakeForCodes: per channel and code
    std::vector<Position> m_linear; //!< bakeForLinear: per half-float step of v + 2^-12 (R, G, B alike)
    std::array<int, 3> m_stride{};
    int m_diagonal = 0; //!< node offset of corner (1,1,1)
};

} // namespace tessera::internal
