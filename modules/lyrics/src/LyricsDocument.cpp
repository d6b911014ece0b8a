#include "tessera/lyrics/LyricsDocument.h"

#include <QStringList>
#include <algorithm>

namespace tessera {

bool LyricsDocument::isTimed() const
{
    return std::all_of(lines.cbegin(), lines.cend(), [](const LyricLine& line) { return line.isTimed(); });
}

QStringList LyricsDocument::warningMessages() const
{
    QStringList messages;
    for (const LyricsWarning& warning : warnings)
        messages.append(warning.toString());
    return messages;
}

} // namespace tessera
