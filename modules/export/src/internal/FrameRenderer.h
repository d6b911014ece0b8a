#pragma once

// The render thread: asks the FrameSource for frames 0, 1, 2 ... in order and queues them (a few
// at most) for the encoding thread, so rendering the next frame overlaps encoding this one. The
// source is only ever called from this one thread.

#include "internal/FrameQueue.h"
#include "tessera/export/ExportSettings.h"
#include "tessera/export/FrameSource.h"

#include <exception>
#include <thread>

namespace tessera::exporting {

class FrameRenderer
{
public:
    //! Starts rendering at once.
    FrameRenderer(FrameSource& source, const ExportSettings& settings);
    //! Stops the thread (a blocked push returns) and waits for the frame in progress.
    ~FrameRenderer();
    FrameRenderer(const FrameRenderer&) = delete;
    FrameRenderer& operator=(const FrameRenderer&) = delete;

    //! The next frame, RGB888 at the export size; rethrows what the source threw.
    QImage next();

private:
    void run();
    QImage checked(QImage image, qint64 index) const;

    FrameSource& m_source;
    const ExportSettings m_settings;
    FrameQueue<QImage> m_queue;
    std::exception_ptr m_error; //!< set by the thread before it closes the queue
    std::thread m_thread;
};

} // namespace tessera::exporting
