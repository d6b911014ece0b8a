// libFuzzer target: arbitrary bytes decoded as an audio file from memory (decodeAudioData, FFmpeg
// through an AVIOContext over the bytes: every demuxer and decoder FFmpeg probes). Decoding must
// either throw AudioError or give whole interleaved frames at a positive rate; a partial decode
// must say so. The seeds are tiny WAV (16-bit, float), FLAC, MP3, Ogg Vorbis, Opus and AAC files
// made with the ffmpeg CLI, and a cut Ogg file. FFmpeg itself is not instrumented: coverage
// guides through Tessera's side (the I/O callbacks, the converter, the completeness checks).
#include "Require.h"

#include "tessera/audio/AudioDecoder.h"
#include "tessera/audio/AudioError.h"
#include "tessera/audio/WaveformPeaks.h"

#include <QByteArray>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    tessera::setDecoderLogging(false); // FFmpeg's complaints about damaged input are expected
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tessera;
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    DecodeOptions options;
    options.allowPartial = true; // keeps what decoded, so the checks below see damaged files too
    try {
        int reports = 0;
        const DecodedAudio decoded = decodeAudioData(bytes, QStringLiteral("input"), options, [&reports](double fraction) {
            FUZZ_REQUIRE(fraction >= 0.0 && fraction <= 1.0);
            ++reports;
            return true;
        });
        const AudioBuffer& audio = decoded.audio;
        FUZZ_REQUIRE(audio.channels > 0 && audio.sampleRate > 0 && !audio.isEmpty());
        FUZZ_REQUIRE(audio.samples.size() % size_t(audio.channels) == 0);
        FUZZ_REQUIRE(decoded.complete || !decoded.warning.isEmpty()); // a partial decode says how far it got
        FUZZ_REQUIRE(!decoded.codec.isEmpty() && !decoded.container.isEmpty());
        FUZZ_REQUIRE(reports > 0);
        // what the timeline draws from every decoded song
        const WaveformPeaks peaks = WaveformPeaks::compute(audio);
        FUZZ_REQUIRE(peaks.frameCount() == audio.frameCount());
    } catch (const AudioError&) {
    }
    return 0;
}
