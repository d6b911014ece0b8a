#pragma once

#include <QString>

namespace tessera {

//! What an analysis was computed with. Part of the catalog's cache key (with the audio's content
//! hash), so a change here re-analyses instead of reusing a stale result.
struct AnalysisParameters
{
    //! Every feature curve has this many values per second.
    static constexpr double kFrameRateHz = 100.0;
    //! Bumped whenever the analysis code changes its results, so cached results are recomputed.
    static constexpr int kAlgorithmVersion = 2;

    double lowMaxHz = 200.0;      //!< the low band is below this
    double highMinHz = 2000.0;    //!< the high band is above this; the mid band lies in between
    double lowerPercentile = 5.0; //!< this percentile of a curve maps to 0 when normalising
    double upperPercentile = 95.0; //!< this percentile maps to 1 (robust against rare peaks)
    QString onsetMethod = QStringLiteral("specflux"); //!< aubio onset function: hfc, energy, complex, phase, specflux, kl, mkl, specdiff
    double onsetThreshold = 0.0;  //!< aubio's peak-picking threshold (lower finds more onsets); 0 = aubio's tuned default for the method
    double onsetMinIntervalMs = 50.0; //!< onsets closer than this are merged

    //! A stable text naming every parameter and the algorithm version, e.g.
    //! "audio-analysis/2;rate=100;bands=200,2000;pct=5,95;onset=specflux,0,50".
    QString key() const;
    //! Empty when the parameters make sense, else what is wrong with them.
    QString validationError() const;

    friend bool operator==(const AnalysisParameters& a, const AnalysisParameters& b) { return a.key() == b.key(); }
    friend bool operator!=(const AnalysisParameters& a, const AnalysisParameters& b) { return !(a == b); }
};

} // namespace tessera
