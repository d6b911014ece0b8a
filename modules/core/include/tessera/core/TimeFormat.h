#pragma once

#include <QString>

namespace tessera {

//! "1:02.50": song time as minutes, seconds and hundredths, for listings, commands and messages.
QString formatSongTime(qint64 ms);

} // namespace tessera
