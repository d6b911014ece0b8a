#include "internal/FormatTime.h"

#include <cmath>

namespace tessera::internal {

QString formatClockTime(double seconds)
{
    const qint64 tenths = qint64(std::llround(std::max(0.0, seconds) * 10.0));
    const qint64 minutes = tenths / 600;
    const qint64 rest = tenths % 600;
    return QStringLiteral("%1:%2.%3").arg(minutes).arg(rest / 10, 2, 10, QLatin1Char('0')).arg(rest % 10);
}

} // namespace tessera::internal
