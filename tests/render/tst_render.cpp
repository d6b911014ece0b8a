// The compositor: what a frame shows at an instant, its pixels, and the exported video's sync.
#include "CatalogTestData.h"
#include "CliRunner.h"
#include "ExportTestMedia.h"
#include "SongTestData.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/render/CellUpscales.h"
#include "tessera/render/FrameCompositor.h"
#include "tessera/render/FramePlan.h"
#include "tessera/render/RenderError.h"

#include <QBuffer>
#include <QDataStream>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace tessera;
using namespace tessera::testing;

namespace {

const QString kResources = QStringLiteral(TESSERA_RESOURCES_DIR);

//! A feature curve at 100 Hz from a function of time (raw values already in 0..1).
FeatureCurve curveOf(double seconds, const std::function<float(double)>& value)
{
    std::vector<float> raw;
    for (int i = 0; i < int(seconds * 100); ++i)
        raw.push_back(value(i / 100.0));
    return FeatureCurve(std::move(raw), 100.0, 0.0f, 1.0f);
}

AxisDefinition drivenAxis(AudioFeature feature)
{
    AxisDefinition axis;
    axis.feature = feature;
    axis.attackMs = 0;
    axis.releaseMs = 0;
    return axis;
}

//! A composition of segments back to back, every cell with an image (version id = 1 + its number).
Composition compositionOf(const QVector<TimeRange>& ranges, int rows, int cols, double songSeconds)
{
    Composition composition;
    composition.project.width = 64;
    composition.project.height = 36;
    composition.songSeconds = songSeconds;
    AudioAnalysis song;
    song.sampleRate = 100;
    song.frameCount = qint64(songSeconds * 100);
    composition.analyses[QString()] = song;
    qint64 version = 1;
    for (int s = 0; s < ranges.size(); ++s) {
        CompositionSegment entry;
        entry.segment.id = s + 1;
        entry.segment.range = ranges[s];
        entry.segment.grid = GridGeometry(rows, cols);
        entry.segment.axisX.feature = AudioFeature::None;
        entry.segment.axisY.feature = AudioFeature::None;
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c)
                entry.cells.append({{r, c}, version++, Grade{}});
        composition.segments.append(entry);
    }
    return composition;
}

double weightOf(const SegmentLayer& layer, CellIndex index)
{
    for (const CellWeight& cell : layer.cells)
        if (cell.index == index)
            return cell.weight;
    return 0.0;
}

//! PNGs by version id for the compositor's loader.
struct ImageStore
{
    QMap<qint64, QByteArray> images;
    CellImageLoader loader() const
    {
        return [this](qint64 id) { return images.value(id); };
    }
};

QString savePng(const QString& path, QColor color, int side = 32)
{
    QImage image(side, side, QImage::Format_RGB888);
    image.fill(color);
    image.save(path);
    return path;
}

//! Each frame's mean grey level (0-255), decoded at full size by Debian's ffmpeg.
std::vector<double> frameMeans(const QString& video, int width, int height)
{
    const ProgramResult result = runProgram(QStringLiteral(TESSERA_FFMPEG),
        {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), video, QStringLiteral("-map"), QStringLiteral("0:v:0"),
            QStringLiteral("-fps_mode"), QStringLiteral("passthrough"), QStringLiteral("-pix_fmt"), QStringLiteral("gray"),
            QStringLiteral("-f"), QStringLiteral("rawvideo"), QStringLiteral("-")});
    std::vector<double> means;
    const qsizetype frameBytes = qsizetype(width) * height;
    for (qsizetype at = 0; result.exitCode == 0 && at + frameBytes <= result.out.size(); at += frameBytes) {
        double sum = 0.0;
        for (qsizetype i = 0; i < frameBytes; ++i)
            sum += quint8(result.out[at + i]);
        means.push_back(sum / double(frameBytes));
    }
    return means;
}

double meanGrey(const QImage& frame)
{
    const QImage grey = frame.convertToFormat(QImage::Format_Grayscale8);
    double sum = 0.0;
    for (int y = 0; y < grey.height(); ++y)
        for (int x = 0; x < grey.width(); ++x)
            sum += grey.constScanLine(y)[x];
    return sum / (double(grey.width()) * grey.height());
}

//! A 6 s project at 30 fps, 160x90, whose song is a burst at each click, its one segment set up
//! by the given `segment` options; the project's path.
QString clickTrackProject(const QTemporaryDir& dir, const std::vector<double>& clicks, const QStringList& segmentOptions)
{
    const QString song = dir.filePath(QStringLiteral("clicks.wav"));
    writeBurstTrack(song, 6.0, clicks);
    const QString project = dir.filePath(QStringLiteral("clicks.tessera"));
    const CliResult created = runCli({QStringLiteral("new"), QStringLiteral("--fps"), QStringLiteral("30"), QStringLiteral("--size"),
        QStringLiteral("160x90"), QStringLiteral("--audio"), song, project});
    if (created.exitCode != 0)
        qFatal("tessera-cli new failed: %s", qPrintable(created.err));
    const CliResult segment = runCli(QStringList{QStringLiteral("segment"), project, QStringLiteral("1")} + segmentOptions);
    if (segment.exitCode != 0)
        qFatal("tessera-cli segment failed: %s", qPrintable(segment.err));
    return project;
}

//! A bright disc on a dark ground, as a PNG: a subject that moves from cell to cell.
QByteArray pngOfDisc(double centreX, int width = 128, int height = 96, double radius = 14.0)
{
    QImage image(width, height, QImage::Format_RGB888);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const double inside = std::clamp(radius + 0.5 - std::hypot(x - centreX, y - height / 2.0), 0.0, 1.0);
            const int level = int(std::lround(20 + inside * 220));
            image.setPixel(x, y, qRgb(level, level, level));
        }
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

//! The green channel of a linear frame, as doubles (the disc images are grey).
std::vector<double> greenOf(const LinearImage& image, int firstRow, int lastRow)
{
    std::vector<double> values;
    for (int y = firstRow; y <= lastRow; ++y)
        for (int x = 0; x < image.width; ++x)
            values.push_back(image.pixel(x, y)[1]);
    return values;
}

//! Normalised cross-correlation: 1 for the same picture up to brightness and contrast.
double normalisedCrossCorrelation(const std::vector<double>& a, const std::vector<double>& b)
{
    const double meanA = std::accumulate(a.begin(), a.end(), 0.0) / double(a.size());
    const double meanB = std::accumulate(b.begin(), b.end(), 0.0) / double(b.size());
    double ab = 0.0, aa = 0.0, bb = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        ab += (a[i] - meanA) * (b[i] - meanB);
        aa += (a[i] - meanA) * (a[i] - meanA);
        bb += (b[i] - meanB) * (b[i] - meanB);
    }
    return ab / std::sqrt(aa * bb);
}

//! A 1x2 grid whose cells show the disc at the left and at the right, the X axis held at `column`.
Composition discGrid(double column, CellBlend blend)
{
    Composition composition = compositionOf({{0, 2000}}, 1, 2, 2.0);
    composition.project.width = 128;
    composition.project.height = 96;
    composition.analyses[QString()].rms = curveOf(2.0, [column](double) { return float(column); });
    composition.segments[0].segment.axisX = drivenAxis(AudioFeature::Rms);
    composition.segments[0].segment.transition.cellBlend = blend;
    return composition;
}

} // namespace

class TestRender : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void featureMovesThroughTheGridBilinearly()
    {
        // given a 3x5 grid whose X axis follows the low band and Y the high band
        Composition composition = compositionOf({{0, 10000}}, 3, 5, 10.0);
        composition.analyses[QString()].lowBand = curveOf(10.0, [](double) { return 0.375f; }); // column 1.5
        composition.analyses[QString()].highBand = curveOf(10.0, [](double) { return 0.25f; }); // row 0.5
        composition.segments[0].segment.axisX = drivenAxis(AudioFeature::LowBand);
        composition.segments[0].segment.axisY = drivenAxis(AudioFeature::HighBand);
        // when planned mid-song
        const QVector<SegmentLayer> plan = FramePlanner(composition).planAt(5.0);
        // then the four neighbours of (0.5, 1.5) share the frame equally
        QCOMPARE(plan.size(), 1);
        QCOMPARE(plan[0].column, 1.5);
        QCOMPARE(plan[0].row, 0.5);
        QCOMPARE(plan[0].cells.size(), 4);
        for (const CellIndex index : {CellIndex{0, 1}, CellIndex{0, 2}, CellIndex{1, 1}, CellIndex{1, 2}})
            QCOMPARE(weightOf(plan[0], index), 0.25);
    }

    void rangeAndCurveShapeThePosition()
    {
        // given an axis that maps feature 0.2..0.6 to the first..last column with ease-in
        Composition composition = compositionOf({{0, 4000}}, 1, 5, 4.0);
        composition.analyses[QString()].rms = curveOf(4.0, [](double t) { return t < 2.0 ? 0.1f : 0.4f; });
        AxisDefinition axis = drivenAxis(AudioFeature::Rms);
        axis.inputMin = 0.2;
        axis.inputMax = 0.6;
        axis.curve = ResponseCurve::EaseIn;
        composition.segments[0].segment.axisX = axis;
        const FramePlanner planner(composition);
        // then below the range it holds the first column; at 0.4 it is at 0.5^2 of the way
        QCOMPARE(planner.planAt(1.0)[0].column, 0.0);
        QVERIFY(std::abs(planner.planAt(3.0)[0].column - 0.25 * 4) < 1e-6);
        // and an axis no feature drives holds the grid's centre
        QCOMPARE(planner.planAt(1.0)[0].row, 0.0); // one row: its only position
    }

    void attackAndReleaseSmoothTheMotion()
    {
        // given a feature that jumps to 1 at 1 s and back to 0 at 2 s, attack 20 ms, release 250 ms
        Composition composition = compositionOf({{0, 4000}}, 1, 2, 4.0);
        composition.analyses[QString()].onset = curveOf(4.0, [](double t) { return t >= 1.0 && t < 2.0 ? 1.0f : 0.0f; });
        AxisDefinition axis = drivenAxis(AudioFeature::Onset);
        axis.attackMs = 20;
        axis.releaseMs = 250;
        composition.segments[0].segment.axisX = axis;
        const FramePlanner planner(composition);
        // then it rises within a few attack times and falls slowly
        QVERIFY(planner.planAt(1.1)[0].column > 0.95);
        const double afterRelease = planner.planAt(2.25)[0].column; // one release time: ~37% left
        QVERIFY2(afterRelease > 0.25 && afterRelease < 0.5, qPrintable(QString::number(afterRelease)));
        // and the position depends on the time alone (a range export starting later agrees)
        QCOMPARE(FramePlanner(composition).planAt(2.25)[0].column, afterRelease);
    }

    void cellsWithoutImagesGiveTheirShareAway()
    {
        // given a 1x3 grid at column 0.5 whose first cell has no image yet
        Composition composition = compositionOf({{0, 2000}}, 1, 3, 2.0);
        composition.analyses[QString()].rms = curveOf(2.0, [](double) { return 0.25f; });
        composition.segments[0].segment.axisX = drivenAxis(AudioFeature::Rms);
        composition.segments[0].cells[0].versionId = 0;
        // then the frame is all the second cell
        const SegmentLayer layer = FramePlanner(composition).planAt(1.0)[0];
        QCOMPARE(layer.cells.size(), 1);
        QCOMPARE(weightOf(layer, {0, 1}), 1.0);
        // and a grid with no image at all plans nothing (a black frame)
        for (auto& cell : composition.segments[0].cells)
            cell.versionId = 0;
        QVERIFY(FramePlanner(composition).planAt(1.0)[0].cells.isEmpty());
    }

    void segmentsCrossfadeAroundTheirBoundary()
    {
        // given two segments meeting at 2 s with a 500 ms crossfade
        Composition composition = compositionOf({{0, 2000}, {2000, 4000}}, 1, 1, 4.0);
        composition.segments[1].segment.transition = {500, false};
        const FramePlanner planner(composition);
        // then before the crossfade only the first shows, in it both, after it only the second
        QCOMPARE(planner.planAt(1.74).size(), 1);
        QCOMPARE(planner.planAt(1.74)[0].segment, 0);
        const QVector<SegmentLayer> middle = planner.planAt(2.0);
        QCOMPARE(middle.size(), 2);
        QCOMPARE(middle[0].weight, 0.5);
        QCOMPARE(middle[1].weight, 0.5);
        QVERIFY(planner.planAt(1.8)[1].weight < 0.5);
        QCOMPARE(planner.planAt(2.26).size(), 1);
        QCOMPARE(planner.planAt(2.26)[0].segment, 1);
        // and the lyric shown is the segment the instant belongs to
        QCOMPARE(planner.captionSegmentAt(1.9), 0);
        QCOMPARE(planner.captionSegmentAt(2.1), 1);
    }

    void crossfadesMoveToTheNearestBeat()
    {
        // given the boundary at 2 s, a beat at 2.2 s, and a 600 ms crossfade aligned to beats
        Composition composition = compositionOf({{0, 2000}, {2000, 4000}}, 1, 1, 4.0);
        composition.analyses[QString()].beatTimes = {1.0, 2.2, 3.4};
        composition.segments[1].segment.transition = {600, true};
        const FramePlanner planner(composition);
        // then the crossfade is centred on the beat
        QCOMPARE(planner.planAt(2.2).size(), 2);
        QVERIFY(std::abs(planner.planAt(2.2)[1].weight - 0.5) < 1e-9);
        QCOMPARE(planner.planAt(1.85).size(), 1);
        QCOMPARE(planner.planAt(1.85)[0].segment, 0);
    }

    void cellsBlendInLinearLight()
    {
        // given a 1x2 grid, black and white cells, the axis halfway
        Composition composition = compositionOf({{0, 2000}}, 1, 2, 2.0);
        composition.analyses[QString()].rms = curveOf(2.0, [](double) { return 0.5f; });
        composition.segments[0].segment.axisX = drivenAxis(AudioFeature::Rms);
        ImageStore store;
        store.images[1] = pngOfColor(Qt::black, 32, 32);
        store.images[2] = pngOfColor(Qt::white, 32, 32);
        CompositorOptions options;
        options.resourcesDir = kResources;
        FrameCompositor compositor(composition, store.loader(), options);
        // when composed
        const LinearImage linear = compositor.linearFrameAt(1.0);
        const QImage frame = compositor.frameAt(1.0);
        // then the light is half of white's, and the video frame shows that light through
        // Rec.709 (BT.1886: 0.5^(1/2.4) = 75%), not the 50% grey an sRGB-value blend would give
        QCOMPARE(compositor.display(), QStringLiteral("Rec.1886 Rec.709"));
        QVERIFY(std::abs(linear.pixel(32, 18)[1] - 0.5f) < 0.01f);
        QCOMPARE(frame.size(), QSize(64, 36));
        QCOMPARE(frame.format(), QImage::Format_RGB888);
        const int green = qGreen(frame.pixel(32, 18));
        QVERIFY2(std::abs(green - 191) <= 2, qPrintable(QString::number(green)));
    }

    void gradesApplyBeforeTheBlend()
    {
        // given one mid-grey cell graded +1 stop
        Composition composition = compositionOf({{0, 2000}}, 1, 1, 2.0);
        composition.segments[0].cells[0].grade.exposureStops = 1.0;
        ImageStore store;
        store.images[1] = pngOfColor(QColor(100, 100, 100), 16, 16);
        CompositorOptions options;
        options.resourcesDir = kResources;
        FrameCompositor graded(composition, store.loader(), options);
        composition.segments[0].cells[0].grade = {};
        FrameCompositor plain(composition, store.loader(), options);
        // then its light doubles
        const float before = plain.linearFrameAt(1.0).pixel(10, 10)[0];
        const float after = graded.linearFrameAt(1.0).pixel(10, 10)[0];
        QVERIFY2(std::abs(after / before - 2.0f) < 0.01f, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
    }

    void fillCropsAndFitLetterboxes()
    {
        // given a square red cell and a 64x36 frame
        Composition composition = compositionOf({{0, 2000}}, 1, 1, 2.0);
        ImageStore store;
        store.images[1] = pngOfColor(Qt::red, 32, 32);
        CompositorOptions options;
        options.resourcesDir = kResources;
        // when filled, the whole frame is red; when fitted, bars at the sides are black
        FrameCompositor filled(composition, store.loader(), options);
        QImage frame = filled.frameAt(1.0);
        QVERIFY(qRed(frame.pixel(0, 18)) > 200);
        QVERIFY(qRed(frame.pixel(63, 0)) > 200);
        composition.render.fit = FrameFit::Fit;
        FrameCompositor fitted(composition, store.loader(), options);
        frame = fitted.frameAt(1.0);
        // (black within the display LUT's one code)
        QVERIFY(qRed(frame.pixel(2, 18)) <= 1 && qGreen(frame.pixel(2, 18)) <= 1);
        QVERIFY(qRed(frame.pixel(61, 18)) <= 1 && qGreen(frame.pixel(61, 18)) <= 1);
        QVERIFY(qRed(frame.pixel(32, 18)) > 200);
    }

    void framesAreDeterministicAndCellsCached()
    {
        // given a 2x2 grid of colours moved by a changing feature
        Composition composition = compositionOf({{0, 3000}}, 2, 2, 3.0);
        composition.analyses[QString()].rms = curveOf(3.0, [](double t) { return float(t / 3.0); });
        composition.segments[0].segment.axisX = drivenAxis(AudioFeature::Rms);
        composition.segments[0].segment.axisY = drivenAxis(AudioFeature::Rms);
        ImageStore store;
        const QColor colours[] = {Qt::red, Qt::green, Qt::blue, Qt::yellow};
        for (int i = 0; i < 4; ++i)
            store.images[i + 1] = pngOfColor(colours[i], 24, 24);
        CompositorOptions options;
        options.resourcesDir = kResources;
        FrameCompositor first(composition, store.loader(), options);
        FrameCompositor second(composition, store.loader(), options);
        // then the same instant gives the same pixels, in any order and from any compositor
        const QImage a = first.frameAt(1.3);
        first.frameAt(2.9);
        QCOMPARE(first.frameAt(1.3), a);
        QCOMPARE(second.frameAt(1.3), a);
        QVERIFY(first.frameAt(0.2) != a);
        // and the four cells were decoded once each
        QCOMPARE(first.cachedCells(), std::size_t(4));
    }

    void aNewerCompositionKeepsTheDecodedCells()
    {
        // given a compositor over a 1x2 grid (red, green), the axis halfway, loads counted
        Composition composition = compositionOf({{0, 2000}}, 1, 2, 2.0);
        composition.analyses[QString()].rms = curveOf(2.0, [](double) { return 0.5f; });
        composition.segments[0].segment.axisX = drivenAxis(AudioFeature::Rms);
        ImageStore store;
        store.images[1] = pngOfColor(Qt::red, 24, 24);
        store.images[2] = pngOfColor(Qt::green, 24, 24);
        store.images[3] = pngOfColor(Qt::blue, 24, 24);
        int loads = 0;
        const CellImageLoader counting = [&store, &loads](qint64 id) {
            ++loads;
            return store.images.value(id);
        };
        CompositorOptions options;
        options.resourcesDir = kResources;
        FrameCompositor compositor(composition, counting, options);
        compositor.frameAt(1.0);
        QCOMPARE(loads, 2);
        // when the second cell gets a new version (blue) and the composition is handed over
        composition.segments[0].cells[1].versionId = 3;
        compositor.setComposition(composition);
        const QImage updated = compositor.frameAt(1.0);
        // then only the new image is decoded, and the frame is a fresh compositor's
        QCOMPARE(loads, 3);
        FrameCompositor fresh(composition, store.loader(), options);
        QCOMPARE(updated, fresh.frameAt(1.0));
        // when the colour changes (a display of the config), everything is graded again
        composition.render.videoDisplay = QStringLiteral("sRGB");
        compositor.setComposition(composition);
        QCOMPARE(compositor.display(), QStringLiteral("sRGB"));
        QCOMPARE(compositor.cachedCells(), std::size_t(0));
        const QImage regraded = compositor.frameAt(1.0);
        QCOMPARE(loads, 5);
        FrameCompositor freshSrgb(composition, store.loader(), options);
        QCOMPARE(regraded, freshSrgb.frameAt(1.0));
        // and a config that cannot be read falls back to the bundled one with a note, as a new
        // compositor does
        Composition missing = composition;
        missing.project.color.ocioConfig = QStringLiteral("/nonexistent/config.ocio");
        compositor.setComposition(missing);
        FrameCompositor freshMissing(missing, store.loader(), options);
        QVERIFY(!compositor.colorNote().isEmpty());
        QCOMPARE(compositor.colorNote(), freshMissing.colorNote());
        QCOMPARE(compositor.frameAt(1.0), freshMissing.frameAt(1.0));
    }

    void captionsShowTheLineAndHighlightTheWord()
    {
        // given a timed lyric line over a black cell
        Composition composition = compositionOf({{0, 3000}}, 1, 1, 3.0);
        composition.project.width = 640;
        composition.project.height = 360;
        composition.segments[0].segment.lyric = QStringLiteral("hold the line");
        composition.segments[0].segment.words = {{0, QStringLiteral("hold")}, {1000, QStringLiteral("the")}, {2000, QStringLiteral("line")}};
        ImageStore store;
        store.images[1] = pngOfColor(Qt::black, 16, 16);
        CompositorOptions options;
        options.resourcesDir = kResources;
        options.captions = true;
        FrameCompositor captioned(composition, store.loader(), options);
        options.captions = false;
        FrameCompositor bare(composition, store.loader(), options);
        // when composed with the second word sung
        const QImage frame = captioned.frameAt(1.5);
        // then text appears in the lower part only, some of it in the highlight colour
        int changedTop = 0;
        int changedBottom = 0;
        int highlighted = 0;
        const QImage plain = bare.frameAt(1.5);
        const QColor highlight(composition.render.captions.highlightColor);
        for (int y = 0; y < frame.height(); ++y) {
            for (int x = 0; x < frame.width(); ++x) {
                const QRgb pixel = frame.pixel(x, y);
                if (pixel != plain.pixel(x, y))
                    ++(y < frame.height() / 2 ? changedTop : changedBottom);
                if (std::abs(qRed(pixel) - highlight.red()) < 12 && std::abs(qGreen(pixel) - highlight.green()) < 12
                    && std::abs(qBlue(pixel) - highlight.blue()) < 12)
                    ++highlighted;
            }
        }
        QCOMPARE(changedTop, 0);
        QVERIFY(changedBottom > 200);
        QVERIFY2(highlighted > 50, qPrintable(QString::number(highlighted)));
        // and before the first word's segment ends the highlight follows the words
        QVERIFY(captioned.frameAt(0.5) != frame);
    }

    void morphMovesTheSubjectBetweenCellsWhereTheDissolveShowsItTwice()
    {
        // given a 1x2 grid: the same disc at x = 32 in the left cell and x = 96 in the right
        ImageStore store;
        store.images[1] = pngOfDisc(32);
        store.images[2] = pngOfDisc(96);
        store.images[3] = pngOfDisc(64); // the ideal in-between, seen through the same transforms
        store.images[4] = pngOfDisc(48);
        CompositorOptions options;
        options.resourcesDir = kResources;
        const auto linearAt = [&](double column, CellBlend blend) {
            FrameCompositor compositor(discGrid(column, blend), store.loader(), options);
            return compositor.linearFrameAt(1.0);
        };
        const auto idealAt = [&](qint64 version) {
            Composition single = discGrid(0.0, CellBlend::Dissolve);
            single.segments[0].cells[0].versionId = version;
            single.segments[0].cells[1].versionId = version;
            FrameCompositor compositor(single, store.loader(), options);
            return compositor.linearFrameAt(1.0);
        };
        // when the axis stands halfway between the cells, dissolving and morphing
        const LinearImage dissolve = linearAt(0.5, CellBlend::Dissolve);
        const LinearImage morph = linearAt(0.5, CellBlend::Morph);
        const LinearImage ideal = idealAt(3);
        // then over the rows that hold the disc, the morph is the ideal in-between image and the
        // dissolve (two half-bright discs) is not
        const int top = 48 - 15;
        const int bottom = 48 + 15;
        const double dissolveNcc = normalisedCrossCorrelation(greenOf(dissolve, top, bottom), greenOf(ideal, top, bottom));
        const double morphNcc = normalisedCrossCorrelation(greenOf(morph, top, bottom), greenOf(ideal, top, bottom));
        qInfo("NCC with the ideal in-between, rows %d-%d: dissolve %.3f, morph %.3f", top, bottom, dissolveNcc, morphNcc);
        QVERIFY2(morphNcc >= 0.8, qPrintable(QString::number(morphNcc)));
        QVERIFY2(dissolveNcc < 0.2, qPrintable(QString::number(dissolveNcc)));
        // and the morph leaves no ghost where the discs stood in the cells, one disc in the middle
        const float ground = ideal.pixel(4, 4)[1];
        const float disc = ideal.pixel(64, 48)[1];
        for (const int x : {32, 96})
            QVERIFY2(morph.pixel(x, 48)[1] - ground < 0.1f * (disc - ground), qPrintable(QString::number(morph.pixel(x, 48)[1])));
        QVERIFY(morph.pixel(64, 48)[1] - ground > 0.9f * (disc - ground));
        QVERIFY(dissolve.pixel(32, 48)[1] - ground > 0.3f * (disc - ground)); // the dissolve's ghosts
        // and a quarter of the way, the disc is a quarter of the way
        const double quarterNcc = normalisedCrossCorrelation(greenOf(linearAt(0.25, CellBlend::Morph), top, bottom),
            greenOf(idealAt(4), top, bottom));
        QVERIFY2(quarterNcc >= 0.8, qPrintable(QString::number(quarterNcc)));
        // and at a cell itself, the morph shows that cell as the dissolve does
        QCOMPARE(linearAt(0.0, CellBlend::Morph).rgb, linearAt(0.0, CellBlend::Dissolve).rgb);
    }

    void morphFlowsAreEstimatedOnceAndKeptInTheProject()
    {
        // given a real project with a 1x2 grid of the moving disc, its segment morphing
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("flows.tessera"));
        const auto catalog = Catalog::create(path);
        const qint64 segmentId = catalog->addSegment(segmentAt(0, 2000, 1, 2));
        Version left = versionFor(catalog->cell(segmentId, {0, 0})->id, Qt::black);
        left.png = pngOfDisc(32);
        left.width = 128;
        left.height = 96;
        Version right = versionFor(catalog->cell(segmentId, {0, 1})->id, Qt::black);
        right.png = pngOfDisc(96);
        right.width = 128;
        right.height = 96;
        Composition composition = discGrid(0.5, CellBlend::Morph);
        composition.segments[0].cells[0].versionId = catalog->addVersion(left);
        composition.segments[0].cells[1].versionId = catalog->addVersion(right);
        CompositorOptions options;
        options.resourcesDir = kResources;
        options.loadFlow = [&](qint64 from, qint64 to) { return catalog->cellFlow(from, to); };
        options.storeFlow = [&](qint64 from, qint64 to, const QByteArray& flow) { catalog->storeCellFlow(from, to, flow); };
        const CellImageLoader loader = [&](qint64 id) { return catalog->versionImage(id); };
        // when a frame between them is composed
        FrameCompositor first(composition, loader, options);
        const QImage estimated = first.frameAt(1.0);
        // then the flow was estimated each way and stored in the project
        QCOMPARE(first.estimatedFlows(), 2);
        QCOMPARE(rawSql(path, QStringLiteral("SELECT COUNT(*) FROM cell_flows")), QStringLiteral("2"));
        // when another compositor (a later export) composes the same frame
        FrameCompositor second(composition, loader, options);
        // then it reads the flows back, estimates none, and gives the same frame
        QCOMPARE(second.frameAt(1.0), estimated);
        QCOMPARE(second.estimatedFlows(), 0);
        // and one kept in memory only (the preview's, without a store) gives the same frame too
        CompositorOptions memoryOnly;
        memoryOnly.resourcesDir = kResources;
        QCOMPARE(FrameCompositor(composition, loader, memoryOnly).frameAt(1.0), estimated);
        // when a stored flow is damaged, it is estimated again and replaced, not shown
        catalog->storeCellFlow(composition.segments[0].cells[0].versionId, composition.segments[0].cells[1].versionId,
            QByteArray("damaged"));
        FrameCompositor third(composition, loader, options);
        QCOMPARE(third.frameAt(1.0), estimated);
        QCOMPARE(third.estimatedFlows(), 2); // the pair, each way: the two must agree
        QVERIFY(catalog->cellFlow(composition.segments[0].cells[0].versionId, composition.segments[0].cells[1].versionId)
                    .startsWith("TFLW"));
    }

    void prefetchDecodesASegmentsCellsAheadOfItsFrames()
    {
        // given two 2x2 segments whose cells the loader counts
        Composition composition = compositionOf({{0, 2000}, {2000, 4000}}, 2, 2, 4.0);
        QTemporaryDir dir;
        ImageStore store;
        for (qint64 id = 1; id <= 8; ++id) {
            QFile file(savePng(dir.filePath(QStringLiteral("%1.png").arg(id)), QColor::fromHsv(int(id) * 40, 200, 200)));
            QVERIFY(file.open(QIODevice::ReadOnly));
            store.images[id] = file.readAll();
        }
        int loads = 0;
        CompositorOptions options;
        options.resourcesDir = kResources;
        FrameCompositor compositor(composition, [&](qint64 id) { ++loads; return store.images.value(id); }, options);
        // when the second segment is prefetched two cells at a time
        QCOMPARE(compositor.prefetchCells(1, 2), 2);
        QCOMPARE(compositor.prefetchCells(1, 2), 2);
        // then all four are decoded once, and a frame in it loads nothing more
        QCOMPARE(compositor.prefetchCells(1, 2), 0);
        QCOMPARE(loads, 4);
        const QImage prefetched = compositor.frameAt(3.0);
        QCOMPARE(loads, 4);
        // and the frame is the one a compositor without prefetching composes
        FrameCompositor plain(composition, store.loader(), options);
        QCOMPARE(prefetched, plain.frameAt(3.0));
        // and a segment that does not exist prefetches nothing
        QCOMPARE(compositor.prefetchCells(7, 2), 0);
    }

    void unreadableCellImageIsNamed()
    {
        Composition composition = compositionOf({{0, 2000}}, 1, 1, 2.0);
        ImageStore store;
        store.images[1] = QByteArray("not a png");
        CompositorOptions options;
        options.resourcesDir = kResources;
        FrameCompositor compositor(composition, store.loader(), options);
        try {
            compositor.frameAt(1.0);
            QFAIL("expected a RenderError");
        } catch (const RenderError& error) {
            QVERIFY2(error.message().contains(QStringLiteral("cell 0,0")), error.what());
        }
    }

    void exportedFlashesFollowTheClicks()
    {
        // given a project whose song is a click track and whose 1x2 grid is a black and a white
        // cell, its X axis following the loudness with no smoothing
        QTemporaryDir dir;
        const std::vector<double> clicks = clickTimes(0.5, 0.7, 5.6);
        const QString project = clickTrackProject(dir, clicks, {QStringLiteral("--grid"), QStringLiteral("1x2"),
            QStringLiteral("--axis-x"), QStringLiteral("term:beat:0:1:feature=rms:attack=0:release=0")});
        for (const auto& [cell, colour] : {std::pair{QStringLiteral("0,0"), QColor(Qt::black)}, {QStringLiteral("0,1"), QColor(Qt::white)}}) {
            const CliResult imported = runCli({QStringLiteral("cell"), project, QStringLiteral("--segment"), QStringLiteral("1"),
                QStringLiteral("--cell"), cell, QStringLiteral("--import"), savePng(dir.filePath(cell + QStringLiteral(".png")), colour)});
            QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        }
        // when exported and decoded back
        const QString video = dir.filePath(QStringLiteral("sync.mp4"));
        const CliResult exported = runCli({QStringLiteral("export"), project, video, QStringLiteral("--preset"), QStringLiteral("ultrafast"), QStringLiteral("--json")});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        const std::vector<double> lumas = frameLumas(video);
        // then every flash starts within one frame of its click
        QCOMPARE(qint64(lumas.size()), qint64(180));
        std::vector<double> flashes;
        for (std::size_t i = 0; i < lumas.size(); ++i)
            if (lumas[i] > 128 && (i == 0 || lumas[i - 1] <= 128))
                flashes.push_back(double(i) / 30.0);
        QCOMPARE(flashes.size(), clicks.size());
        for (std::size_t k = 0; k < clicks.size(); ++k)
            QVERIFY2(std::abs(flashes[k] - clicks[k]) <= 1.0 / 30.0 + 1e-9,
                qPrintable(QStringLiteral("click %1 s, flash %2 s").arg(clicks[k]).arg(flashes[k])));
        // and the video lasts as long as the song, within a frame
        const QJsonObject probed = probe(video);
        QVERIFY(std::abs(streamOf(probed, QStringLiteral("video")).value(QStringLiteral("duration")).toString().toDouble() - 6.0) <= 1.0 / 30.0);
        // and the soundtrack is the song: its clicks where the song has them, same rate and channels
        const QJsonObject audio = streamOf(probed, QStringLiteral("audio"));
        QCOMPARE(audio.value(QStringLiteral("sample_rate")).toString(), QStringLiteral("44100"));
        QCOMPARE(audio.value(QStringLiteral("channels")).toInt(), 2);
        const std::vector<double> onsets = findOnsets(decodedAudio(video, 2), 44100, clicks);
        for (std::size_t k = 0; k < clicks.size(); ++k)
            QVERIFY2(std::abs(onsets[k] - clicks[k]) < 0.003, qPrintable(QStringLiteral("click %1 s heard at %2 s").arg(clicks[k]).arg(onsets[k])));
        // and the catalog recorded the export
        const auto catalog = Catalog::open(project, Catalog::Access::ReadOnly);
        QCOMPARE(catalog->exports().size(), 1);
        QCOMPARE(catalog->exports().constFirst().state, JobState::Done);
    }

    void zoomPulsesOnEveryClickTheSameInPreviewAndExport()
    {
        // given a click-track project whose one cell is a white square on black, and a camera
        // whose zoom the onsets drive (no attack smoothing, a short release)
        QTemporaryDir dir;
        // (a click every 0.35 s: onsets take more than the 5% of the song above which the
        // analysis's robust range reaches them, as in music; sparser, the pad's noise would)
        const std::vector<double> clicks = clickTimes(0.5, 0.35, 5.6);
        const QString project = clickTrackProject(dir, clicks, {QStringLiteral("--grid"), QStringLiteral("1x1"),
            QStringLiteral("--camera"), QStringLiteral("zoom:0:1:feature=onset:attack=0:release=80")});
        const CliResult shown = runCli({QStringLiteral("segment"), project, QStringLiteral("1")});
        QVERIFY2(shown.out.contains(QStringLiteral("camera   zoom:0:1:feature=onset:attack=0:release=80")), qPrintable(shown.out + shown.err));
        QImage square(160, 90, QImage::Format_RGB888);
        square.fill(Qt::black);
        for (int y = 30; y < 60; ++y)
            for (int x = 65; x < 95; ++x)
                square.setPixel(x, y, qRgb(255, 255, 255));
        const QString squarePng = dir.filePath(QStringLiteral("square.png"));
        QVERIFY(square.save(squarePng));
        QCOMPARE(runCli({QStringLiteral("cell"), project, QStringLiteral("--segment"), QStringLiteral("1"), QStringLiteral("--cell"),
                             QStringLiteral("0,0"), QStringLiteral("--import"), squarePng}).exitCode, 0);
        // when exported and decoded back, and when the preview's compositor makes the same frames
        const QString video = dir.filePath(QStringLiteral("zoom.mp4"));
        const CliResult exported = runCli({QStringLiteral("export"), project, video, QStringLiteral("--preset"), QStringLiteral("ultrafast")});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        const std::vector<double> exportedMeans = frameMeans(video, 160, 90);
        QCOMPARE(qint64(exportedMeans.size()), qint64(180));
        const auto catalog = Catalog::open(project, Catalog::Access::ReadOnly);
        CompositorOptions options;
        options.resourcesDir = kResources;
        FrameCompositor preview(loadComposition(*catalog), [&](qint64 id) { return catalog->versionImage(id); }, options);
        std::vector<double> previewMeans;
        for (int frame = 0; frame < 180; ++frame)
            previewMeans.push_back(meanGrey(preview.frameAt(frame / 30.0)));
        // then the square grows on every click: the largest zoom near each click is within one
        // frame of it, and well above the smallest around it (the square's area: 4x at full zoom)
        for (const double click : clicks) {
            const int at = int(std::lround(click * 30.0));
            int peak = at - 3;
            double least = exportedMeans[std::size_t(peak)];
            for (int frame = at - 3; frame <= std::min(179, at + 4); ++frame) {
                least = std::min(least, exportedMeans[std::size_t(frame)]);
                if (exportedMeans[std::size_t(frame)] > exportedMeans[std::size_t(peak)])
                    peak = frame;
            }
            QVERIFY2(std::abs(peak - click * 30.0) <= 1.0 + 1e-9, qPrintable(QStringLiteral("click %1 s, zoom peak at frame %2").arg(click).arg(peak)));
            QVERIFY2(exportedMeans[std::size_t(peak)] > 1.5 * least,
                qPrintable(QStringLiteral("click %1 s: %2 against %3").arg(click).arg(exportedMeans[std::size_t(peak)]).arg(least)));
        }
        // and the preview's frames are the export's (up to the codec): the same rise and fall
        const double same = normalisedCrossCorrelation(previewMeans, exportedMeans);
        QVERIFY2(same > 0.99, qPrintable(QString::number(same)));
    }

    void exportUpscalesEachCellOnceAndThePreviewShowsTheUpscale()
    {
#ifdef TESSERA_FAKE_GENERATOR
        QSKIP("upscaling runs the libtorch engine: the build without libtorch has no upscaler");
#endif
        // given a 160x90 project whose one cell is a 40x24 picture with detail (smaller than the
        // frame: it needs x4), upscaled with ESRGAN slim by its render settings
        QTemporaryDir dir;
        const QString project = clickTrackProject(dir, {0.5}, {QStringLiteral("--grid"), QStringLiteral("1x1")});
        QImage small(40, 24, QImage::Format_RGB888);
        for (int y = 0; y < 24; ++y)
            for (int x = 0; x < 40; ++x)
                small.setPixel(x, y, (x / 4 + y / 4) % 2 ? qRgb(230, 200, 40) : qRgb(30, 60, 140));
        const QString smallPng = dir.filePath(QStringLiteral("small.png"));
        QVERIFY(small.save(smallPng));
        QCOMPARE(runCli({QStringLiteral("cell"), project, QStringLiteral("--segment"), QStringLiteral("1"), QStringLiteral("--cell"),
                             QStringLiteral("0,0"), QStringLiteral("--import"), smallPng}).exitCode, 0);
        const CliResult set = runCli({QStringLiteral("render-settings"), project, QStringLiteral("--upscale"), QStringLiteral("slim")});
        QVERIFY2(set.exitCode == 0 && set.out.contains(QStringLiteral("upscale: slim")), qPrintable(set.out + set.err));
        const auto exportFrames = [&](const QString& name, const QStringList& extra) {
            const QString folder = dir.filePath(name);
            const CliResult exported = runCli(QStringList{QStringLiteral("export"), project, folder, QStringLiteral("--format"),
                                                  QStringLiteral("png"), QStringLiteral("--range"), QStringLiteral("1-1.1"),
                                                  QStringLiteral("--json")}
                + extra);
            if (exported.exitCode != 0)
                qWarning("%s", qPrintable(exported.err));
            return QJsonDocument::fromJson(exported.out.toUtf8()).object();
        };

        // when exported
        const QJsonObject first = exportFrames(QStringLiteral("first"), {});
        // then the cell was upscaled once, x4, by the engine, and the upscale kept in the project
        QCOMPARE(first.value(QStringLiteral("upscale")).toString(), QStringLiteral("slim"));
        QCOMPARE(first.value(QStringLiteral("cellsUpscaled")).toInt(), 1);
        const qint64 versionId = [&] {
            const auto catalog = Catalog::open(project, Catalog::Access::ReadOnly);
            return catalog->cell(catalog->segments().constFirst().id, {0, 0})->activeVersionId;
        }();
        const QImage stored = QImage::fromData(Catalog::open(project, Catalog::Access::ReadOnly)->versionUpscale(versionId, 4, QStringLiteral("slim")));
        QCOMPARE(stored.size(), QSize(160, 96));
        // (what `tessera-cli upscale` makes of the same picture: one engine)
        const QString direct = dir.filePath(QStringLiteral("direct.png"));
        QCOMPARE(runCli({QStringLiteral("upscale"), QStringLiteral("--network"), QStringLiteral("slim"), smallPng, direct}).exitCode, 0);
        QCOMPARE(stored.convertToFormat(QImage::Format_RGB888), QImage(direct).convertToFormat(QImage::Format_RGB888));

        // when exported again, nothing is upscaled and the frames are the same
        const QJsonObject second = exportFrames(QStringLiteral("second"), {});
        QCOMPARE(second.value(QStringLiteral("cellsUpscaled")).toInt(), 0);
        QCOMPARE(second.value(QStringLiteral("upscalesReused")).toInt(), 1);
        const QImage upscaledFrame = QImage(dir.filePath(QStringLiteral("first/first_000001.png"))).convertToFormat(QImage::Format_RGB888);
        QVERIFY2(!upscaledFrame.isNull(), qPrintable(QDir(dir.filePath(QStringLiteral("first"))).entryList().join(QLatin1Char(' '))));
        QCOMPARE(QImage(dir.filePath(QStringLiteral("second/second_000001.png"))).convertToFormat(QImage::Format_RGB888), upscaledFrame);
        // and without upscaling the frame is the plain enlargement, which differs
        const QJsonObject plain = exportFrames(QStringLiteral("plain"), {QStringLiteral("--upscale"), QStringLiteral("none")});
        QCOMPARE(plain.value(QStringLiteral("upscale")).toString(), QString());
        const QImage plainFrame = QImage(dir.filePath(QStringLiteral("plain/plain_000001.png"))).convertToFormat(QImage::Format_RGB888);
        QCOMPARE(plainFrame.size(), upscaledFrame.size());
        QVERIFY(plainFrame != upscaledFrame);

        // and the preview's loader (storedCellImage) gives the export's frame, at any preview size's
        // factor: it reads the upscale the export made for the project's frame
        const auto catalog = Catalog::open(project, Catalog::Access::ReadOnly);
        const Composition composition = loadComposition(*catalog);
        QCOMPARE(composition.render.upscale, QStringLiteral("slim"));
        CompositorOptions options;
        options.resourcesDir = kResources;
        const QSize projectFrame(160, 90);
        FrameCompositor preview(composition,
            [&](qint64 id) { return storedCellImage(*catalog, id, projectFrame, composition.render.upscale); }, options);
        QCOMPARE(preview.frameAt(1.0).convertToFormat(QImage::Format_RGB888), upscaledFrame);

        // and an unknown network is refused before anything is written
        const CliResult unknown = runCli({QStringLiteral("export"), project, dir.filePath(QStringLiteral("x.mp4")),
            QStringLiteral("--upscale"), QStringLiteral("huge")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("x.mp4"))));
    }

    void renderSettingsAreStoredInTheProject()
    {
        // given a new project
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("look.tessera"));
        QCOMPARE(runCli({QStringLiteral("new"), project}).exitCode, 0);
        // when the frame fit, captions and their colours are set
        const CliResult set = runCli({QStringLiteral("render-settings"), project, QStringLiteral("--fit"), QStringLiteral("fit"),
            QStringLiteral("--captions"), QStringLiteral("on"), QStringLiteral("--caption-size"), QStringLiteral("0.08"),
            QStringLiteral("--caption-colors"), QStringLiteral("#eeeeee,#ff0000,#101010")});
        QVERIFY2(set.exitCode == 0, qPrintable(set.err));
        // then the catalog holds them and the compositor reads them
        const auto catalog = Catalog::open(project, Catalog::Access::ReadOnly);
        const RenderSettings stored = catalog->renderSettings();
        QCOMPARE(stored.fit, FrameFit::Fit);
        QVERIFY(stored.captions.enabled);
        QCOMPARE(stored.captions.sizeFraction, 0.08);
        QCOMPARE(stored.captions.highlightColor, QStringLiteral("#ff0000"));
        // and a bad value is refused, naming the project, leaving them as they were
        const CliResult bad = runCli({QStringLiteral("render-settings"), project, QStringLiteral("--caption-colors"), QStringLiteral("red,green,blue")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("look.tessera")) && bad.err.contains(QStringLiteral("red")), qPrintable(bad.err));
        QCOMPARE(Catalog::open(project, Catalog::Access::ReadOnly)->renderSettings(), stored);
    }

    void terminatedExportLeavesNoFileAndIsRecorded()
    {
        // given a project with a 2-minute song, exported slowly (minutes, were it not stopped)
        QTemporaryDir dir;
        const QString song = dir.filePath(QStringLiteral("long.wav"));
        writeBurstTrack(song, 120.0, {1.0, 2.0});
        const QString project = dir.filePath(QStringLiteral("long.tessera"));
        QCOMPARE(runCli({QStringLiteral("new"), QStringLiteral("--size"), QStringLiteral("1920x1080"), QStringLiteral("--audio"), song, project}).exitCode, 0);
        const QString target = dir.filePath(QStringLiteral("long.mp4"));
        QProcess process;
        process.setReadChannel(QProcess::StandardError); // the progress lines
        process.start(QStringLiteral(TESSERA_CLI_PATH),
            {QStringLiteral("export"), project, target, QStringLiteral("--preset"), QStringLiteral("medium")});
        QVERIFY(process.waitForStarted());
        // when it is sent SIGTERM once its first progress line shows (as Ctrl+C sends SIGINT)
        QElapsedTimer waited;
        waited.start();
        while (!process.readAllStandardError().contains("export: frame") && waited.elapsed() < 60000)
            QVERIFY(process.waitForReadyRead(60000) || process.state() == QProcess::Running);
        process.terminate();
        QVERIFY(process.waitForFinished(60000));
        // then it stops with the one-line error, leaves neither the video nor a temporary, and the
        // project's export history says it was cancelled
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 1, qPrintable(QStringLiteral("status %1 code %2: %3").arg(int(process.exitStatus())).arg(process.exitCode()).arg(err)));
        QVERIFY2(err.contains(QStringLiteral("cancelled")), qPrintable(err));
        QVERIFY(!QFile::exists(target));
        QVERIFY(temporaries(dir.path()).isEmpty());
        const auto catalog = Catalog::open(project, Catalog::Access::ReadOnly);
        QCOMPARE(catalog->exports().size(), 1);
        QCOMPARE(catalog->exports().constFirst().state, JobState::Cancelled);
    }

    void exportErrorsNameTheFile()
    {
        // given a project whose song has gone
        QTemporaryDir dir;
        const QString song = dir.filePath(QStringLiteral("song.wav"));
        writeBurstTrack(song, 1.0, {0.2});
        const QString project = dir.filePath(QStringLiteral("p.tessera"));
        QCOMPARE(runCli({QStringLiteral("new"), QStringLiteral("--audio"), song, project}).exitCode, 0);
        const QString target = dir.filePath(QStringLiteral("out.mp4"));
        // when the output folder does not exist, the error names it and nothing is written
        CliResult result = runCli({QStringLiteral("export"), project, dir.filePath(QStringLiteral("missing/out.mp4"))});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("missing")), qPrintable(result.err));
        // when the song is missing, the error names it
        QVERIFY(QFile::remove(song));
        result = runCli({QStringLiteral("export"), project, target});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QStringLiteral("song.wav")), qPrintable(result.err));
        QVERIFY(!QFile::exists(target));
        QVERIFY(temporaries(dir.path()).isEmpty());
    }
};

QTEST_MAIN(TestRender)
#include "tst_render.moc"
