#include "tessera/live/ShowCue.h"

#include <cmath>

namespace tessera {

std::optional<ShowCue> showCueFromOsc(const QString& path, const std::optional<double>& argument)
{
    static const QString prefix = QStringLiteral("/tessera/");
    if (!path.startsWith(prefix))
        return std::nullopt;
    const QString verb = path.mid(prefix.size());
    if (verb == QLatin1String("start"))
        return ShowCue{ShowCue::Kind::Start, 0.0};
    if (verb == QLatin1String("stop"))
        return ShowCue{ShowCue::Kind::Stop, 0.0};
    if (verb == QLatin1String("next"))
        return ShowCue{ShowCue::Kind::Next, 0.0};
    if (verb == QLatin1String("previous"))
        return ShowCue{ShowCue::Kind::Previous, 0.0};
    if (verb == QLatin1String("segment") && argument && std::isfinite(*argument) && *argument >= 1.0)
        return ShowCue::segment(int(std::lround(*argument)) - 1);
    if (verb == QLatin1String("nudge") && argument && std::isfinite(*argument))
        return ShowCue::nudge(*argument);
    return std::nullopt;
}

std::optional<ShowCue> showCueFromMidi(const unsigned char* message, size_t size, const MidiCueMap& map)
{
    if (size < 2)
        return std::nullopt;
    const int status = message[0] & 0xF0;
    const int channel = (message[0] & 0x0F) + 1;
    if (map.channel != 0 && channel != map.channel)
        return std::nullopt;
    if (status == 0x90 && size >= 3 && message[2] > 0 && message[1] >= map.baseNote)
        return ShowCue::segment(message[1] - map.baseNote);
    if (status == 0xC0)
        return ShowCue::segment(message[1]);
    return std::nullopt;
}

} // namespace tessera
