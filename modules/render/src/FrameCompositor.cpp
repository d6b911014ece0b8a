#include "tessera/render/FrameCompositor.h"

#include "internal/CaptionPainter.h"
#include "internal/CellCache.h"
#include "internal/LinearScaling.h"
#include "tessera/color/ColorProcessor.h"
#include "tessera/color/ConfigResolver.h"
#include "tessera/render/RenderError.h"

#include <QFileInfo>

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

    explicit Private(std::size_t cacheBytes)
        : cache(cacheBytes)
    {
    }

    const ColorProcessor& processorFor(const Grade& grade)
    {
        const QString key = gradeKey(grade);
        auto& processor = gradeProcessors[key];
        if (!processor)
            processor = std::make_unique<ColorProcessor>(color.config, color.settings, grade);
        return *processor;
    }

    std::shared_ptr<const LinearImage> linearCell(const CompositionSegment& segment, const CellWeight& weight)
    {
        const CompositionCell* cell = segment.cellAt(weight.index);
        const Grade grade = cell ? cell->grade : Grade{};
        const QString key = QString::number(weight.versionId) + QLatin1Char('|') + gradeKey(grade);
        if (auto cached = cache.find(key))
            return cached;
        const QByteArray png = loader(weight.versionId);
        QImage image;
        if (png.isEmpty() || !image.loadFromData(png))
            throw RenderError(QStringLiteral("segment %1, cell %2,%3")
                                  .arg(segment.segment.id)
                                  .arg(weight.index.row)
                                  .arg(weight.index.col),
                QStringLiteral("the image of version %1 cannot be decoded").arg(weight.versionId));
        auto linear = std::make_shared<const LinearImage>(processorFor(grade).toLinear(image));
        cache.insert(key, linear);
        return linear;
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
        LinearImage blended(cellWidth, cellHeight);
        for (std::size_t i = 0; i < images.size(); ++i) {
            // An imported cell of another size is brought to the grid's size first.
            const LinearImage resized = images[i]->width == cellWidth && images[i]->height == cellHeight
                ? LinearImage{}
                : internal::placeInFrame(*images[i], cellWidth, cellHeight, composition.render.fit);
            const LinearImage& source = resized.isNull() ? *images[i] : resized;
            const auto w = float(layer.cells[int(i)].weight);
            for (std::size_t k = 0; k < blended.rgb.size(); ++k)
                blended.rgb[k] += w * source.rgb[k];
        }
        return internal::placeInFrame(blended, width, height, composition.render.fit);
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
    const QVector<SegmentLayer> layers = d->planner->planAt(seconds);
    if (layers.isEmpty())
        return LinearImage(d->width, d->height);
    if (layers.size() == 1)
        return d->composeLayer(layers.first());
    // A crossfade mixes light, like a dissolve on film: in the working space, never on display values.
    LinearImage frame(d->width, d->height);
    for (const SegmentLayer& layer : layers) {
        const LinearImage composed = d->composeLayer(layer);
        const auto w = float(layer.weight);
        for (std::size_t k = 0; k < frame.rgb.size(); ++k)
            frame.rgb[k] += w * composed.rgb[k];
    }
    return frame;
}

QImage FrameCompositor::frameAt(double seconds)
{
    QImage frame = d->display->linearToDisplay8(linearFrameAt(seconds));
    if (d->captions) {
        const int segment = d->planner->captionSegmentAt(seconds);
        if (segment >= 0)
            internal::paintCaption(frame, d->composition.segments[segment].segment, seconds, d->composition.render.captions);
    }
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

} // namespace tessera
