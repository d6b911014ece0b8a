#pragma once

#include "tessera/audio/AudioAnalysis.h"
#include "tessera/audio/WaveformPeaks.h"
#include "tessera/core/TimeRange.h"

#include <QImage>
#include <QSize>
#include <QString>
#include <QVector>

namespace tessera {

//! A span of the song to mark on the plot (a lyric segment, an instrumental gap).
struct PlotSegment
{
    TimeRange range;
    QString label;
};

//! How the analysis plot looks.
struct PlotOptions
{
    QSize size{1600, 900};
    QString title;          //!< drawn at the top with the tempo and beat count
    bool showOnsets = true; //!< onset ticks under the onset curve
};

//! Draws what the analysis found so a person sees it at a glance: the waveform with beats and
//! segment boundaries, the low/mid/high band curves, RMS, onset strength with onset ticks and the
//! spectral centroid, on one time axis. Needs no display (QPainter on a QImage).
QImage renderAnalysisPlot(const AudioAnalysis& analysis, const WaveformPeaks& peaks,
    const QVector<PlotSegment>& segments = {}, const PlotOptions& options = {});

} // namespace tessera
