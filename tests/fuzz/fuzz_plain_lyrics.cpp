// libFuzzer target: arbitrary bytes read as PlainText lyrics (see LyricsFuzzing.h).
#include "LyricsFuzzing.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    tessera::fuzz::fuzzLyrics(data, size, tessera::LyricsFormat::PlainText, QStringLiteral("song.txt"));
    return 0;
}
