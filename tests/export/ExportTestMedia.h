#pragma once

// Synthetic media for the export tests: a click-track WAV, frame sources (flashes on the clicks,
// flat colours, noise), and readers of the output through Debian's ffprobe/ffmpeg programs, an
// independent decoder for what our FFmpeg-library code wrote.

#include "tessera/core/FrameRate.h"
#include "tessera/export/FrameSource.h"

#include <QByteArray>
#include <QColor>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

namespace tessera::testing {

//! Clicks every `interval` seconds from `first` until `end`.
std::vector<double> clickTimes(double first, double interval, double end);

//! Writes a 16-bit PCM WAV of `seconds` silence with an 8 ms 2 kHz burst (amplitude 0.8,
//! starting at phase 0) at each click time, on every channel.
void writeClickTrack(
    const QString& path, int sampleRate, int channels, double seconds, const std::vector<double>& clicks);

//! For each expected time, the first sample within +-50 ms whose magnitude passes 0.3, in
//! seconds; -1 where none does. `samples` is channel 0 of the audio.
std::vector<double> findOnsets(
    const std::vector<float>& samples, int sampleRate, const std::vector<double>& expected);

//! White while a click's flash lasts (`flashSeconds` from the click, in song time), else black.
class FlashFrameSource : public FrameSource
{
public:
    FlashFrameSource(int width, int height, FrameRate rate, double songStart, std::vector<double> clicks,
        double flashSeconds);
    QImage frame(qint64 index) override;

private:
    int m_width;
    int m_height;
    FrameRate m_rate;
    double m_songStart;
    std::vector<double> m_clicks;
    double m_flashSeconds;
};

//! A flat colour per frame from `colourAt`, optionally in another QImage format; can throw
//! at a given frame and counts the calls (to check the exporter stops asking after a cancel).
class PatternFrameSource : public FrameSource
{
public:
    PatternFrameSource(int width, int height, std::function<QColor(qint64)> colourAt = {},
        QImage::Format format = QImage::Format_RGB888);
    QImage frame(qint64 index) override;

    qint64 throwAt = -1; //!< frame index at which frame() throws std::runtime_error
    bool noise = false; //!< random pixels (incompressible: fills a disk fast)
    qint64 calls = 0;

private:
    int m_width;
    int m_height;
    std::function<QColor(qint64)> m_colourAt;
    QImage::Format m_format;
};

struct ProgramResult
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

//! Runs ffprobe or ffmpeg (or anything) and collects its output.
ProgramResult runProgram(const QString& program, const QStringList& arguments, int timeoutMs = 300000);

//! `ffprobe -show_streams -show_format` as JSON; empty on failure.
QJsonObject probe(const QString& path);
//! The first stream of `type` ("video", "audio") in a probe.
QJsonObject streamOf(const QJsonObject& probed, const QString& type);
//! The mean luma (0..255) of every decoded video frame.
std::vector<double> frameLumas(const QString& path);
//! The presentation time in seconds of every decoded video frame, in decoding output order, as
//! ffprobe reads them (edit list applied); empty on failure.
std::vector<double> videoFrameTimes(const QString& path);
//! The decoded audio as float, channel 0 only, at its own rate; `inputOptions` go before -i.
std::vector<float> decodedAudio(const QString& path, int channels, const QStringList& inputOptions = {});
//! The four-letter types of the file's top-level MP4 boxes, in order.
QStringList topLevelBoxes(const QString& path);
//! Names in `folder` (hidden ones too) that look like an export's temporary.
QStringList temporaries(const QString& folder);

} // namespace tessera::testing
