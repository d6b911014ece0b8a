#pragma once

// The container side of a movie export: one MP4 or QuickTime file, its streams, interleaved
// packet writes and the trailer, with every write error (a full disk, a file-size limit) turned
// into an ExportError naming the target. FFmpeg's own file I/O writes the temporary file, so its
// MP4 "faststart" pass can re-read it to move the index in front of the media data.

#include "internal/AvUtil.h"

#include <QString>

namespace tessera::exporting {

class Muxer
{
public:
    //! `containerName` is FFmpeg's muxer ("mp4", "mov"); `filePath` the temporary to write;
    //! `reportPath` the name errors carry (the target).
    Muxer(const char* containerName, const QString& filePath, const QString& reportPath);
    ~Muxer();
    Muxer(const Muxer&) = delete;
    Muxer& operator=(const Muxer&) = delete;

    //! Codecs must know before opening whether the container wants global headers (avcC, esds).
    bool wantsGlobalHeader() const;
    //! Adds a stream with the opened encoder's parameters; returns its index.
    int addStream(const AVCodecContext* encoder);
    //! Opens the file and writes the header (with "+faststart" for MP4).
    void start();
    //! Writes one encoded packet (timestamps in `encoderTimeBase`), interleaving by time.
    void write(AVPacket* packet, int streamIndex, AVRational encoderTimeBase);
    //! Flushes the interleaving queue, writes the trailer (and the moved index), closes the file.
    void finish();

private:
    [[noreturn]] void fail(int code) const;

    AVFormatContext* m_format = nullptr;
    QString m_filePath;
    QString m_reportPath;
    bool m_fastStart = false;
};

} // namespace tessera::exporting
