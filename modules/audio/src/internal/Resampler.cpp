#include "internal/Resampler.h"

#include "tessera/audio/AudioError.h"

#include <memory>

extern "C" {
#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>
}

namespace tessera::internal {

std::vector<float> resampleMono(const float* samples, size_t count, int fromRate, int toRate, const QString& origin)
{
    AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
    SwrContext* raw = nullptr;
    int rc = swr_alloc_set_opts2(&raw, &mono, AV_SAMPLE_FMT_FLT, toRate, &mono, AV_SAMPLE_FMT_FLT, fromRate, 0, nullptr);
    const std::unique_ptr<SwrContext, void (*)(SwrContext*)> swr(raw, [](SwrContext* s) { swr_free(&s); });
    if (rc >= 0)
        rc = swr_init(raw);
    if (rc < 0)
        throw AudioError(origin, QStringLiteral("cannot resample %1 Hz audio for analysis").arg(fromRate));

    std::vector<float> out(size_t(double(count) * toRate / fromRate) + 4096);
    size_t written = 0;
    const size_t chunk = 1 << 16;
    size_t offset = 0;
    for (;;) {
        const bool last = offset >= count;
        const int frames = last ? 0 : int(std::min(chunk, count - offset));
        const uint8_t* in = last ? nullptr : reinterpret_cast<const uint8_t*>(samples + offset);
        const int room = swr_get_out_samples(raw, frames);
        if (written + size_t(room) > out.size())
            out.resize(written + size_t(room));
        uint8_t* target = reinterpret_cast<uint8_t*>(out.data() + written);
        const int got = swr_convert(raw, &target, room, last ? nullptr : &in, frames);
        if (got < 0)
            throw AudioError(origin, QStringLiteral("cannot resample %1 Hz audio for analysis").arg(fromRate));
        written += size_t(got);
        if (last)
            break;
        offset += size_t(frames);
    }
    out.resize(written);
    return out;
}

} // namespace tessera::internal
