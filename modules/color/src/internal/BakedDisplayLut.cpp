#include "internal/BakedDisplayLut.h"

#include "tessera/core/Parallel.h"

#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace tessera::internal {

namespace {

// The code shaper only places grid nodes (both directions used consistently), so the plain
// IEC 61966-2-1 curve written here is enough.
double srgbShape(double linear)
{
    return linear <= 0.0031308 ? linear * 12.92 : 1.055 * std::pow(linear, 1.0 / 2.4) - 0.055;
}

double srgbUnshape(double encoded)
{
    return encoded <= 0.04045 ? encoded / 12.92 : std::pow((encoded + 0.055) / 1.055, 2.4);
}

// The linear shaper: log2(v + 2^-12) over [-12, +8] stops (up to 256 times diffuse white).
constexpr double kLogMin = -12.0;
constexpr double kLogMax = 8.0;
constexpr float kLogOffset = 1.0f / 4096.0f;
// Half-float steps: the top 10 mantissa bits of v + 2^-12, from 2^-12 up to 2^8.
constexpr int kMantissaShift = 13;
inline quint32 floatBits(float value)
{
    quint32 bits;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}
const quint32 kFirstStep = floatBits(kLogOffset) >> kMantissaShift;
const quint32 kLastStep = floatBits(float(std::exp2(kLogMax))) >> kMantissaShift;

//! A display value in fixed point, code * 64, unclamped between -2 and 2: the view's values
//! outside [0, 1] (out-of-gamut colours, before the final clip) interpolate smoothly and clip
//! per pixel, where clipping at the nodes would bend every cell next to the clip.
constexpr int kFixedShift = 6;
qint16 toFixed(float value)
{
    return qint16(std::lround(std::clamp(double(value), -2.0, 2.0) * 255.0 * (1 << kFixedShift)));
}

} // namespace

void BakedDisplayLut::prepareGrid(int size)
{
    m_size = std::clamp(size, 2, 129);
    const int n = m_size;
    m_stride = {n * n, n, 1};
    m_diagonal = n * n + n + 1;
    // The tetrahedron holding a point follows from comparing its fractions (r >= g, g >= b,
    // r >= b): walk from corner (0,0,0) to (1,1,1) along the largest fraction first.
    for (int key = 0; key < 8; ++key) {
        const bool rg = key & 4;
        const bool gb = key & 2;
        const bool rb = key & 1;
        int order[3] = {2, 1, 0};
        if (rg && gb) { order[0] = 0; order[1] = 1; order[2] = 2; }
        else if (rg && rb) { order[0] = 0; order[1] = 2; order[2] = 1; }
        else if (rg) { order[0] = 2; order[1] = 0; order[2] = 1; }
        else if (gb && rb) { order[0] = 1; order[1] = 0; order[2] = 2; }
        else if (gb) { order[0] = 1; order[1] = 2; order[2] = 0; }
        Tetrahedron& t = m_tetrahedra[std::size_t(key)];
        std::copy(order, order + 3, t.order);
        t.step1 = m_stride[std::size_t(order[0])];
        t.step2 = m_stride[std::size_t(order[0])] + m_stride[std::size_t(order[1])];
        m_steps[std::size_t(key) * 2] = t.step1;
        m_steps[std::size_t(key) * 2 + 1] = t.step2;
    }
}

BakedDisplayLut::Position BakedDisplayLut::position(int channel, double gridPosition) const
{
    const double clamped = std::clamp(gridPosition, 0.0, double(m_size - 1));
    const int cell = std::min(int(clamped), m_size - 2);
    return {cell * m_stride[std::size_t(channel)], int(std::lround((clamped - cell) * 256.0))};
}

template <typename NodeValue>
void BakedDisplayLut::sampleNodes(const OCIO::ConstCPUProcessorRcPtr& processor, NodeValue nodeValue, int threads)
{
    const int n = m_size;
    m_lut.assign(std::size_t(n) * n * n, Node{});
    parallelRows(n, threads, [&](int first, int end) {
        std::vector<float> plane(std::size_t(n) * n * 3);
        for (int r = first; r < end; ++r) {
            for (int g = 0; g < n; ++g) {
                for (int b = 0; b < n; ++b) {
                    float* rgb = plane.data() + (std::size_t(g) * n + b) * 3;
                    rgb[0] = nodeValue(0, r);
                    rgb[1] = nodeValue(1, g);
                    rgb[2] = nodeValue(2, b);
                }
            }
            OCIO::PackedImageDesc desc(plane.data(), long(n) * n, 1, 3);
            processor->apply(desc);
            Node* nodes = m_lut.data() + std::size_t(r) * n * n;
            for (std::size_t i = 0; i < std::size_t(n) * n; ++i) {
                for (std::size_t c = 0; c < 3; ++c)
                    nodes[i].rgb[c] = toFixed(plane[i * 3 + c]);
            }
        }
    });
}

void BakedDisplayLut::bakeForCodes(const std::array<CodeTable, 3>& prefix, const OCIO::ConstCPUProcessorRcPtr& finish,
    int size, int threads, bool prefixIsLinear)
{
    const auto shape = [&](double value) { return prefixIsLinear ? srgbShape(value) : value; };
    const auto unshape = [&](double value) { return prefixIsLinear ? srgbUnshape(value) : value; };
    prepareGrid(size);
    const int n = m_size;
    // Per channel the grid spans the graded range [low, low + span], shaped by the sRGB curve.
    std::array<double, 3> low{};
    std::array<double, 3> span{};
    for (int c = 0; c < 3; ++c) {
        const auto [minIt, maxIt] = std::minmax_element(prefix[std::size_t(c)].begin(), prefix[std::size_t(c)].end());
        low[std::size_t(c)] = std::min(0.0, double(*minIt));
        span[std::size_t(c)] = std::max(1e-12, double(*maxIt) - low[std::size_t(c)]);
        for (int code = 0; code < 256; ++code) {
            const double value = (prefix[std::size_t(c)][std::size_t(code)] - low[std::size_t(c)]) / span[std::size_t(c)];
            m_codes[std::size_t(c)][std::size_t(code)] = position(c, shape(value) * (n - 1));
        }
    }
    sampleNodes(finish, [&](int c, int node) {
        return float(low[std::size_t(c)] + span[std::size_t(c)] * unshape(double(node) / (n - 1)));
    }, threads);
}

void BakedDisplayLut::bakeForLinear(const OCIO::ConstCPUProcessorRcPtr& view, int size, int threads)
{
    prepareGrid(size);
    const int n = m_size;
    const double stopsPerCell = (kLogMax - kLogMin) / (n - 1);
    // Diffuse white (1.0) sits exactly on a node, so views that clip there (Standard) clip exactly.
    const double white = std::log2(1.0 + double(kLogOffset));
    const double logMin = white - std::round((white - kLogMin) / stopsPerCell) * stopsPerCell;
    m_linear.resize(std::size_t(kLastStep - kFirstStep + 1));
    for (quint32 step = kFirstStep; step <= kLastStep; ++step) {
        // the middle of the half-float step, so rounding down the bits errs by half a step at most
        const quint32 bits = (step << kMantissaShift) | (1u << (kMantissaShift - 1));
        float shifted;
        std::memcpy(&shifted, &bits, sizeof shifted);
        const double grid = (std::log2(double(shifted)) - logMin) / stopsPerCell;
        // one shared table: the three channels use the same shaper, only their strides differ
        const int cell = std::clamp(int(grid), 0, n - 2);
        m_linear[step - kFirstStep] = {cell, int(std::lround(std::clamp(grid - cell, 0.0, 1.0) * 256.0))};
    }
    sampleNodes(view, [&](int, int node) {
        return float(std::exp2(logMin + node * stopsPerCell) - double(kLogOffset));
    }, threads);
}

namespace {

//! What the per-pixel loops read, as local restrict pointers: the output is a char pointer,
//! which may alias anything, so member reads would be reloaded after every store.
struct LutView
{
    const qint16* __restrict nodes; //!< 4 per node
    const int* __restrict tetrahedra; //!< step1, step2 per comparison key
    int diagonal;
};

//! Tetrahedral interpolation in fixed point: nodes hold code * 64 and weights sum to 256, so a
//! channel is (sum + 2^13) >> 14. The tetrahedron comes from a table indexed by the fraction
//! comparisons and the sorted fractions from min/max, so noisy images cost no mispredictions.
//! The corners and weights of the tetrahedron holding a point with these fractions.
struct Corners
{
    const qint16* n0;
    const qint16* n1;
    const qint16* n2;
    const qint16* n3;
    int w0;
    int w1;
    int w2;
    int w3;
};

inline Corners corners(const LutView& lut, int offset, int fr, int fg, int fb)
{
    const int key = ((fr >= fg) << 2) | ((fg >= fb) << 1) | (fr >= fb);
    const int first = std::max(fr, std::max(fg, fb));
    const int third = std::min(fr, std::min(fg, fb));
    const int second = fr + fg + fb - first - third;
    const qint16* n0 = lut.nodes + std::ptrdiff_t(offset) * 4;
    return {n0, n0 + std::ptrdiff_t(lut.tetrahedra[key * 2]) * 4, n0 + std::ptrdiff_t(lut.tetrahedra[key * 2 + 1]) * 4,
        n0 + std::ptrdiff_t(lut.diagonal) * 4, 256 - first, first - second, second - third, third};
}

constexpr int kRound = 1 << (kFixedShift + 7);
constexpr int kShift = kFixedShift + 8;

//! Tetrahedral interpolation in fixed point: nodes hold code * 64 and weights sum to 256, so a
//! channel is (sum + 2^13) >> 14, clamped to a code. Returns the RGB codes in the low three
//! bytes (little-endian RGBA order).
inline quint32 interpolate(const LutView& lut, int offset, int fr, int fg, int fb)
{
    const Corners c = corners(lut, offset, fr, fg, fb);
#if defined(__SSE2__)
    // One multiply-add per pair of corners for all channels at once (nodes are 4 x int16).
    const __m128i n01 = _mm_unpacklo_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(c.n0)),
        _mm_loadl_epi64(reinterpret_cast<const __m128i*>(c.n1)));
    const __m128i n23 = _mm_unpacklo_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(c.n2)),
        _mm_loadl_epi64(reinterpret_cast<const __m128i*>(c.n3)));
    const __m128i w01 = _mm_set1_epi32(int(quint32(c.w1) << 16 | quint32(c.w0)));
    const __m128i w23 = _mm_set1_epi32(int(quint32(c.w3) << 16 | quint32(c.w2)));
    __m128i sum = _mm_add_epi32(_mm_madd_epi16(n01, w01), _mm_madd_epi16(n23, w23));
    sum = _mm_srai_epi32(_mm_add_epi32(sum, _mm_set1_epi32(kRound)), kShift);
    const __m128i words = _mm_packs_epi32(sum, sum);
    return quint32(_mm_cvtsi128_si32(_mm_packus_epi16(words, words)));
#else
    quint32 codes = 0;
    for (int ch = 0; ch < 3; ++ch) {
        const int sum = c.w0 * c.n0[ch] + c.w1 * c.n1[ch] + c.w2 * c.n2[ch] + c.w3 * c.n3[ch];
        codes |= quint32(std::clamp((sum + kRound) >> kShift, 0, 255)) << (8 * ch);
    }
    return codes;
#endif
}

} // namespace

void BakedDisplayLut::applyCodes(const unsigned char* in, unsigned char* out, int width) const
{
    const LutView lut{reinterpret_cast<const qint16*>(m_lut.data()), m_steps.data(), m_diagonal};
    const Position* __restrict red = m_codes[0].data();
    const Position* __restrict green = m_codes[1].data();
    const Position* __restrict blue = m_codes[2].data();
    for (int x = 0; x < width; ++x, in += 4, out += 4) {
        const quint32 value = qFromLittleEndian<quint32>(in); // R, G, B, A from the low byte up
        const Position& r = red[value & 0xff];
        const Position& g = green[(value >> 8) & 0xff];
        const Position& b = blue[(value >> 16) & 0xff];
        const quint32 codes = interpolate(lut, r.offset + g.offset + b.offset, r.fraction, g.fraction, b.fraction);
        qToLittleEndian<quint32>((codes & 0x00ffffffu) | (value & 0xff000000u), out); // alpha kept
    }
}

void BakedDisplayLut::applyLinear(const float* rgb, unsigned char* rgba, int width) const
{
    const LutView lut{reinterpret_cast<const qint16*>(m_lut.data()), m_steps.data(), m_diagonal};
    const Position* __restrict steps = m_linear.data();
    const int strideR = m_stride[0];
    const int strideG = m_stride[1];
    const auto locate = [&](float value) -> const Position& {
        // NaN and negatives count as black, the top of the range clips
        const float shifted = (value > 0.0f ? value : 0.0f) + kLogOffset;
        return steps[std::min(floatBits(shifted) >> kMantissaShift, kLastStep) - kFirstStep];
    };
    const float* __restrict in = rgb;
    unsigned char* __restrict out = rgba;
    for (int x = 0; x < width; ++x, in += 3, out += 4) {
        const Position& r = locate(in[0]);
        const Position& g = locate(in[1]);
        const Position& b = locate(in[2]);
        qToLittleEndian<quint32>(
            interpolate(lut, r.offset * strideR + g.offset * strideG + b.offset, r.fraction, g.fraction, b.fraction) | 0xff000000u, out);
    }
}

} // namespace tessera::internal
