#pragma once

#include <QImage>
#include <QtGlobal>

namespace tessera {

//! Where the exporter's frames come from (the compositor, or a test pattern). The exporter asks
//! for frames 0 .. frameCount-1 in order, from one worker thread, so implementations need not be
//! thread-safe but must not touch widgets. Frame `index` is shown at index / frame rate seconds.
class FrameSource
{
public:
    virtual ~FrameSource() = default;

    //! The frame at the export size, display-referred (already through the display transform).
    //! Format_RGB888 avoids a conversion; other formats are converted. Exceptions abort the export.
    virtual QImage frame(qint64 index) = 0;
};

} // namespace tessera
