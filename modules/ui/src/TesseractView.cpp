#include "tessera/ui/TesseractView.h"

#include "CellTextureData.h"
#include "TesseractScene.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/core/TimeFormat.h"
#include "tessera/render/Composition.h"
#include "tessera/studio/BackgroundTask.h"
#include "tessera/studio/ProjectComposition.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QPainter>
#include <QQmlContext>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickWidget>
#include <QQuickWindow>
#include <QSGRendererInterface>
#include <QSet>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>
#include <QVector4D>

#include <algorithm>
#include <atomic>
#include <cmath>

namespace tessera {

static_assert(TesseractMosaic::kMaxCellSide <= VersionPreview::kPreviewSide, "a mosaic's patches are painted from previews");

namespace {

constexpr CellIndex kMosaicCell{-1, -1}; //!< a texture slot's cell when it holds a mosaic
const QColor kEmptyCellColour(0x3a, 0x3a, 0x40); //!< as the QML draws a tile without an image

} // namespace

//! What a mosaic plane shows and what it should show: the loading thread paints the difference.
struct TesseractView::MosaicJob
{
    qint64 segmentId = 0;
    TesseractMosaic geometry;
    PlaneMosaic base;       //!< what it shows now (no image: nothing yet)
    QVector<qint64> wanted; //!< by cell, row-major: the active version, 0 for none
};

//! Decoded cell images and painted mosaics, written by the loading thread and read after it finished.
struct TesseractView::TextureBatch
{
    QHash<qint64, QImage> images;
    QVector<std::pair<qint64, PlaneMosaic>> mosaics; //!< by segment id
    int decoded = 0;
    QString error;
};

TesseractView::TesseractView(ProjectComposition& composition, QWidget* parent)
    : QWidget(parent)
    , m_composition(composition)
    , m_scene(new TesseractScene(this))
    , m_quick(new QQuickWidget(this))
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->addWidget(m_quick);
    m_quick->setObjectName(QStringLiteral("tesseractScene"));
    m_quick->setResizeMode(QQuickWidget::SizeRootObjectToView);
    m_quick->setClearColor(QColor(0x17, 0x17, 0x1a));
    m_scene->setHint(tr("Drag to orbit · Ctrl+drag to pan · Wheel to zoom · Double-click to reset"));
    m_quick->rootContext()->setContextProperty(QStringLiteral("scene"), m_scene);
    m_quick->setSource(QUrl(QStringLiteral("qrc:/tessera/qml/TesseractScene.qml")));
    connect(m_scene, &TesseractScene::tapped, this, [this](const QVector3D& origin, const QVector3D& direction) {
        const int tile = m_layout.tileAtRay(origin, direction);
        if (tile < 0)
            return;
        const TesseractTile& hit = m_layout.tiles()[tile];
        Q_EMIT cellClicked(hit.segmentId, hit.index.row, hit.index.col);
    });
    connect(&m_composition, &ProjectComposition::loaded, this, &TesseractView::rebuild);
    rebuild();
}

TesseractView::~TesseractView()
{
    delete m_loader; // cancels the load in flight and waits for it
    // The scene's bindings read m_scene until the QML is gone.
    releaseTexturesFromTheScene();
    delete m_quick;
}

bool TesseractView::isReady() const
{
    if (!m_composition.composition() || m_loader || m_quick->status() != QQuickWidget::Ready)
        return false;
    for (const TesseractPlane& plane : m_layout.planes()) {
        if (plane.mosaic) {
            if (mosaicJob(plane))
                return false;
            continue;
        }
        for (int i = plane.firstTile; i < plane.firstTile + plane.rows * plane.cols; ++i) {
            const qint64 versionId = m_layout.tiles()[i].versionId;
            if (versionId != 0 && !m_images.contains(versionId))
                return false;
        }
    }
    return true;
}

QString TesseractView::problem() const
{
    QStringList messages;
    for (const QQmlError& error : m_quick->errors())
        messages << error.toString();
    if (m_batch && !m_batch->error.isEmpty())
        messages << m_batch->error;
    if (!rendersIn3D())
        messages << tr("Qt Quick draws with its software renderer here: the 3D scene needs OpenGL");
    return messages.join(QLatin1Char('\n'));
}

bool TesseractView::rendersIn3D() const
{
    // Only known once the scene has rendered: before that, assume it can.
    const QSGRendererInterface* renderer = m_quick->quickWindow()->rendererInterface();
    return !renderer || QSGRendererInterface::isApiRhiBased(renderer->graphicsApi());
}

int TesseractView::sceneTileCount() const
{
    const QQuickItem* root = m_quick->rootObject();
    return root ? root->property("tileCount").toInt() : 0;
}

QVector3D TesseractView::sceneMarkerPosition() const
{
    const QQuickItem* root = m_quick->rootObject();
    const QObject* marker = root ? root->findChild<QObject*>(QStringLiteral("marker")) : nullptr;
    return marker ? marker->property("position").value<QVector3D>() : QVector3D();
}

double TesseractView::cameraDistance() const
{
    const QQuickItem* root = m_quick->rootObject();
    const QObject* camera = root ? root->findChild<QObject*>(QStringLiteral("camera")) : nullptr;
    return camera ? camera->property("z").toDouble() : 0.0;
}

QPoint TesseractView::tileCentre(int tile) const
{
    QQuickItem* root = m_quick->rootObject();
    if (!root || tile < 0 || tile >= m_layout.tiles().size())
        return {};
    const QVector3D centre = m_layout.tiles()[tile].centre;
    QVariant point;
    QMetaObject::invokeMethod(root, "projectPoint", Q_RETURN_ARG(QVariant, point), Q_ARG(QVariant, centre.x()),
        Q_ARG(QVariant, centre.y()), Q_ARG(QVariant, centre.z()));
    return m_quick->mapTo(this, point.toPointF().toPoint());
}

QImage TesseractView::grabScene() const
{
    return m_quick->grabFramebuffer();
}

QImage TesseractView::mosaicImage(qint64 segmentId) const
{
    return m_mosaics.value(segmentId).image;
}

void TesseractView::rebuild()
{
    m_layout = TesseractLayout(m_composition.composition());
    publishLayout();
    publishMoment(false);
    selectCell(m_selectedSegment, m_selectedCell.row, m_selectedCell.col);
    QVector<qint64> missing;
    QVector<MosaicJob> mosaicJobs;
    for (const TesseractPlane& plane : m_layout.planes()) {
        if (plane.mosaic) {
            if (std::optional<MosaicJob> job = mosaicJob(plane))
                mosaicJobs.append(std::move(*job));
            continue;
        }
        for (int i = plane.firstTile; i < plane.firstTile + plane.rows * plane.cols; ++i) {
            const qint64 versionId = m_layout.tiles()[i].versionId;
            if (versionId != 0 && !m_images.contains(versionId) && !missing.contains(versionId))
                missing.append(versionId);
        }
    }
    if (!missing.isEmpty() || !mosaicJobs.isEmpty())
        loadTextures(missing, mosaicJobs);
    else if (isReady())
        Q_EMIT ready();
}

std::optional<TesseractView::MosaicJob> TesseractView::mosaicJob(const TesseractPlane& plane) const
{
    MosaicJob job;
    job.segmentId = plane.segmentId;
    job.geometry = TesseractMosaic(plane);
    job.base = m_mosaics.value(plane.segmentId);
    bool changed = job.base.geometry != job.geometry || job.base.image.isNull();
    job.wanted.reserve(plane.rows * plane.cols);
    for (int i = 0; i < plane.rows * plane.cols; ++i) {
        job.wanted.append(m_layout.tiles()[plane.firstTile + i].versionId);
        changed = changed || job.base.painted.value(i, -1) != job.wanted.constLast();
    }
    if (!changed)
        return std::nullopt;
    return job;
}

void TesseractView::publishLayout()
{
    QVariantList planes;
    for (const TesseractPlane& plane : m_layout.planes()) {
        planes.append(QVariantMap{
            {QStringLiteral("x"), plane.centre.x()},
            {QStringLiteral("y"), plane.centre.y()},
            {QStringLiteral("width"), plane.size.width()},
            {QStringLiteral("height"), plane.size.height()},
            {QStringLiteral("slotStart"), plane.slotStart},
            {QStringLiteral("label"), plane.lyric.isEmpty()
                    ? QStringLiteral("%1  (%2)").arg(plane.segment + 1).arg(tr("instrumental"))
                    : QStringLiteral("%1  %2").arg(plane.segment + 1).arg(plane.lyric)},
        });
    }
    // What draws the planes: a tile per cell, or one quad with the mosaic for a big plane. Each
    // has a texture slot: the tiles first, then the mosaics.
    QVariantList tiles;
    QSet<qint64> used;
    for (const TesseractPlane& plane : m_layout.planes()) {
        for (int i = plane.firstTile; !plane.mosaic && i < plane.firstTile + plane.rows * plane.cols; ++i) {
            const TesseractTile& tile = m_layout.tiles()[i];
            used.insert(tile.versionId);
            CellTextureData* texture = tileTexture(int(tiles.size()), tile);
            tiles.append(QVariantMap{
                {QStringLiteral("x"), tile.centre.x()},
                {QStringLiteral("y"), tile.centre.y()},
                {QStringLiteral("z"), tile.centre.z()},
                {QStringLiteral("size"), tile.size},
                {QStringLiteral("plane"), tile.segment},
                {QStringLiteral("row"), tile.index.row},
                {QStringLiteral("col"), tile.index.col},
                {QStringLiteral("hasImage"), texture != nullptr},
                {QStringLiteral("texture"), QVariant::fromValue<QObject*>(texture)},
            });
        }
    }
    QVariantList mosaics;
    QSet<qint64> mosaicSegments;
    for (const TesseractPlane& plane : m_layout.planes()) {
        if (!plane.mosaic)
            continue;
        mosaicSegments.insert(plane.segmentId);
        CellTextureData* texture = mosaicTexture(int(tiles.size() + mosaics.size()), plane);
        mosaics.append(QVariantMap{
            {QStringLiteral("x"), plane.centre.x()},
            {QStringLiteral("y"), plane.centre.y()},
            {QStringLiteral("width"), plane.size.width()},
            {QStringLiteral("height"), plane.size.height()},
            {QStringLiteral("plane"), plane.segment},
            {QStringLiteral("hasImage"), texture != nullptr},
            {QStringLiteral("texture"), QVariant::fromValue<QObject*>(texture)},
        });
    }
    // A new image alone was refilled in place above; the tiles' delegates are made anew only when
    // the layout itself changed, and then over texture data of their own (renewTileTextures).
    if (planes != m_publishedPlanes || tiles != m_publishedTiles || mosaics != m_publishedMosaics) {
        renewTileTextures();
        auto renew = [this](QVariantList& list, qsizetype firstSlot) {
            for (qsizetype index = 0; index < list.size(); ++index) {
                QVariantMap entry = list[index].toMap();
                if (entry.value(QStringLiteral("hasImage")).toBool()) {
                    entry[QStringLiteral("texture")] = QVariant::fromValue<QObject*>(m_tileTextures[firstSlot + index]);
                    list[index] = entry;
                }
            }
        };
        renew(tiles, 0);
        renew(mosaics, tiles.size());
        m_publishedPlanes = planes;
        m_publishedTiles = tiles;
        m_publishedMosaics = mosaics;
        m_scene->setLayout(planes, tiles, mosaics, m_layout.minX(), m_layout.maxX());
    }
    // Images no tile shows any more (a version replaced, a project closed) are dropped, and the
    // mosaics of planes gone or drawn as tiles now.
    for (auto it = m_images.begin(); it != m_images.end();) {
        if (!used.contains(it.key()))
            it = m_images.erase(it);
        else
            ++it;
    }
    for (auto it = m_mosaics.begin(); it != m_mosaics.end();) {
        if (!mosaicSegments.contains(it.key()))
            it = m_mosaics.erase(it);
        else
            ++it;
    }
}

void TesseractView::releaseTexturesFromTheScene()
{
    // Qt Quick 3D 6.4's Texture listens to its texture data's textureDataNodeDirty through a
    // lambda without a context object and never disconnects it: once the Texture is deleted (a
    // new layout makes every tile's delegate anew), the next upload of that texture data called
    // into freed memory, the studio's crash while generating. The new delegates connect again.
    for (CellTextureData* texture : std::as_const(m_tileTextures))
        QObject::disconnect(texture, &QQuick3DTextureData::textureDataNodeDirty, nullptr, nullptr);
}

CellTextureData* TesseractView::newTileTexture()
{
    auto* texture = new CellTextureData;
    texture->setParent(this); // a QObject parent only: deleted with the view, after the scene
    QQmlEngine::setObjectOwnership(texture, QQmlEngine::CppOwnership);
    return texture;
}

void TesseractView::renewTileTextures()
{
    // The new delegates get texture data objects the scene has never seen, holding the same
    // pixels (shared, not copied). Handed the old ones, the tiles went blank under Qt Quick 3D
    // 6.4 until their image changed again (tst_tesseract firstImagesArrivingOneByOne...): the
    // old delegates, destroyed after the new ones took the data, most likely take its scene
    // node with them. The old objects are cut off from the old Textures first (see
    // releaseTexturesFromTheScene), then deleted. Mosaics are slots like any tile's: the same holds.
    releaseTexturesFromTheScene();
    for (CellTextureData*& texture : m_tileTextures) {
        CellTextureData* renewed = newTileTexture();
        renewed->copyFrom(*texture);
        texture->deleteLater();
        texture = renewed;
    }
}

CellTextureData* TesseractView::slotTexture(int slot)
{
    while (m_tileTextures.size() <= slot) {
        m_tileTextures.append(newTileTexture());
        m_tileTextureContents.append(TileTextureContent{});
    }
    return m_tileTextures[slot];
}

CellTextureData* TesseractView::tileTexture(int slot, const TesseractTile& tile)
{
    CellTextureData* texture = slotTexture(slot);
    TileTextureContent& content = m_tileTextureContents[slot];
    const bool sameCell = content.segmentId == tile.segmentId && content.cell == tile.index;
    const auto image = m_images.constFind(tile.versionId);
    if (tile.versionId != 0 && image != m_images.constEnd()) {
        if (!sameCell || content.versionId != tile.versionId) {
            texture->setImage(*image);
            content = {tile.segmentId, tile.index, tile.versionId, 0};
        }
        return texture;
    }
    // While the cell's new image loads, its tile keeps the one it had instead of going blank.
    if (tile.versionId != 0 && sameCell && content.versionId != 0)
        return texture;
    return nullptr;
}

CellTextureData* TesseractView::mosaicTexture(int slot, const TesseractPlane& plane)
{
    CellTextureData* texture = slotTexture(slot);
    TileTextureContent& content = m_tileTextureContents[slot];
    const bool samePlane = content.segmentId == plane.segmentId && content.cell == kMosaicCell;
    const auto mosaic = m_mosaics.constFind(plane.segmentId);
    if (mosaic != m_mosaics.constEnd() && mosaic->geometry == TesseractMosaic(plane)) {
        if (!samePlane || content.mosaicRevision != mosaic->revision) {
            texture->setRgbaRows(mosaic->image.size(), mosaic->rgbaRows, true);
            content = {plane.segmentId, kMosaicCell, 0, mosaic->revision};
        }
        return texture;
    }
    // While its cells paint (the grid resized), the plane keeps the mosaic it had.
    if (samePlane && content.mosaicRevision != 0)
        return texture;
    return nullptr;
}

void TesseractView::setTime(double seconds)
{
    // Small steps forward are playback: the camera glides after the current plane; seeks jump.
    const bool smooth = seconds >= m_seconds && seconds - m_seconds < 0.25;
    m_seconds = seconds;
    publishMoment(smooth);
}

void TesseractView::publishMoment(bool smooth)
{
    TesseractScene::Moment moment;
    moment.followSmoothly = smooth;
    const int current = m_layout.currentPlaneAt(m_seconds);
    if (current >= 0) {
        const TesseractPlane& plane = m_layout.planes()[current];
        moment.hasMarker = true;
        moment.marker = m_layout.markerAt(m_seconds);
        moment.currentPlane = current;
        moment.focus = plane.centre;
        moment.playheadX = m_layout.timeToX(m_seconds);
        for (const TesseractTrailPoint& point :
            m_layout.trailAt(m_seconds, TesseractScene::kTrailCount - 1, TesseractScene::kTrailSpacing))
            moment.trail.append(QVector4D(point.position, float(point.opacity)));
        moment.caption = tr("%1   segment %2 of %3   %4")
                             .arg(formatSongTime(millisecondsFromSeconds(m_seconds)))
                             .arg(current + 1)
                             .arg(m_layout.planes().size())
                             .arg(plane.lyric.isEmpty() ? tr("instrumental") : plane.lyric);
    }
    m_scene->setMoment(std::move(moment));
}

void TesseractView::selectCell(qint64 segmentId, int row, int col)
{
    m_selectedSegment = segmentId;
    m_selectedCell = {row, col};
    const int tile = segmentId == 0 ? -1 : m_layout.tileIndex(segmentId, {row, col});
    if (tile < 0)
        m_scene->setSelection(-1, {}, 0.0);
    else
        m_scene->setSelection(tile, m_layout.tiles()[tile].centre, m_layout.tiles()[tile].size);
}

void TesseractView::resetCamera()
{
    if (QQuickItem* root = m_quick->rootObject())
        QMetaObject::invokeMethod(root, "resetCamera");
}

void TesseractView::loadTextures(const QVector<qint64>& versionIds, const QVector<MosaicJob>& mosaicJobs)
{
    if (m_loader) {
        m_loadAgain = true; // the finished load starts the next with what is still missing
        return;
    }
    auto batch = std::make_shared<TextureBatch>();
    m_batch = batch;
    const QString path = m_composition.projectPath();
    // A connection of its own: a Catalog is used from one thread at a time.
    m_loader = new BackgroundTask(
        QStringLiteral("tesseract"),
        [batch, path, versionIds, mosaicJobs](BackgroundTask::Control& control) {
            const auto catalog = Catalog::open(path, Catalog::Access::ReadOnly);
            // A tile shows its cell's image (up to kTextureSide); a mosaic's patch is smaller than
            // the stored preview, so a 100x100 plane decodes 10,000 previews, not full images.
            auto decode = [&](qint64 id, bool preview) {
                QImage image = QImage::fromData(preview ? catalog->versionPreview(id) : catalog->versionImage(id));
                ++batch->decoded;
                if (image.isNull())
                    batch->error = QStringLiteral("%1: version %2 is not a readable image").arg(path).arg(id);
                return image;
            };
            for (const qint64 id : versionIds) {
                if (control.cancelled())
                    return;
                QImage image = decode(id, false);
                if (image.isNull())
                    continue;
                if (image.width() > kTextureSide || image.height() > kTextureSide)
                    image = image.scaled(kTextureSide, kTextureSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
                batch->images.insert(id, image);
            }
            // A mosaic repaints the patches whose cells changed, over the picture it had (a copy:
            // the view keeps showing that one meanwhile).
            for (const MosaicJob& job : mosaicJobs) {
                PlaneMosaic mosaic = job.base;
                const int cells = job.geometry.rows() * job.geometry.cols();
                if (mosaic.geometry != job.geometry || mosaic.image.isNull()) {
                    mosaic.geometry = job.geometry;
                    mosaic.image = QImage(job.geometry.size(), QImage::Format_ARGB32_Premultiplied);
                    mosaic.image.fill(Qt::transparent);
                    mosaic.painted = QVector<qint64>(cells, -1);
                }
                QPainter painter(&mosaic.image);
                for (int i = 0; i < cells && !control.cancelled(); ++i) {
                    const qint64 id = job.wanted[i];
                    if (mosaic.painted[i] == id)
                        continue;
                    const QRect patch = job.geometry.patch({i / job.geometry.cols(), i % job.geometry.cols()});
                    if (id == 0) {
                        painter.fillRect(patch, kEmptyCellColour);
                    } else {
                        const QImage image = decode(id, true);
                        if (image.isNull())
                            continue;
                        // Squeezed to the square as a tile's texture is.
                        painter.drawImage(patch.topLeft(),
                            image.scaled(patch.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
                    }
                    mosaic.painted[i] = id;
                }
                painter.end();
                if (control.cancelled())
                    return;
                mosaic.rgbaRows = CellTextureData::rgbaRows(mosaic.image);
                batch->mosaics.append({job.segmentId, std::move(mosaic)});
            }
        },
        this);
    connect(m_loader, &BackgroundTask::failed, this, [batch](const QString& message) { batch->error = message; });
    connect(m_loader, &BackgroundTask::finished, this, &TesseractView::texturesLoaded);
    m_loader->start(QThread::LowPriority);
}

void TesseractView::texturesLoaded()
{
    m_loader->deleteLater();
    m_loader = nullptr;
    for (auto it = m_batch->images.cbegin(); it != m_batch->images.cend(); ++it)
        m_images.insert(it.key(), it.value());
    m_imagesDecoded += m_batch->decoded;
    for (auto& [segmentId, mosaic] : m_batch->mosaics) {
        mosaic.revision = ++m_mosaicRevisions;
        m_mosaics.insert(segmentId, std::move(mosaic));
    }
    m_batch->mosaics.clear();
    if (m_loadAgain) {
        m_loadAgain = false;
        rebuild();
        return;
    }
    publishLayout();
    if (isReady())
        Q_EMIT ready();
}

namespace {

//! Shows a view of the given size on a project and waits until every texture is in: empty when
//! it is, else why not ("<file>: <problem>").
QString showProject(ProjectComposition& composition, TesseractView& view, const QString& projectPath, QSize size)
{
    if (!QFileInfo::exists(projectPath))
        return QStringLiteral("%1: no such project").arg(projectPath);
    QString loadError;
    const QMetaObject::Connection failed = QObject::connect(
        &composition, &ProjectComposition::loadFailed, [&](const QString& message) { loadError = message; });
    view.resize(size);
    view.show();
    composition.setProjectPath(projectPath);
    QElapsedTimer clock;
    clock.start();
    while (!view.isReady() && loadError.isEmpty() && clock.elapsed() < 120000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    QObject::disconnect(failed);
    if (!loadError.isEmpty())
        return loadError;
    if (!view.isReady())
        return QStringLiteral("%1: the tesseract view did not load: %2").arg(projectPath, view.problem());
    return {};
}

} // namespace

bool saveTesseractScreenshot(const QString& projectPath, double seconds, const QString& pngPath, QSize size,
    QString* error)
{
    auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    ProjectComposition composition;
    TesseractView view(composition);
    const QString problem = showProject(composition, view, projectPath, size);
    if (!problem.isEmpty())
        return fail(problem);
    view.setTime(seconds);
    // A few frames for the textures' upload and the scene to settle.
    QEventLoop settle;
    QTimer::singleShot(600, &settle, &QEventLoop::quit);
    settle.exec();
    const QImage image = view.grabScene();
    if (image.isNull())
        return fail(QStringLiteral("%1: the scene could not be rendered: %2").arg(pngPath, view.problem()));
    if (!image.save(pngPath))
        return fail(QStringLiteral("%1: cannot write the screenshot").arg(pngPath));
    return true;
}

double TesseractView::measureFrameMs(const QString& projectPath, QSize size, int frames, QString* error,
    double* longestStallMs)
{
    auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return -1.0;
    };
    // The event loop's stalls while the project opens: how late a 5 ms timer's ticks come.
    QElapsedTimer sinceTick;
    qint64 longestStallNs = 0;
    QTimer ticks;
    ticks.setTimerType(Qt::PreciseTimer);
    ticks.setInterval(5);
    QObject::connect(&ticks, &QTimer::timeout, [&] {
        longestStallNs = std::max(longestStallNs, sinceTick.nsecsElapsed());
        sinceTick.restart();
    });
    sinceTick.start();
    ticks.start();
    ProjectComposition composition;
    TesseractView view(composition);
    const QString problem = showProject(composition, view, projectPath, size);
    if (!problem.isEmpty())
        return fail(problem);
    if (view.layout().isEmpty())
        return fail(QStringLiteral("%1: no segments to show").arg(projectPath));
    // Playback from a quarter of the way into the first segment (or 1 s): steps of a 60th of a
    // second are what the studio's playhead sends, and the scene draws them without multisampling.
    const double start = std::min(1.0, view.layout().planes().constFirst().endSeconds / 4);
    double seconds = start;
    auto renderFrame = [&] {
        seconds += 1.0 / 60.0;
        view.setTime(seconds);
        QCoreApplication::processEvents();
        QElapsedTimer clock;
        clock.start();
        const bool rendered = !view.grabScene().isNull();
        return rendered ? double(clock.nsecsElapsed()) / 1e6 : -1.0;
    };
    // The first frames upload the textures and build the pipelines: not what a frame costs.
    for (int warm = 0; warm < 5; ++warm) {
        if (renderFrame() < 0.0)
            return fail(QStringLiteral("%1: the scene could not be rendered: %2").arg(projectPath, view.problem()));
    }
    QCoreApplication::processEvents();
    ticks.stop();
    if (longestStallMs)
        *longestStallMs = double(longestStallNs) / 1e6;
    if (!view.rendersIn3D())
        return fail(QStringLiteral("%1: %2").arg(projectPath, view.problem()));
    QVector<double> times;
    for (int frame = 0; frame < std::max(1, frames); ++frame)
        times.append(renderFrame());
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

} // namespace tessera
