#pragma once

// Where the encoding thread puts frames: a movie (MovieWriter) or a folder of PNGs
// (PngSequenceWriter). Both write into the temporary output; the exporter commits it.

#include <QImage>

namespace tessera::exporting {

class FrameSink
{
public:
    virtual ~FrameSink() = default;
    //! Frame `index` (RGB888 at the export size), called in order 0, 1, 2 ...
    virtual void write(const QImage& image, qint64 index) = 0;
    //! Everything written and closed; the output is complete (not yet synced or renamed).
    virtual void finish() = 0;
    virtual bool hasAudio() const { return false; }
};

} // namespace tessera::exporting
