#include "tessera/render/ProjectExport.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/CatalogError.h"
#include "tessera/core/TimeFormat.h"
#include "tessera/export/ExportError.h"
#include "tessera/export/FrameSource.h"
#include "tessera/render/CellUpscales.h"
#include "tessera/render/Composition.h"
#include "tessera/render/FrameCompositor.h"

#include <QBuffer>
#include <QFileInfo>
#include <QJsonObject>

namespace tessera {

namespace {

//! The compositor's frames for the exporter: frame i of the export is song time start + i / fps.
class CompositorFrames final : public FrameSource
{
public:
    CompositorFrames(FrameCompositor& compositor, FrameRate rate, double startSeconds)
        : m_compositor(compositor)
        , m_rate(rate)
        , m_start(startSeconds)
    {
    }
    QImage frame(qint64 index) override { return m_compositor.frameAt(m_start + m_rate.secondsAt(index)); }

private:
    FrameCompositor& m_compositor;
    FrameRate m_rate;
    double m_start;
};

ExportSettings settingsFor(const ProjectExportRequest& request, const Composition& composition)
{
    if (composition.songSeconds <= 0.0)
        throw CatalogError(request.projectPath, QStringLiteral("the project has no song to export"));
    if (request.rangeStart < 0.0 || request.rangeStart >= composition.songSeconds) {
        throw CatalogError(request.projectPath,
            QStringLiteral("the range starts after the song ends (%1)")
                .arg(formatSongTime(millisecondsFromSeconds(composition.songSeconds))));
    }
    ExportSettings settings;
    settings.outputPath = request.outputPath;
    settings.format = request.format;
    settings.crf = request.crf;
    settings.x264Preset = request.x264Preset;
    settings.frameRate = request.frameRate.value_or(composition.project.frameRate);
    settings.width = request.width > 0 ? request.width : composition.project.width;
    settings.height = request.height > 0 ? request.height : composition.project.height;
    const double end = request.rangeEnd > 0.0 ? std::min(request.rangeEnd, composition.songSeconds) : composition.songSeconds;
    if (end <= request.rangeStart)
        throw ExportError(request.outputPath, QStringLiteral("the range ends before it starts"));
    // Every frame that starts before the end is shown, so the video covers the whole span.
    settings.frameCount = settings.frameRate.firstFrameAtOrAfter(end - request.rangeStart);
    settings.audioPath = composition.songPath;
    settings.audioStartSeconds = request.rangeStart;
    if (const QString problem = settings.validationError(); !problem.isEmpty())
        throw ExportError(settings.outputPath, problem);
    return settings;
}

//! The cell's image as the export shows it: upscaled by the network when smaller than the frame,
//! from the project's store when an earlier export made it, else made now and stored.
QByteArray upscaledCell(Catalog& catalog, qint64 versionId, const QByteArray& png, QSize frameSize, const QString& network,
    const ProjectExportRequest& request, ProjectExportResult& out)
{
    const int factor = upscaleFactorFor(png, frameSize);
    if (factor == 0)
        return png; // covers the frame already, or cannot be read: the compositor names that cell
    QByteArray stored = catalog.versionUpscale(versionId, factor, network);
    if (!stored.isEmpty()) {
        ++out.upscalesReused;
        return stored;
    }
    QImage image;
    if (!image.loadFromData(png))
        return png;
    if (!request.upscaler) {
        throw ExportError(request.outputPath, QStringLiteral("cells need upscaling with %1, which this program cannot run "
                                                             "(tessera-cli export --upscale none leaves it out)")
                                                  .arg(network));
    }
    const QImage upscaled = request.upscaler(image, factor, network);
    QBuffer buffer(&stored);
    buffer.open(QIODevice::WriteOnly);
    if (upscaled.isNull() || !upscaled.save(&buffer, "PNG"))
        throw ExportError(request.outputPath, QStringLiteral("the %1 upscale of version %2 cannot be encoded").arg(network).arg(versionId));
    catalog.storeVersionUpscale(versionId, factor, network, stored);
    ++out.cellsUpscaled;
    return stored;
}

} // namespace

ExportSettings resolveProjectExport(const ProjectExportRequest& request)
{
    const auto catalog = Catalog::open(request.projectPath, Catalog::Access::ReadOnly);
    return settingsFor(request, loadComposition(*catalog));
}

ProjectExportResult exportProject(const ProjectExportRequest& request, const ExportProgressCallback& progress)
{
    const auto catalog = Catalog::open(request.projectPath);
    Composition composition = loadComposition(*catalog);
    ProjectExportResult out;
    out.settings = settingsFor(request, composition);
    const ExportSettings& settings = out.settings;

    CompositorOptions options;
    options.width = settings.width;
    options.height = settings.height;
    options.captions = request.captions;
    // Flows estimated for morphs are kept in the project: the next export reads them back.
    options.loadFlow = [&catalog](qint64 from, qint64 to) { return catalog->cellFlow(from, to); };
    options.storeFlow = [&catalog](qint64 from, qint64 to, const QByteArray& flow) { catalog->storeCellFlow(from, to, flow); };
    // The exporter composes on its own thread: the catalog is used there only while this
    // thread waits in exportVideo, never by both at once.
    out.upscale = request.upscale.value_or(composition.render.upscale);
    if (!out.upscale.isEmpty() && !RenderSettings::upscaleNetworks().contains(out.upscale)) {
        throw ExportError(settings.outputPath, QStringLiteral("unknown upscaling network \"%1\" (%2)")
                                                   .arg(out.upscale, RenderSettings::upscaleNetworks().join(QStringLiteral(", "))));
    }
    const QSize frameSize(settings.width, settings.height);
    const CellImageLoader loader = [&catalog, &request, &out, frameSize](qint64 versionId) -> QByteArray {
        QByteArray png = catalog->versionImage(versionId);
        if (out.upscale.isEmpty())
            return png;
        return upscaledCell(*catalog, versionId, png, frameSize, out.upscale, request, out);
    };
    FrameCompositor compositor(std::move(composition), loader, options);
    out.display = compositor.display();
    out.view = compositor.view();
    out.colorNote = compositor.colorNote();
    CompositorFrames frames(compositor, settings.frameRate, request.rangeStart);

    const QJsonObject recorded{{QStringLiteral("fps"), settings.frameRate.toString()},
        {QStringLiteral("width"), settings.width}, {QStringLiteral("height"), settings.height},
        {QStringLiteral("crf"), settings.crf}, {QStringLiteral("preset"), settings.x264Preset},
        {QStringLiteral("start"), request.rangeStart}, {QStringLiteral("frames"), settings.frameCount},
        {QStringLiteral("display"), out.display}, {QStringLiteral("view"), out.view}};
    const qint64 exportId = catalog->beginExport(QFileInfo(settings.outputPath).absoluteFilePath(),
        exportFormatName(settings.format), recorded);
    try {
        out.video = exportVideo(settings, frames, progress);
    } catch (const std::exception& error) {
        const bool cancelled = dynamic_cast<const ExportCancelled*>(&error) != nullptr;
        catalog->finishExport(exportId, cancelled ? JobState::Cancelled : JobState::Failed, QString::fromUtf8(error.what()));
        throw;
    }
    catalog->finishExport(exportId, JobState::Done);
    return out;
}

} // namespace tessera
