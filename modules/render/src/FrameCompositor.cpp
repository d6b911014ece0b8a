#include "tessera/render/FrameCompositor.h"

#include "internal/CaptionPainter.h"
#include "internal/CellCache.h"
#include "internal/LinearScaling.h"
#include "tessera/color/ColorProcessor.h"
#include "tessera/color/ConfigResolver.h"
#include "tessera/motion/CameraTransform.h"
#include "tessera/motion/CellFlow.h"
#include "tessera/motion/MorphBlend.h"
#include "tessera/motion/MotionError.h"
#include "tessera/render/RenderError.h"

#include <QCache>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <map>

namespace tessera {

namespace {

//! Rec.709 video unless the project names a display: the config's "Rec.1886 Rec.709" display
//! when it has one (our bundled config does), else the project's display.
ColorSettings videoColorSettings(const ColorConfig& config, const ProjectSettings& project, const RenderSettings& render)
{
    ColorSettings color = project.color;
    if (!render.videoDisplay.isEmpty())
        color.display = render.videoDisplay;
    else if (config.displays().contains(QStringLiteral("Rec.1886 Rec.709")))
        color.display = QStringLiteral("Rec.1886 Rec.709");
    if (!render.videoView.isEmpty())
        color.view = render.videoView;
    if (!config.views(color.display).contains(color.view))
        color.view.clear(); // the display's default
    return color;
}

QString gradeKey(const Grade& grade)
{
    // Exact doubles ('g', 17 digits): two grades share processors and cache entries only when equal.
    return QStringLiteral("%1/%2/%3")
        .arg(grade.exposureStops, 0, 'g', 17)
        .arg(grade.gamma, 0, 'g', 17)
        .arg(grade.saturation, 0, 'g', 17);
}

} // namespace

struct FrameCompositor::Private
{
    Composition composition;
    CellImageLoader loader;
    CompositorOptions options;
    std::unique_ptr<FramePlanner> planner;
    int width = 0;
    int height = 0;
    bool captions = false;
    ResolvedColorConfig color;
    std::unique_ptr<ColorProcessor> display;
    std::map<QString, std::unique_ptr<ColorProcessor>> gradeProcessors; //!< by grade
    internal::CellCache cache;
    QCache<QPair<qint64, qint64>, FlowField> flows; //!< by (from, to) version; cost in KiB
    int estimatedFlows = 0;

    explicit Private(std::size_t cacheBytes)
        : cache(cacheBytes)
        , flows(int(std::max<std::size_t>(1024, cacheBytes / 8 / 1024)))
    {
    }

    //! The last images decoded, by version: estimating a flow reads the two cells just decoded
    //! for the frame, so it decodes nothing again. Cost in KiB.
    QCache<qint64, QImage> decoded{32 * 1024};

    QImage decodedVersion(const CompositionSegment& segment, const CellWeight& weight)
    {
        if (const QImage* cached = decoded.object(weight.versionId))
            return *cached;
        const QByteArray png = loader(weight.versionId);
        QImage image;
        if (png.isEmpty() || !image.loadFromData(png))
            throw RenderError(QStringLiteral("segment %1, cell %2,%3")
                                  .arg(segment.segment.id)
                                  .arg(weight.index.row)
                                  .arg(weight.index.col),
                QStringLiteral("the image of version %1 cannot be decoded").arg(weight.versionId));
        decoded.insert(weight.versionId, new QImage(image), int(image.sizeInBytes() / 1024) + 1);
        return image;
    }

    //! The flow from one cell's active image to its neighbour's: from the cache, else the store,
    //! else estimated now (and stored). Always through the stored form, so a frame is the same
    //! whether its flow was just estimated or read back from the project.
    const FlowField& flowBetween(const CompositionSegment& segment, const CellWeight& from, const CellWeight& to)
    {
        const QPair<qint64, qint64> key(from.versionId, to.versionId);
        if (const FlowField* cached = flows.object(key))
            return *cached;
        const QString source = QStringLiteral("the flow from version %1 to %2").arg(from.versionId).arg(to.versionId);
        const QByteArray stored = options.loadFlow ? options.loadFlow(from.versionId, to.versionId) : QByteArray();
        FlowField field; // read back, or estimated below
        bool readBack = false;
        if (!stored.isEmpty()) {
            try {
                field = FlowField::decode(stored, source);
                readBack = true;
            } catch (const MotionError&) {
                // A damaged stored flow is estimated again below and replaced, not shown.
            }
        }
        if (!readBack) {
            // Both ways at once: the estimate keeps a motion only when the two flows agree.
            const CellFlowPair pair = estimateCellFlows(decodedVersion(segment, from), decodedVersion(segment, to));
            const QByteArray backward = pair.backward.encode();
            keep({to.versionId, from.versionId}, FlowField::decode(backward, source));
            const QByteArray encoded = pair.forward.encode();
            field = FlowField::decode(encoded, source);
            estimatedFlows += 2;
            if (options.storeFlow) {
                options.storeFlow(from.versionId, to.versionId, encoded);
                options.storeFlow(to.versionId, from.versionId, backward);
            }
        }
        keep(key, std::move(field));
        return *flows.object(key);
    }

    void keep(const QPair<qint64, qint64>& key, FlowField field)
    {
        const int costKiB = int(field.xy.size() * sizeof(float) / 1024) + 1;
        flows.insert(key, new FlowField(std::move(field)), costKiB);
    }

    //! How far each cell's content moves toward the layer's grid position: along its flow to the
    //! neighbour in that direction, by the fraction of the way there, on each axis.
    FlowField displacementToward(const CompositionSegment& segment, const SegmentLayer& layer, int cellIndex, int cellWidth, int cellHeight)
    {
        const CellWeight& cell = layer.cells[cellIndex];
        FlowField displacement(cellWidth, cellHeight);
        const struct {
            double offset;
            CellIndex neighbour;
        } axes[] = {{layer.column - cell.index.col, {cell.index.row, cell.index.col + (layer.column > cell.index.col ? 1 : -1)}},
            {layer.row - cell.index.row, {cell.index.row + (layer.row > cell.index.row ? 1 : -1), cell.index.col}}};
        for (const auto& axis : axes) {
            if (std::abs(axis.offset) < 1e-9)
                continue;
            const auto neighbour = std::find_if(layer.cells.begin(), layer.cells.end(),
                [&](const CellWeight& other) { return other.index == axis.neighbour; });
            if (neighbour == layer.cells.end())
                continue; // no image there: its share went to the others, nothing to move toward
            const FlowField& flow = flowBetween(segment, cell, *neighbour);
            if (!flow.isStill())
                displacement.addScaled(flow.resized(cellWidth, cellHeight), float(std::min(1.0, std::abs(axis.offset))));
        }
        return displacement;
    }

    const ColorProcessor& processorFor(const Grade& grade)
    {
        const QString key = gradeKey(grade);
        auto& processor = gradeProcessors[key];
        if (!processor)
            processor = std::make_unique<ColorProcessor>(color.config, color.settings, grade);
        return *processor;
    }

    static QString cellKey(const CompositionSegment& segment, const CellWeight& weight)
    {
        const CompositionCell* cell = segment.cellAt(weight.index);
        return QString::number(weight.versionId) + QLatin1Char('|') + gradeKey(cell ? cell->grade : Grade{});
    }

    std::shared_ptr<const LinearImage> linearCell(const CompositionSegment& segment, const CellWeight& weight)
    {
        const CompositionCell* cell = segment.cellAt(weight.index);
        const Grade grade = cell ? cell->grade : Grade{};
        const QString key = cellKey(segment, weight);
        if (auto cached = cache.find(key))
            return cached;
        const QImage image = decodedVersion(segment, weight);
        auto linear = std::make_shared<const LinearImage>(processorFor(grade).toLinear(image));
        cache.insert(key, linear);
        return linear;
    }

    //! A layer as the segment's camera sees it (moved after the cells are placed in the frame, in
    //! linear light, before the crossfade and the display transform).
    static LinearImage filmed(LinearImage composed, const SegmentLayer& layer)
    {
        return layer.camera.isIdentity() ? composed : cameraTransform(composed, layer.camera);
    }

    //! One segment's layer at the frame size: its cells blended in scene-linear light at the
    //! cells' resolution (they share it in a generated grid), then placed in the frame once.
    LinearImage composeLayer(const SegmentLayer& layer)
    {
        if (layer.cells.isEmpty())
            return LinearImage(width, height);
        const CompositionSegment& segment = composition.segments[layer.segment];
        std::vector<std::shared_ptr<const LinearImage>> images;
        int cellWidth = 0;
        int cellHeight = 0;
        for (const CellWeight& weight : layer.cells) {
            images.push_back(linearCell(segment, weight));
            cellWidth = std::max(cellWidth, images.back()->width);
            cellHeight = std::max(cellHeight, images.back()->height);
        }
        // An imported cell of another size is brought to the grid's size first.
        std::vector<LinearImage> resized(images.size());
        std::vector<MorphInput> inputs(images.size());
        const bool morph = segment.segment.transition.cellBlend == CellBlend::Morph && images.size() > 1;
        for (std::size_t i = 0; i < images.size(); ++i) {
            if (images[i]->width != cellWidth || images[i]->height != cellHeight)
                resized[i] = internal::placeInFrame(*images[i], cellWidth, cellHeight, composition.render.fit);
            inputs[i].image = resized[i].isNull() ? images[i].get() : &resized[i];
            inputs[i].weight = float(layer.cells[int(i)].weight);
            if (morph)
                inputs[i].displacement = displacementToward(segment, layer, int(i), cellWidth, cellHeight);
        }
        // Without motion (a dissolve, or flows that found none) this is the plain weighted sum.
        return internal::placeInFrame(morphBlend(inputs), width, height, composition.render.fit);
    }
};

FrameCompositor::FrameCompositor(Composition composition, CellImageLoader loader, const CompositorOptions& options)
    : d(std::make_unique<Private>(options.cacheBytes))
{
    d->loader = std::move(loader);
    d->options = options;
    setComposition(std::move(composition));
}

void FrameCompositor::setComposition(Composition composition)
{
    const bool sameColour = d->display && composition.project.color == d->composition.project.color
        && composition.render.videoDisplay == d->composition.render.videoDisplay
        && composition.render.videoView == d->composition.render.videoView;
    if (!sameColour) {
        // Resolved in full before anything changes, so a bad config (it throws) leaves the old state.
        ConfigResolveOptions resolve;
        resolve.resourcesDir = d->options.resourcesDir;
        ResolvedColorConfig color = resolveColorConfig(composition.project.color, resolve);
        const ColorSettings video = videoColorSettings(*color.config, composition.project, composition.render);
        ColorSettings displaySettings = color.settings;
        displaySettings.display = video.display;
        displaySettings.view = video.view;
        auto display = std::make_unique<ColorProcessor>(color.config, displaySettings);
        d->color = std::move(color);
        d->display = std::move(display);
        d->gradeProcessors.clear();
        d->cache.clear();
        d->decoded.clear();
    }
    // Otherwise the processors and the decoded cells (keyed by version and grade) still hold.
    d->composition = std::move(composition);
    d->planner = std::make_unique<FramePlanner>(d->composition);
    d->width = d->options.width > 0 ? d->options.width : d->composition.project.width;
    d->height = d->options.height > 0 ? d->options.height : d->composition.project.height;
    d->captions = d->options.captions.value_or(d->composition.render.captions.enabled);
}

FrameCompositor::~FrameCompositor() = default;

LinearImage FrameCompositor::linearFrameAt(double seconds)
{
    return linearFrameFor(d->planner->planAt(seconds));
}

LinearImage FrameCompositor::linearFrameFor(const QVector<SegmentLayer>& layers)
{
    if (layers.isEmpty())
        return LinearImage(d->width, d->height);
    if (layers.size() == 1)
        return d->filmed(d->composeLayer(layers.first()), layers.first());
    // A crossfade mixes light, like a dissolve on film: in the working space, never on display values.
    LinearImage frame(d->width, d->height);
    for (const SegmentLayer& layer : layers) {
        const LinearImage composed = d->filmed(d->composeLayer(layer), layer);
        const auto w = float(layer.weight);
        for (std::size_t k = 0; k < frame.rgb.size(); ++k)
            frame.rgb[k] += w * composed.rgb[k];
    }
    return frame;
}

QImage FrameCompositor::frameAt(double seconds)
{
    return frameFor(d->planner->planAt(seconds), d->planner->captionSegmentAt(seconds), seconds);
}

QImage FrameCompositor::frameFor(const QVector<SegmentLayer>& layers, int captionSegment, double captionSeconds)
{
    QImage frame = d->display->linearToDisplay8(linearFrameFor(layers));
    if (d->captions && captionSegment >= 0 && captionSegment < d->composition.segments.size())
        internal::paintCaption(frame, d->composition.segments[captionSegment].segment, captionSeconds,
            d->composition.render.captions);
    return frame.convertToFormat(QImage::Format_RGB888);
}

const Composition& FrameCompositor::composition() const { return d->composition; }
const FramePlanner& FrameCompositor::planner() const { return *d->planner; }
int FrameCompositor::width() const { return d->width; }
int FrameCompositor::height() const { return d->height; }
QString FrameCompositor::display() const { return d->display->display(); }
QString FrameCompositor::view() const { return d->display->view(); }
QString FrameCompositor::colorNote() const { return d->color.fallbackReason; }
std::size_t FrameCompositor::cachedCells() const { return d->cache.size(); }

int FrameCompositor::prefetchCells(int segment, int maxDecodes)
{
    if (segment < 0 || segment >= d->composition.segments.size())
        return 0;
    const CompositionSegment& entry = d->composition.segments[segment];
    int decoded = 0;
    for (const CompositionCell& cell : entry.cells) {
        if (cell.versionId == 0)
            continue;
        const CellWeight weight{cell.index, cell.versionId, 1.0};
        if (d->cache.find(Private::cellKey(entry, weight)))
            continue;
        if (decoded == maxDecodes)
            break;
        d->linearCell(entry, weight);
        ++decoded;
    }
    return decoded;
}
int FrameCompositor::estimatedFlows() const { return d->estimatedFlows; }

} // namespace tessera
