#include "tessera/audio/WaveformPeaks.h"

#include "tessera/audio/AudioError.h"

#include <QDataStream>
#include <QIODevice>

#include <algorithm>
#include <cmath>

namespace tessera {

namespace {

qint16 toStored(float value)
{
    return qint16(std::lround(std::clamp(value, -1.0f, 1.0f) * 32767.0f));
}

float fromStored(qint16 value)
{
    return float(value) / 32767.0f;
}

} // namespace

WaveformPeaks WaveformPeaks::compute(const AudioBuffer& audio, int finestBucket, int factor, int levelCount)
{
    WaveformPeaks peaks;
    peaks.m_sampleRate = audio.sampleRate;
    peaks.m_frameCount = audio.frameCount();
    if (audio.isEmpty() || finestBucket <= 0 || factor < 2 || levelCount <= 0)
        return peaks;

    Level finest;
    finest.samplesPerBucket = finestBucket;
    const qint64 frames = audio.frameCount();
    const qint64 buckets = (frames + finestBucket - 1) / finestBucket;
    finest.minimum.resize(size_t(buckets));
    finest.maximum.resize(size_t(buckets));
    const float* samples = audio.samples.data();
    const size_t channels = size_t(audio.channels);
    for (qint64 b = 0; b < buckets; ++b) {
        const size_t begin = size_t(b * finestBucket) * channels;
        const size_t end = size_t(std::min(frames, (b + 1) * finestBucket)) * channels;
        const auto [low, high] = std::minmax_element(samples + begin, samples + end);
        finest.minimum[size_t(b)] = *low;
        finest.maximum[size_t(b)] = *high;
    }
    peaks.m_levels.push_back(std::move(finest));

    for (int l = 1; l < levelCount; ++l) {
        const Level& finer = peaks.m_levels.back();
        if (finer.bucketCount() <= 1)
            break;
        Level level;
        level.samplesPerBucket = finer.samplesPerBucket * factor;
        const int count = (finer.bucketCount() + factor - 1) / factor;
        level.minimum.resize(size_t(count));
        level.maximum.resize(size_t(count));
        for (int b = 0; b < count; ++b) {
            const size_t begin = size_t(b) * size_t(factor);
            const size_t end = std::min(begin + size_t(factor), finer.minimum.size());
            level.minimum[size_t(b)] = *std::min_element(finer.minimum.begin() + std::ptrdiff_t(begin),
                finer.minimum.begin() + std::ptrdiff_t(end));
            level.maximum[size_t(b)] = *std::max_element(finer.maximum.begin() + std::ptrdiff_t(begin),
                finer.maximum.begin() + std::ptrdiff_t(end));
        }
        peaks.m_levels.push_back(std::move(level));
    }
    return peaks;
}

const WaveformPeaks::Level& WaveformPeaks::levelFor(double framesPerPixel) const
{
    static const Level none;
    if (m_levels.empty())
        return none;
    const Level* chosen = &m_levels.front();
    for (const Level& level : m_levels)
        if (level.samplesPerBucket <= framesPerPixel)
            chosen = &level;
    return *chosen;
}

QByteArray WaveformPeaks::toBytes() const
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << kMagic << kFormatVersion << qint32(m_sampleRate) << qint64(m_frameCount) << quint32(m_levels.size());
    for (const Level& level : m_levels) {
        out << qint32(level.samplesPerBucket) << quint32(level.bucketCount());
        for (int b = 0; b < level.bucketCount(); ++b)
            out << toStored(level.minimum[size_t(b)]) << toStored(level.maximum[size_t(b)]);
    }
    return bytes;
}

WaveformPeaks WaveformPeaks::fromBytes(const QByteArray& bytes, const QString& origin)
{
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0, version = 0, levelCount = 0;
    qint32 rate = 0;
    qint64 frames = 0;
    in >> magic >> version;
    if (in.status() != QDataStream::Ok || magic != kMagic)
        throw AudioError(origin, QStringLiteral("not Tessera waveform peaks"));
    if (version == 0)
        throw AudioError(origin, QStringLiteral("not Tessera waveform peaks (format 0)"));
    if (version > kFormatVersion)
        throw AudioError(origin, QStringLiteral("written by a newer Tessera (format %1, this one reads up to %2)")
                                     .arg(version)
                                     .arg(kFormatVersion));
    in >> rate >> frames >> levelCount;
    WaveformPeaks peaks;
    peaks.m_sampleRate = rate;
    peaks.m_frameCount = frames;
    bool ok = in.status() == QDataStream::Ok && levelCount <= 64 && rate >= 0 && frames >= 0;
    qint32 finerBucket = 0; // levels go from fine to coarse: levelFor() relies on it
    for (quint32 l = 0; ok && l < levelCount; ++l) {
        Level level;
        qint32 perBucket = 0;
        quint32 count = 0;
        in >> perBucket >> count;
        ok = in.status() == QDataStream::Ok && perBucket > finerBucket
            && quint64(count) * 4 <= quint64(in.device()->bytesAvailable());
        if (!ok)
            break;
        finerBucket = perBucket;
        level.samplesPerBucket = perBucket;
        level.minimum.resize(count);
        level.maximum.resize(count);
        for (quint32 b = 0; b < count; ++b) {
            qint16 low = 0, high = 0;
            in >> low >> high;
            level.minimum[b] = fromStored(low);
            level.maximum[b] = fromStored(high);
        }
        peaks.m_levels.push_back(std::move(level));
    }
    if (!ok || in.status() != QDataStream::Ok || !in.atEnd())
        throw AudioError(origin, QStringLiteral("damaged waveform peak data"));
    return peaks;
}

} // namespace tessera
