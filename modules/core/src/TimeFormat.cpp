#include "tessera/core/TimeFormat.h"

namespace tessera {

QString formatSongTime(qint64 ms)
{
    const QString sign = ms < 0 ? QStringLiteral("-") : QString();
    ms = qAbs(ms);
    return sign
        + QStringLiteral("%1:%2.%3")
              .arg(ms / 60000)
              .arg((ms / 1000) % 60, 2, 10, QLatin1Char('0'))
              .arg((ms % 1000) / 10, 2, 10, QLatin1Char('0'));
}

} // namespace tessera
