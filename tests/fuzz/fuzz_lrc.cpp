// libFuzzer target: arbitrary bytes read as Lrc lyrics (see LyricsFuzzing.h).
#include "LyricsFuzzing.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    tessera::fuzz::fuzzLyrics(data, size, tessera::LyricsFormat::Lrc, QStringLiteral("song.lrc"));
    return 0;
}
