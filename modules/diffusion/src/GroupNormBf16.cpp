#include "GroupNormBf16.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#if defined(__SSE__)
#include <xmmintrin.h>
#endif

// The loops below are written so that the compiler vectorises them (per-channel accumulators, no
// library calls, branch-free; the file is compiled with -fno-trapping-math so that the clamps and
// the NaN test become selects); on x86-64 each is compiled for AVX-512, AVX2 and the baseline,
// picked at run time.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define TESSERA_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define TESSERA_VECTOR_CLONES
#endif

namespace tessera::detail {

namespace {

// Pixels per block of the statistics: small enough that float sums lose nothing that matters,
// large enough that the per-block partial sums stay small.
constexpr int64_t kPixelsPerBlock = 256;

inline float bf16ToFloat(uint16_t value)
{
    const uint32_t bits = uint32_t(value) << 16;
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

// Round to nearest even, as c10::BFloat16 does; NaN stays a (quiet) NaN.
inline uint16_t floatToBf16(float f)
{
    uint32_t bits;
    std::memcpy(&bits, &f, sizeof bits);
    const uint32_t rounded = (bits + 0x7fffu + ((bits >> 16) & 1u)) >> 16;
    const uint32_t quietNan = (bits >> 16) | 0x40u;
    return uint16_t((bits & 0x7fffffffu) > 0x7f800000u ? quietNan : rounded);
}

// exp(x) to float precision (Cephes' expf polynomial, relative error about 2e-7, far below the
// bf16 output's 4e-3), branch-free so that the SiLU loop vectorises; glibc's expf would not.
inline float expForSilu(float x)
{
    x = std::min(std::max(x, -87.0f), 88.0f);
    // round(x / ln 2) by the 1.5 * 2^23 trick (no rounding-mode or SSE4.1 instruction needed)
    const float n = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
    const float r = (x - n * 0.693359375f) + n * 2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r * r + r + 1.0f;
    const uint32_t scaleBits = uint32_t(int32_t(n) + 127) << 23;
    float scale;
    std::memcpy(&scale, &scaleBits, sizeof scale);
    return p * scale;
}

// Over `pixels` pixels of `channels`: sums[c] += x - shift[c], squares[c] += (x - shift[c])^2, in
// float (the accumulators stay in L1; the loop over channels vectorises)
TESSERA_VECTOR_CLONES
void accumulateChannels(const uint16_t* __restrict x, int64_t pixels, int64_t channels,
                        const float* __restrict shift, float* __restrict sums, float* __restrict squares)
{
    for (int64_t p = 0; p < pixels; ++p) {
        const uint16_t* row = x + p * channels;
        for (int64_t c = 0; c < channels; ++c) {
            const float d = bf16ToFloat(row[c]) - shift[c];
            sums[c] += d;
            squares[c] += d * d;
        }
    }
}

// y[p][c] = x[p][c] * scale[c] + shift[c], then SiLU if asked
TESSERA_VECTOR_CLONES
void normalisePixels(const uint16_t* __restrict x, int64_t pixels, int64_t channels, const float* __restrict scale,
                     const float* __restrict shift, bool silu, uint16_t* __restrict y)
{
    for (int64_t p = 0; p < pixels; ++p) {
        const uint16_t* in = x + p * channels;
        uint16_t* out = y + p * channels;
        if (silu) {
            for (int64_t c = 0; c < channels; ++c) {
                const float v = bf16ToFloat(in[c]) * scale[c] + shift[c];
                out[c] = floatToBf16(v / (1.0f + expForSilu(-v)));
            }
        } else {
            for (int64_t c = 0; c < channels; ++c)
                out[c] = floatToBf16(bf16ToFloat(in[c]) * scale[c] + shift[c]);
        }
    }
}

// Flush-to-zero for the SiLU loop on this thread while it lives: without it the vectorised loop
// meets denormal intermediates and runs six times slower (microcode assists; measured). A value
// below 1e-38 is zero to a network in bf16; the thread's own setting comes back afterwards.
class FlushDenormalsToZero
{
public:
#if defined(__SSE__)
    FlushDenormalsToZero()
        : m_saved(_mm_getcsr())
    {
        _mm_setcsr(m_saved | 0x8000u); // FTZ
    }
    ~FlushDenormalsToZero() { _mm_setcsr(m_saved); }

private:
    unsigned m_saved;
#endif
};

} // namespace

bool fitsGroupNormBf16ChannelsLast(const at::Tensor& x)
{
    return x.dim() == 4 && x.device().is_cpu() && x.scalar_type() == at::kBFloat16
        && x.is_contiguous(at::MemoryFormat::ChannelsLast) && !x.requires_grad();
}

at::Tensor groupNormBf16ChannelsLast(const at::Tensor& x, int64_t groups, const at::Tensor& weight,
                                     const at::Tensor& bias, double eps, bool silu)
{
    TORCH_CHECK(fitsGroupNormBf16ChannelsLast(x), "groupNormBf16ChannelsLast: needs a CPU bf16 NHWC tensor");
    const int64_t batch = x.size(0);
    const int64_t channels = x.size(1);
    const int64_t pixels = x.size(2) * x.size(3);
    TORCH_CHECK(groups > 0 && channels % groups == 0, "groupNormBf16ChannelsLast: channels not divisible by groups");
    const int64_t perGroup = channels / groups;
    const auto weights = weight.to(at::kFloat).contiguous();
    const auto biases = bias.to(at::kFloat).contiguous();
    const float* w = weights.data_ptr<float>();
    const float* b = biases.data_ptr<float>();
    const auto* in = reinterpret_cast<const uint16_t*>(x.data_ptr<at::BFloat16>());
    auto output = at::empty_like(x, at::MemoryFormat::ChannelsLast);
    auto* out = reinterpret_cast<uint16_t*>(output.data_ptr<at::BFloat16>());

    const int64_t blocksPerImage = (pixels + kPixelsPerBlock - 1) / kPixelsPerBlock;
    const int64_t blocks = batch * blocksPerImage;
    // work(block, image, first value's offset, pixels) over every block of pixels, in parallel
    const auto forEachBlock = [&](const auto& work) {
        at::parallel_for(0, blocks, 1, [&](int64_t begin, int64_t end) {
            for (int64_t block = begin; block < end; ++block) {
                const int64_t n = block / blocksPerImage;
                const int64_t first = (block % blocksPerImage) * kPixelsPerBlock;
                work(block, n, (n * pixels + first) * channels, std::min(kPixelsPerBlock, pixels - first));
            }
        });
    };

    // One pass for the statistics. Each channel's values are summed shifted by the channel's value
    // at the image's first pixel (a sample of the same distribution, so the float sums keep their
    // precision however large the mean), per block of pixels; then per group in double, in block
    // order, with the shift undone exactly.
    std::vector<float> shiftOf(static_cast<std::size_t>(batch * channels));
    for (int64_t n = 0; n < batch; ++n)
        for (int64_t c = 0; c < channels; ++c)
            shiftOf[n * channels + c] = bf16ToFloat(in[n * pixels * channels + c]);
    std::vector<float> blockSums(static_cast<std::size_t>(blocks * channels), 0.0f);
    std::vector<float> blockSquares(blockSums.size(), 0.0f);
    forEachBlock([&](int64_t block, int64_t n, int64_t start, int64_t run) {
        accumulateChannels(in + start, run, channels, shiftOf.data() + n * channels, blockSums.data() + block * channels,
                           blockSquares.data() + block * channels);
    });
    std::vector<double> channelSums(static_cast<std::size_t>(batch * channels), 0.0);
    std::vector<double> channelSquares(channelSums.size(), 0.0);
    for (int64_t block = 0; block < blocks; ++block) {
        const int64_t n = block / blocksPerImage;
        for (int64_t c = 0; c < channels; ++c) {
            channelSums[n * channels + c] += blockSums[block * channels + c];
            channelSquares[n * channels + c] += blockSquares[block * channels + c];
        }
    }
    // sum x = S1 + N k, sum x^2 = S2 + 2 k S1 + N k^2 for each channel's shift k, over N pixels
    std::vector<double> mean(static_cast<std::size_t>(batch * groups), 0.0);
    std::vector<double> meanSquare(mean.size(), 0.0);
    const double valuesPerGroup = double(pixels) * double(perGroup);
    for (int64_t n = 0; n < batch; ++n) {
        for (int64_t c = 0; c < channels; ++c) {
            const double k = shiftOf[n * channels + c];
            const double s1 = channelSums[n * channels + c];
            const double s2 = channelSquares[n * channels + c];
            mean[n * groups + c / perGroup] += (s1 + double(pixels) * k) / valuesPerGroup;
            meanSquare[n * groups + c / perGroup] += (s2 + 2.0 * k * s1 + double(pixels) * k * k) / valuesPerGroup;
        }
    }

    std::vector<float> scale(static_cast<std::size_t>(batch * channels));
    std::vector<float> shift(scale.size());
    for (int64_t n = 0; n < batch; ++n) {
        for (int64_t c = 0; c < channels; ++c) {
            const int64_t g = n * groups + c / perGroup;
            const double variance = std::max(0.0, meanSquare[g] - mean[g] * mean[g]);
            const double inverseStd = 1.0 / std::sqrt(variance + eps);
            scale[n * channels + c] = float(w[c] * inverseStd);
            shift[n * channels + c] = float(b[c] - mean[g] * w[c] * inverseStd);
        }
    }

    forEachBlock([&](int64_t, int64_t n, int64_t start, int64_t run) {
        const FlushDenormalsToZero flushDenormals;
        normalisePixels(in + start, run, channels, scale.data() + n * channels, shift.data() + n * channels, silu,
                        out + start);
    });
    return output;
}

} // namespace tessera::detail
