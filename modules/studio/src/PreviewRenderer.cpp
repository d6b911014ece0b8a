#include "tessera/studio/PreviewRenderer.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/render/CellUpscales.h"
#include "tessera/render/FrameCompositor.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <utility>

namespace tessera {

PreviewRenderer::PreviewRenderer(const QString& resourcesDir, QObject* parent)
    : QThread(parent)
    , m_resourcesDir(resourcesDir)
{
    qRegisterMetaType<tessera::PreviewFrame>();
}

PreviewRenderer::~PreviewRenderer()
{
    {
        QMutexLocker lock(&m_mutex);
        m_shared.quit = true;
        m_wake.wakeAll();
    }
    wait();
}

bool PreviewRenderer::request(const QString& projectPath, std::shared_ptr<const Composition> composition,
    double seconds, int width, std::optional<PlannedFrame> planned)
{
    bool dropped = false;
    {
        QMutexLocker lock(&m_mutex);
        dropped = m_shared.pending && m_shared.next.seconds != seconds;
        m_shared.next = Request{projectPath, std::move(composition), seconds, width, std::move(planned)};
        m_shared.pending = true;
        m_wake.wakeAll();
    }
    if (!isRunning())
        start(QThread::HighPriority);
    return dropped;
}

void PreviewRenderer::setCacheBytes(std::size_t bytes)
{
    QMutexLocker lock(&m_mutex);
    m_shared.cacheBytes = bytes;
}

void PreviewRenderer::reloadCells()
{
    QMutexLocker lock(&m_mutex);
    m_shared.reloadCells = true;
}

void PreviewRenderer::run()
{
    std::unique_ptr<Catalog> catalog;
    std::shared_ptr<const Composition> builtFrom;
    std::size_t builtCache = 0;
    QString builtUpscale; // the network whose stored upscales the compositor's loader reads
    std::unique_ptr<FrameCompositor> compositor;
    int decoded = 0; // by the loader, on this thread
    for (;;) {
        Request request;
        std::size_t cacheBytes = 0;
        bool reloadCells = false;
        {
            QMutexLocker lock(&m_mutex);
            while (!m_shared.pending && !m_shared.quit)
                m_wake.wait(&m_mutex);
            if (m_shared.quit)
                return;
            request = std::move(m_shared.next);
            m_shared.pending = false;
            cacheBytes = m_shared.cacheBytes;
            reloadCells = std::exchange(m_shared.reloadCells, false);
        }
        PreviewFrame frame;
        frame.seconds = request.seconds;
        if (!request.composition)
            continue;
        QElapsedTimer timer;
        timer.start();
        decoded = 0;
        try {
            if (!catalog || catalog->path() != request.projectPath) {
                compositor.reset();
                catalog = Catalog::open(request.projectPath, Catalog::Access::ReadOnly);
            }
            const ProjectSettings& project = request.composition->project;
            CompositorOptions options;
            options.width = std::max(16, request.width) & ~1;
            options.height = std::max(2, int(std::lround(double(options.width) * project.height / std::max(1, project.width)))) & ~1;
            options.resourcesDir = m_resourcesDir;
            options.cacheBytes = cacheBytes;
            // Cells upscaled by ESRGAN are the export's: at the factor the project's frame needs,
            // read from the project when an export made them (the preview never runs the network).
            const QString upscale = request.composition->render.upscale;
            const bool sameFrame = compositor && compositor->width() == options.width
                && compositor->height() == options.height && builtCache == cacheBytes && builtUpscale == upscale
                && !reloadCells;
            if (sameFrame && builtFrom != request.composition) {
                // A cell committed or a prompt changed: the new composition goes into the same
                // compositor, which keeps its LUTs and decoded cells, so a seek while the worker
                // generates costs what it costs idle.
                compositor->setComposition(*request.composition);
                builtFrom = request.composition;
            } else if (!sameFrame) {
                compositor.reset();
                // The loader reads through this thread's connection, the only one it may use.
                Catalog* reader = catalog.get();
                // Morphs read the flows an export stored; the rest are estimated here and kept
                // in memory while this compositor lives (the catalog is read-only on this thread).
                options.loadFlow = [reader](qint64 from, qint64 to) { return reader->cellFlow(from, to); };
                const QSize projectFrame(project.width, project.height);
                compositor = std::make_unique<FrameCompositor>(*request.composition,
                    [reader, &decoded, projectFrame, upscale](qint64 versionId) {
                        ++decoded;
                        return storedCellImage(*reader, versionId, projectFrame, upscale);
                    },
                    options);
                builtFrom = request.composition;
                builtCache = cacheBytes;
                builtUpscale = upscale;
            }
            const QVector<SegmentLayer> layers =
                request.planned ? request.planned->layers : compositor->planner().planAt(request.seconds);
            const bool anyImage = std::any_of(layers.cbegin(), layers.cend(), [](const SegmentLayer& layer) { return !layer.cells.isEmpty(); });
            if (anyImage || layers.isEmpty()) {
                frame.image = request.planned
                    ? compositor->frameFor(layers, request.planned->captionSegment, request.seconds)
                    : compositor->frameAt(request.seconds);
            } else {
                // The segment the artist hears has nothing to show yet: say so instead of black.
                const SegmentLayer& main = *std::max_element(layers.cbegin(), layers.cend(),
                    [](const SegmentLayer& a, const SegmentLayer& b) { return a.weight < b.weight; });
                const Segment& segment = request.composition->segments.at(main.segment).segment;
                frame.emptySegment = main.segment + 1;
                frame.emptyRows = segment.grid.rows();
                frame.emptyCols = segment.grid.cols();
            }
        } catch (const std::exception& error) {
            frame.error = QString::fromUtf8(error.what());
            compositor.reset();
            builtFrom.reset();
        }
        frame.renderMs = double(timer.nsecsElapsed()) / 1e6;
        frame.cellsDecoded = decoded;
        Q_EMIT rendered(frame);
        if (request.planned && compositor)
            prefetch(*compositor, request.planned->prefetch);
    }
}

void PreviewRenderer::prefetch(FrameCompositor& compositor, const QVector<int>& segments)
{
    // Two cells at a time (a few ms each), and only while no newer frame waits: the show's next
    // frame is never late for cells it does not show yet.
    try {
        for (const int segment : segments) {
            for (;;) {
                {
                    QMutexLocker lock(&m_mutex);
                    if (m_shared.pending || m_shared.quit)
                        return;
                }
                if (compositor.prefetchCells(segment, 2) == 0)
                    break;
            }
        }
    } catch (const std::exception&) {
        // A cell that cannot be decoded is named when a frame shows it, not here.
    }
}

} // namespace tessera
