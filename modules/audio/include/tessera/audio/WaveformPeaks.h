#pragma once

#include "tessera/audio/AudioBuffer.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace tessera {

//! Min/max envelopes of a waveform at several zoom levels, computed once for drawing the
//! timeline at any zoom without touching the samples again.
class WaveformPeaks
{
public:
    static constexpr quint32 kMagic = 0x54535750; //!< "TSWP" at the start of toBytes()
    static constexpr quint32 kFormatVersion = 1;

    //! One zoom level: the lowest and highest sample (over all channels) of each bucket.
    struct Level
    {
        int samplesPerBucket = 0;
        std::vector<float> minimum;
        std::vector<float> maximum;
        int bucketCount() const { return int(minimum.size()); }
    };

    //! Levels of finestBucket, finestBucket * factor, ... frames per bucket (levelCount of them).
    static WaveformPeaks compute(const AudioBuffer& audio, int finestBucket = 128, int factor = 4, int levelCount = 6);

    int sampleRate() const { return m_sampleRate; }
    qint64 frameCount() const { return m_frameCount; }
    const std::vector<Level>& levels() const { return m_levels; }
    bool isEmpty() const { return m_levels.empty(); }
    //! The coarsest level still at least as fine as framesPerPixel (the finest when zoomed in far).
    const Level& levelFor(double framesPerPixel) const;

    //! Versioned binary form for caching (values stored as 16-bit, ~3e-5 resolution).
    QByteArray toBytes() const;
    //! Reads toBytes(); throws AudioError "<origin>: ..." on bad bytes, a negative rate or frame
    //! count, or levels whose buckets do not grow from fine to coarse.
    static WaveformPeaks fromBytes(const QByteArray& bytes, const QString& origin = QStringLiteral("waveform peaks"));

private:
    int m_sampleRate = 0;
    qint64 m_frameCount = 0;
    std::vector<Level> m_levels;
};

} // namespace tessera
