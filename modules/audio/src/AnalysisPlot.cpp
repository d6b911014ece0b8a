#include "tessera/audio/AnalysisPlot.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace tessera {

namespace {

const QColor kBackground(0x16, 0x18, 0x1d);
const QColor kPanel(0x1e, 0x21, 0x28);
const QColor kGrid(0x33, 0x37, 0x40);
const QColor kText(0xd8, 0xdb, 0xe2);
const QColor kWave(0x7f, 0xa7, 0xd9);
const QColor kBeat(0xff, 0xff, 0xff, 70);
const QColor kBeatTick(0xff, 0xff, 0xff);
const QColor kSegment(0xff, 0x9f, 0x1c);
const QColor kLow(0xef, 0x47, 0x6f);
const QColor kMid(0x06, 0xd6, 0xa0);
const QColor kHigh(0x4c, 0xc9, 0xf0);
const QColor kRms(0xe0, 0xe0, 0xe0);
const QColor kOnset(0xff, 0xd1, 0x66);
const QColor kCentroid(0xb3, 0x88, 0xeb);

//! Maps song time to x pixels inside a plot rectangle.
struct TimeAxis
{
    QRectF area;
    double seconds = 1.0;
    double x(double t) const { return area.left() + area.width() * t / seconds; }
};

QString clock(double seconds)
{
    const int whole = int(std::floor(seconds));
    return QStringLiteral("%1:%2").arg(whole / 60).arg(whole % 60, 2, 10, QLatin1Char('0'));
}

void drawPanel(QPainter& p, const QRectF& area, const QString& title, const QVector<QPair<QString, QColor>>& legend)
{
    p.fillRect(area, kPanel);
    p.setPen(kText);
    QFont font = p.font();
    font.setPixelSize(12);
    p.setFont(font);
    double x = area.left() + 6;
    p.drawText(QPointF(x, area.top() + 14), title);
    x += p.fontMetrics().horizontalAdvance(title) + 16;
    for (const auto& [name, colour] : legend) {
        p.fillRect(QRectF(x, area.top() + 5, 14, 10), colour);
        p.setPen(kText);
        p.drawText(QPointF(x + 18, area.top() + 14), name);
        x += 18 + p.fontMetrics().horizontalAdvance(name) + 14;
    }
}

//! A normalised curve as a line, keeping each pixel column's highest value so peaks stay visible.
void drawCurve(QPainter& p, const TimeAxis& axis, const QRectF& area, const FeatureCurve& curve, const QColor& colour)
{
    if (curve.isEmpty())
        return;
    const std::vector<float>& values = curve.normalized();
    const int columns = std::max(1, int(area.width()));
    QPolygonF line;
    line.reserve(columns);
    const double framesPerColumn = double(values.size()) / columns;
    for (int c = 0; c < columns; ++c) {
        const size_t begin = size_t(c * framesPerColumn);
        const size_t end = std::clamp(size_t((c + 1) * framesPerColumn), begin + 1, values.size());
        if (begin >= values.size())
            break;
        const float top = *std::max_element(values.begin() + std::ptrdiff_t(begin), values.begin() + std::ptrdiff_t(end));
        const double t = (double(begin) + double(end)) * 0.5 / curve.frameRateHz();
        line << QPointF(axis.x(t), area.bottom() - 2 - top * (area.height() - 22));
    }
    p.setPen(QPen(colour, 1.4));
    p.drawPolyline(line);
}

void drawWaveform(QPainter& p, const TimeAxis& axis, const QRectF& area, const WaveformPeaks& peaks)
{
    if (peaks.isEmpty() || peaks.sampleRate() <= 0)
        return;
    const int columns = std::max(1, int(area.width()));
    const double framesPerColumn = double(peaks.frameCount()) / columns;
    const WaveformPeaks::Level& level = peaks.levelFor(framesPerColumn);
    const double centre = area.center().y() + 8;
    const double half = (area.height() - 22) / 2;
    p.setPen(QPen(kWave, 1.0));
    for (int c = 0; c < columns; ++c) {
        const int begin = int(c * framesPerColumn / level.samplesPerBucket);
        const int end = std::clamp(int((c + 1) * framesPerColumn / level.samplesPerBucket), begin + 1, level.bucketCount());
        if (begin >= level.bucketCount())
            break;
        const float low = *std::min_element(level.minimum.begin() + begin, level.minimum.begin() + end);
        const float high = *std::max_element(level.maximum.begin() + begin, level.maximum.begin() + end);
        const double x = area.left() + c + 0.5;
        p.drawLine(QPointF(x, centre - double(high) * half), QPointF(x, centre - double(low) * half));
    }
    Q_UNUSED(axis);
}

void drawTimeGrid(QPainter& p, const TimeAxis& axis, const QRectF& all, double labelY)
{
    static const double steps[] = {0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300};
    double step = steps[std::size(steps) - 1];
    for (double s : steps)
        if (axis.seconds / s <= 20) {
            step = s;
            break;
        }
    QFont font = p.font();
    font.setPixelSize(11);
    p.setFont(font);
    for (double t = 0; t <= axis.seconds + 1e-9; t += step) {
        const double x = axis.x(t);
        p.setPen(QPen(kGrid, 1));
        p.drawLine(QPointF(x, all.top()), QPointF(x, all.bottom()));
        p.setPen(kText);
        p.drawText(QRectF(x - 30, labelY, 60, 16), Qt::AlignCenter, step < 1 ? QString::number(t, 'f', 1) : clock(t));
    }
}

} // namespace

QImage renderAnalysisPlot(const AudioAnalysis& analysis, const WaveformPeaks& peaks,
    const QVector<PlotSegment>& segments, const PlotOptions& options)
{
    const QSize size = options.size.isValid() && !options.size.isEmpty() ? options.size : QSize(1600, 900);
    QImage image(size, QImage::Format_RGB32);
    image.fill(kBackground);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing, true);

    const double margin = 12;
    const double titleHeight = 34;
    const double axisHeight = 22;
    const QRectF all(margin, margin + titleHeight, size.width() - 2 * margin,
        size.height() - 2 * margin - titleHeight - axisHeight);
    const double gap = 8;
    const double usable = all.height() - 2 * gap;
    const QRectF wave(all.left(), all.top(), all.width(), usable * 0.40);
    const QRectF bands(all.left(), wave.bottom() + gap, all.width(), usable * 0.32);
    const QRectF onsets(all.left(), bands.bottom() + gap, all.width(), usable * 0.28);
    TimeAxis axis{all, std::max(0.001, analysis.durationSeconds())};

    // Title: what was found, in numbers.
    QFont font = p.font();
    font.setPixelSize(16);
    font.setBold(true);
    p.setFont(font);
    p.setPen(kText);
    const QString summary = QStringLiteral("%1 BPM  ·  %2 beats  ·  %3 onsets  ·  %4  ·  %5 Hz, %6 ch")
                                .arg(analysis.tempoBpm, 0, 'f', 1)
                                .arg(analysis.beatTimes.size())
                                .arg(analysis.onsetTimes.size())
                                .arg(clock(analysis.durationSeconds()))
                                .arg(analysis.sampleRate)
                                .arg(analysis.channels);
    p.drawText(QRectF(margin, margin, size.width() - 2 * margin, titleHeight - 6), Qt::AlignLeft | Qt::AlignVCenter,
        options.title.isEmpty() ? summary : options.title + QStringLiteral("  —  ") + summary);
    font.setBold(false);
    p.setFont(font);

    drawPanel(p, wave, QStringLiteral("waveform"), {{QStringLiteral("beats"), kBeatTick}, {QStringLiteral("segments"), kSegment}});
    drawPanel(p, bands, QStringLiteral("bands (normalised)"), {{QStringLiteral("low"), kLow}, {QStringLiteral("mid"), kMid},
                                                                {QStringLiteral("high"), kHigh}, {QStringLiteral("rms"), kRms}});
    drawPanel(p, onsets, QStringLiteral("onsets (normalised)"), {{QStringLiteral("onset strength"), kOnset},
                                                                  {QStringLiteral("centroid"), kCentroid}});
    drawTimeGrid(p, axis, all, all.bottom() + 4);

    p.save();
    p.setClipRect(wave);
    drawWaveform(p, axis, wave, peaks);
    p.restore();
    // Beats: faint lines through the waveform, bright ticks along its foot.
    p.setPen(QPen(kBeat, 1));
    for (double beat : analysis.beatTimes)
        p.drawLine(QPointF(axis.x(beat), wave.top() + 20), QPointF(axis.x(beat), wave.bottom()));
    p.setPen(QPen(kBeatTick, 2));
    for (double beat : analysis.beatTimes)
        p.drawLine(QPointF(axis.x(beat), wave.bottom() - 7), QPointF(axis.x(beat), wave.bottom()));

    drawCurve(p, axis, bands, analysis.rms, kRms);
    drawCurve(p, axis, bands, analysis.lowBand, kLow);
    drawCurve(p, axis, bands, analysis.midBand, kMid);
    drawCurve(p, axis, bands, analysis.highBand, kHigh);
    drawCurve(p, axis, onsets, analysis.centroid, kCentroid);
    drawCurve(p, axis, onsets, analysis.onset, kOnset);
    if (options.showOnsets) {
        p.setPen(QPen(kOnset, 1));
        for (double t : analysis.onsetTimes)
            p.drawLine(QPointF(axis.x(t), onsets.bottom() - 8), QPointF(axis.x(t), onsets.bottom()));
    }

    // Segment boundaries through every panel, labels along the top of the waveform.
    font.setPixelSize(12);
    p.setFont(font);
    for (const PlotSegment& segment : segments) {
        const double x0 = axis.x(segment.range.startMs / 1000.0);
        const double x1 = axis.x(segment.range.endMs / 1000.0);
        p.setPen(QPen(kSegment, 2));
        p.drawLine(QPointF(x0, all.top()), QPointF(x0, all.bottom()));
        p.drawLine(QPointF(x1, all.top()), QPointF(x1, all.bottom()));
        const QRectF label(x0 + 4, wave.top() + 20, std::max(0.0, x1 - x0 - 8), 16);
        p.setPen(kSegment);
        p.drawText(label, Qt::AlignLeft | Qt::AlignVCenter,
            p.fontMetrics().elidedText(segment.label, Qt::ElideRight, int(label.width())));
    }
    p.end();
    return image;
}

} // namespace tessera
