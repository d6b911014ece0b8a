#pragma once

#include "tessera/audio/AnalysisParameters.h"
#include "tessera/audio/FeatureCurve.h"
#include "tessera/core/AxisDefinition.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace tessera {

//! Everything the analysis found in one piece of audio (the mix or a stem). Curves share one
//! frame rate (AnalysisParameters::kFrameRateHz); frame i describes the time i / rate seconds.
struct AudioAnalysis
{
    static constexpr quint32 kMagic = 0x54534146; //!< "TSAF" at the start of toBytes()
    static constexpr quint32 kFormatVersion = 1;  //!< bumped when the byte layout changes

    AnalysisParameters parameters;
    int sampleRate = 0;       //!< of the analysed audio
    int channels = 0;         //!< of the analysed audio
    qint64 frameCount = 0;    //!< audio frames (samples per channel) analysed

    FeatureCurve rms;         //!< RMS loudness in dBFS
    FeatureCurve lowBand;     //!< energy below lowMaxHz, in dB
    FeatureCurve midBand;     //!< energy between lowMaxHz and highMinHz, in dB
    FeatureCurve highBand;    //!< energy above highMinHz, in dB
    FeatureCurve onset;       //!< onset strength (aubio's onset detection function)
    FeatureCurve centroid;    //!< spectral centroid in Hz (brightness)

    std::vector<double> onsetTimes; //!< seconds, ascending
    std::vector<double> beatTimes;  //!< seconds, ascending
    double tempoBpm = 0.0;          //!< 0 when no steady beat was found
    double tempoConfidence = 0.0;   //!< aubio's confidence in the beat (0 = none)

    double durationSeconds() const { return sampleRate > 0 ? double(frameCount) / sampleRate : 0.0; }
    //! The curve that drives an axis; an empty curve for AudioFeature::None.
    const FeatureCurve& curve(AudioFeature feature) const;

    //! A versioned binary form (QDataStream: magic, version, parameters, curves, times) for caching.
    QByteArray toBytes() const;
    //! Reads toBytes(); throws AudioError "<origin>: ..." on a wrong magic, a newer version or
    //! damaged bytes, and on bytes that decode to what no analysis gives: invalid parameters, no
    //! sample rate or channels, a curve at another frame rate or with an infinite range, onset or
    //! beat times negative, not finite or out of order, a tempo or confidence not finite.
    static AudioAnalysis fromBytes(const QByteArray& bytes, const QString& origin = QStringLiteral("audio analysis"));

    friend bool operator==(const AudioAnalysis& a, const AudioAnalysis& b);
    friend bool operator!=(const AudioAnalysis& a, const AudioAnalysis& b) { return !(a == b); }
};

} // namespace tessera
