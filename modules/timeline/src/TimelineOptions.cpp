#include "tessera/timeline/TimelineOptions.h"

#include "tessera/timeline/SegmentDefaults.h"

#include <QString>

namespace tessera {

QString TimelineOptions::problem() const
{
    if (minimumLengthMs <= 0)
        return QStringLiteral("the minimum segment length must be positive");
    if (gapThresholdMs < minimumLengthMs) {
        return QStringLiteral("the gap threshold (%1) is shorter than the minimum segment length (%2)")
            .arg(formatSongTime(gapThresholdMs), formatSongTime(minimumLengthMs));
    }
    return {};
}

} // namespace tessera
