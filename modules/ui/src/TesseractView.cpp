#include "tessera/ui/TesseractView.h"

#include "CellTextureData.h"
#include "TesseractScene.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/core/TimeFormat.h"
#include "tessera/render/Composition.h"
#include "tessera/ui/ProjectComposition.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
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
#include <cmath>

namespace tessera {

//! Decoded cell images, written by the loading thread and read after it finished.
struct TesseractView::TextureBatch
{
    QHash<qint64, QImage> images;
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
    if (m_loader)
        m_loader->wait();
    // The scene's bindings read m_scene until the QML is gone.
    releaseTexturesFromTheScene();
    delete m_quick;
}

bool TesseractView::isReady() const
{
    if (!m_composition.composition() || m_loader || m_quick->status() != QQuickWidget::Ready)
        return false;
    for (const TesseractTile& tile : m_layout.tiles()) {
        if (tile.versionId != 0 && !m_images.contains(tile.versionId))
            return false;
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
    QVariant point;
    QMetaObject::invokeMethod(root, "projectTile", Q_RETURN_ARG(QVariant, point), Q_ARG(QVariant, tile));
    return m_quick->mapTo(this, point.toPointF().toPoint());
}

QImage TesseractView::grabScene() const
{
    return m_quick->grabFramebuffer();
}

void TesseractView::rebuild()
{
    m_layout = TesseractLayout(m_composition.composition());
    publishLayout();
    publishMoment(false);
    selectCell(m_selectedSegment, m_selectedCell.row, m_selectedCell.col);
    QVector<qint64> missing;
    for (const TesseractTile& tile : m_layout.tiles()) {
        if (tile.versionId != 0 && !m_images.contains(tile.versionId) && !missing.contains(tile.versionId))
            missing.append(tile.versionId);
    }
    if (!missing.isEmpty())
        loadTextures(missing);
    else if (isReady())
        Q_EMIT ready();
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
    QVariantList tiles;
    QSet<qint64> used;
    const QVector<TesseractTile>& layoutTiles = m_layout.tiles();
    for (int index = 0; index < layoutTiles.size(); ++index) {
        const TesseractTile& tile = layoutTiles[index];
        used.insert(tile.versionId);
        CellTextureData* texture = tileTexture(index, tile);
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
    // A new image alone was refilled in place above; the tiles' delegates are made anew only when
    // the layout itself changed, and then over texture data of their own (renewTileTextures).
    if (planes != m_publishedPlanes || tiles != m_publishedTiles) {
        renewTileTextures();
        for (int index = 0; index < tiles.size(); ++index) {
            QVariantMap tile = tiles[index].toMap();
            if (tile.value(QStringLiteral("hasImage")).toBool()) {
                tile[QStringLiteral("texture")] = QVariant::fromValue<QObject*>(m_tileTextures[index]);
                tiles[index] = tile;
            }
        }
        m_publishedPlanes = planes;
        m_publishedTiles = tiles;
        m_scene->setLayout(planes, tiles, m_layout.minX(), m_layout.maxX());
    }
    // Images no tile shows any more (a version replaced, a project closed) are dropped.
    for (auto it = m_images.begin(); it != m_images.end();) {
        if (!used.contains(it.key()))
            it = m_images.erase(it);
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
    // releaseTexturesFromTheScene), then deleted.
    releaseTexturesFromTheScene();
    for (CellTextureData*& texture : m_tileTextures) {
        CellTextureData* renewed = newTileTexture();
        renewed->copyFrom(*texture);
        texture->deleteLater();
        texture = renewed;
    }
}

CellTextureData* TesseractView::tileTexture(int index, const TesseractTile& tile)
{
    while (m_tileTextures.size() <= index) {
        m_tileTextures.append(newTileTexture());
        m_tileTextureContents.append(TileTextureContent{});
    }
    TileTextureContent& content = m_tileTextureContents[index];
    const bool sameCell = content.segmentId == tile.segmentId && content.cell.row == tile.index.row
        && content.cell.col == tile.index.col;
    const auto image = m_images.constFind(tile.versionId);
    if (tile.versionId != 0 && image != m_images.constEnd()) {
        if (!sameCell || content.versionId != tile.versionId) {
            m_tileTextures[index]->setImage(*image);
            content = {tile.segmentId, tile.index, tile.versionId};
        }
        return m_tileTextures[index];
    }
    // While the cell's new image loads, its tile keeps the one it had instead of going blank.
    if (tile.versionId != 0 && sameCell && content.versionId != 0)
        return m_tileTextures[index];
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
                             .arg(formatSongTime(qint64(std::llround(m_seconds * 1000.0))))
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
    m_scene->setSelectedTile(segmentId == 0 ? -1 : m_layout.tileIndex(segmentId, {row, col}));
}

void TesseractView::resetCamera()
{
    if (QQuickItem* root = m_quick->rootObject())
        QMetaObject::invokeMethod(root, "resetCamera");
}

void TesseractView::loadTextures(const QVector<qint64>& versionIds)
{
    if (m_loader) {
        m_loadAgain = true; // the finished load starts the next with what is still missing
        return;
    }
    auto batch = std::make_shared<TextureBatch>();
    m_batch = batch;
    const QString path = m_composition.projectPath();
    // A connection of its own: a Catalog is used from one thread at a time.
    m_loader = QThread::create([batch, path, versionIds] {
        try {
            const auto catalog = Catalog::open(path, Catalog::Access::ReadOnly);
            for (const qint64 id : versionIds) {
                QImage image = QImage::fromData(catalog->versionImage(id));
                if (image.isNull()) {
                    batch->error = QStringLiteral("%1: version %2 is not a readable image").arg(path).arg(id);
                    continue;
                }
                if (image.width() > kTextureSide || image.height() > kTextureSide)
                    image = image.scaled(kTextureSide, kTextureSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
                batch->images.insert(id, image);
            }
        } catch (const std::exception& error) {
            batch->error = QString::fromUtf8(error.what());
        }
    });
    connect(m_loader, &QThread::finished, this, &TesseractView::texturesLoaded);
    m_loader->start(QThread::LowPriority);
}

void TesseractView::texturesLoaded()
{
    m_loader->deleteLater();
    m_loader = nullptr;
    for (auto it = m_batch->images.cbegin(); it != m_batch->images.cend(); ++it)
        m_images.insert(it.key(), it.value());
    if (m_loadAgain) {
        m_loadAgain = false;
        rebuild();
        return;
    }
    publishLayout();
    if (isReady())
        Q_EMIT ready();
}

bool saveTesseractScreenshot(const QString& projectPath, double seconds, const QString& pngPath, QSize size,
    QString* error)
{
    auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (!QFileInfo::exists(projectPath))
        return fail(QStringLiteral("%1: no such project").arg(projectPath));
    ProjectComposition composition;
    QString loadError;
    QObject::connect(&composition, &ProjectComposition::loadFailed, [&](const QString& message) { loadError = message; });
    TesseractView view(composition);
    view.resize(size);
    view.show();
    composition.setProjectPath(projectPath);
    QElapsedTimer clock;
    clock.start();
    while (!view.isReady() && loadError.isEmpty() && clock.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    if (!loadError.isEmpty())
        return fail(loadError);
    if (!view.isReady())
        return fail(QStringLiteral("%1: the tesseract view did not load: %2").arg(projectPath, view.problem()));
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

} // namespace tessera
