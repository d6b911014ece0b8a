// libFuzzer target: arbitrary bytes read as Srt lyrics (see LyricsFuzzing.h).
#include "LyricsFuzzing.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    tessera::fuzz::fuzzLyrics(data, size, tessera::LyricsFormat::Srt, QStringLiteral("song.srt"));
    return 0;
}
