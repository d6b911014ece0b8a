#pragma once

#include <QtGlobal>
#include <functional>

namespace tessera {

//! How far an export is: frames handed to the encoder so far, its speed and the time left.
struct ExportProgress
{
    qint64 framesDone = 0;
    qint64 frameCount = 0;
    double framesPerSecond = 0.0; //!< average since the start
    double etaSeconds = 0.0; //!< at that speed; 0 when unknown
};

//! Called after every frame on the exporting thread; return false to cancel (honoured at once:
//! the export throws ExportCancelled and removes what it wrote).
using ExportProgressCallback = std::function<bool(const ExportProgress&)>;

} // namespace tessera
