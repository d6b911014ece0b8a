#include "tessera/audio/AudioAnalysis.h"

#include "tessera/audio/AudioError.h"

#include <QDataStream>
#include <QIODevice>

#include <algorithm>
#include <cmath>

namespace tessera {

namespace {

// Layout of format version 1 (QDataStream, Qt 6.4, big-endian):
//   u32 magic "TSAF", u32 format version, i32 algorithm version,
//   parameters (f64 lowMaxHz, highMinHz, lowerPercentile, upperPercentile, QString onsetMethod,
//   f64 onsetThreshold, onsetMinIntervalMs), i32 sampleRate, i32 channels, i64 frameCount,
//   u32 curve count then per curve (f64 frame rate, f32 floor, f32 ceiling, u32 n, n x f32),
//   onset times and beat times (u32 n, n x f64), f64 tempo, f64 confidence.

void writeCurve(QDataStream& out, const FeatureCurve& curve)
{
    out.setFloatingPointPrecision(QDataStream::DoublePrecision);
    out << curve.frameRateHz();
    out.setFloatingPointPrecision(QDataStream::SinglePrecision);
    out << curve.floor() << curve.ceiling() << quint32(curve.size());
    for (float value : curve.raw())
        out << value;
}

bool readCount(QDataStream& in, quint32 elementSize, quint32* count)
{
    in >> *count;
    // A damaged count must not make us allocate gigabytes: the elements have to fit the bytes left.
    return in.status() == QDataStream::Ok && quint64(*count) * elementSize <= quint64(in.device()->bytesAvailable());
}

bool readCurve(QDataStream& in, FeatureCurve* curve)
{
    double rate = 0;
    float floor = 0, ceiling = 0;
    quint32 count = 0;
    in.setFloatingPointPrecision(QDataStream::DoublePrecision);
    in >> rate;
    in.setFloatingPointPrecision(QDataStream::SinglePrecision);
    in >> floor >> ceiling;
    if (!readCount(in, 4, &count))
        return false;
    std::vector<float> raw(count);
    for (float& value : raw)
        in >> value;
    *curve = FeatureCurve(std::move(raw), rate, floor, ceiling);
    return in.status() == QDataStream::Ok;
}

void writeTimes(QDataStream& out, const std::vector<double>& times)
{
    out << quint32(times.size());
    for (double t : times)
        out << t;
}

bool readTimes(QDataStream& in, std::vector<double>* times)
{
    quint32 count = 0;
    if (!readCount(in, 8, &count))
        return false;
    times->resize(count);
    for (double& t : *times)
        in >> t;
    return in.status() == QDataStream::Ok;
}

std::vector<FeatureCurve AudioAnalysis::*> curveMembers()
{
    return {&AudioAnalysis::rms, &AudioAnalysis::lowBand, &AudioAnalysis::midBand, &AudioAnalysis::highBand,
        &AudioAnalysis::onset, &AudioAnalysis::centroid};
}

bool areAscendingTimes(const std::vector<double>& times)
{
    return std::all_of(times.begin(), times.end(), [](double t) { return std::isfinite(t) && t >= 0.0; })
        && std::is_sorted(times.begin(), times.end());
}

//! What makes well-formed bytes an analysis no analyser wrote (empty when none): the timeline, the
//! renderer and the axes use a cached analysis unchecked (curves indexed by time times the frame
//! rate, beats searched with lower_bound), so a damaged cache entry must not get that far.
QString implausibility(const AudioAnalysis& analysis)
{
    if (const QString problem = analysis.parameters.validationError(); !problem.isEmpty())
        return problem;
    if (analysis.sampleRate <= 0 || analysis.channels <= 0 || analysis.frameCount < 0)
        return QStringLiteral("%1 Hz, %2 channels, %3 frames").arg(analysis.sampleRate).arg(analysis.channels).arg(analysis.frameCount);
    for (const auto member : curveMembers()) {
        const FeatureCurve& curve = analysis.*member;
        if (curve.frameRateHz() != AnalysisParameters::kFrameRateHz)
            return QStringLiteral("a curve at %1 frames per second").arg(curve.frameRateHz());
        if (!std::isfinite(curve.floor()) || !std::isfinite(curve.ceiling()))
            return QStringLiteral("a curve without a finite range");
    }
    if (!areAscendingTimes(analysis.onsetTimes) || !areAscendingTimes(analysis.beatTimes))
        return QStringLiteral("onset or beat times out of order");
    if (!(analysis.tempoBpm >= 0.0) || !std::isfinite(analysis.tempoBpm) || !std::isfinite(analysis.tempoConfidence))
        return QStringLiteral("a tempo of %1 BPM (confidence %2)").arg(analysis.tempoBpm).arg(analysis.tempoConfidence);
    return {};
}

} // namespace

const FeatureCurve& AudioAnalysis::curve(AudioFeature feature) const
{
    static const FeatureCurve none;
    switch (feature) {
    case AudioFeature::Rms: return rms;
    case AudioFeature::LowBand: return lowBand;
    case AudioFeature::MidBand: return midBand;
    case AudioFeature::HighBand: return highBand;
    case AudioFeature::Onset: return onset;
    case AudioFeature::Centroid: return centroid;
    case AudioFeature::None: break;
    }
    return none;
}

QByteArray AudioAnalysis::toBytes() const
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << kMagic << kFormatVersion << qint32(AnalysisParameters::kAlgorithmVersion);
    out.setFloatingPointPrecision(QDataStream::DoublePrecision);
    out << parameters.lowMaxHz << parameters.highMinHz << parameters.lowerPercentile << parameters.upperPercentile
        << parameters.onsetMethod << parameters.onsetThreshold << parameters.onsetMinIntervalMs;
    out << qint32(sampleRate) << qint32(channels) << qint64(frameCount);
    const auto members = curveMembers();
    out << quint32(members.size());
    for (const auto member : members)
        writeCurve(out, this->*member);
    out.setFloatingPointPrecision(QDataStream::DoublePrecision);
    writeTimes(out, onsetTimes);
    writeTimes(out, beatTimes);
    out << tempoBpm << tempoConfidence;
    return bytes;
}

AudioAnalysis AudioAnalysis::fromBytes(const QByteArray& bytes, const QString& origin)
{
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0, version = 0;
    qint32 algorithm = 0;
    in >> magic >> version >> algorithm;
    if (in.status() != QDataStream::Ok || magic != kMagic)
        throw AudioError(origin, QStringLiteral("not a Tessera audio analysis"));
    if (version == 0)
        throw AudioError(origin, QStringLiteral("not a Tessera audio analysis (format 0)"));
    if (version > kFormatVersion)
        throw AudioError(origin, QStringLiteral("written by a newer Tessera (format %1, this one reads up to %2)")
                                     .arg(version)
                                     .arg(kFormatVersion));
    if (algorithm != AnalysisParameters::kAlgorithmVersion)
        throw AudioError(origin, QStringLiteral("computed by analysis version %1, this is version %2: analyse again")
                                     .arg(algorithm)
                                     .arg(AnalysisParameters::kAlgorithmVersion));
    AudioAnalysis result;
    AnalysisParameters& p = result.parameters;
    in.setFloatingPointPrecision(QDataStream::DoublePrecision);
    in >> p.lowMaxHz >> p.highMinHz >> p.lowerPercentile >> p.upperPercentile >> p.onsetMethod >> p.onsetThreshold
        >> p.onsetMinIntervalMs;
    qint32 rate = 0, channels = 0;
    qint64 frames = 0;
    quint32 curveCount = 0;
    in >> rate >> channels >> frames >> curveCount;
    result.sampleRate = rate;
    result.channels = channels;
    result.frameCount = frames;
    const auto members = curveMembers();
    bool ok = in.status() == QDataStream::Ok && curveCount == members.size();
    for (size_t i = 0; ok && i < members.size(); ++i)
        ok = readCurve(in, &(result.*members[i]));
    in.setFloatingPointPrecision(QDataStream::DoublePrecision);
    ok = ok && readTimes(in, &result.onsetTimes) && readTimes(in, &result.beatTimes);
    if (ok)
        in >> result.tempoBpm >> result.tempoConfidence;
    if (!ok || in.status() != QDataStream::Ok || !in.atEnd())
        throw AudioError(origin, QStringLiteral("damaged audio analysis data"));
    if (const QString problem = implausibility(result); !problem.isEmpty())
        throw AudioError(origin, QStringLiteral("damaged audio analysis data (%1)").arg(problem));
    return result;
}

bool operator==(const AudioAnalysis& a, const AudioAnalysis& b)
{
    for (const auto member : curveMembers())
        if (!(a.*member == b.*member))
            return false;
    return a.parameters == b.parameters && a.sampleRate == b.sampleRate && a.channels == b.channels
        && a.frameCount == b.frameCount && a.onsetTimes == b.onsetTimes && a.beatTimes == b.beatTimes
        && a.tempoBpm == b.tempoBpm && a.tempoConfidence == b.tempoConfidence;
}

} // namespace tessera
