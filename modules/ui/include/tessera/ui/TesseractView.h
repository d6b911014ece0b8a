#pragma once

#include "tessera/ui/TesseractLayout.h"

#include <QHash>
#include <QImage>
#include <QPoint>
#include <QSize>
#include <QVariantList>
#include <QVector>
#include <QWidget>

#include <optional>

class QQuickWidget;
namespace tessera {

class BackgroundTask;
class ProjectComposition;
class TesseractScene;
class CellTextureData;

//! The tesseract view: the artist's picture of how the song moves through the images. Every
//! segment's grid stands as a plane of tiles textured with the cells' active versions, laid out
//! along time; a marker shows where the song stands in the current grid (the compositor's own
//! plan, through TesseractLayout) and leaves a fading trail; clicking a tile asks for that cell
//! to be selected; drag orbits, Ctrl+drag pans, the wheel zooms, a double click resets.
//!
//! A Qt Quick 3D scene (resources/qml/TesseractScene.qml) in a QQuickWidget, so it docks like
//! any widget and grabs for screenshots. It needs OpenGL (Mesa's software one under Xvfb does);
//! without it problem() says why and the rest of the studio is unaffected. Textures are decoded
//! from the project on a thread of its own, scaled to at most kTextureSide pixels. Each tile has
//! one texture for the view's lifetime, refilled in place when its cell gets a new image.
//!
//! Level of detail: a plane with more than TesseractLayout::kMosaicAbove cells is one quad whose
//! texture is a mosaic of its cells (TesseractMosaic), painted on the same loading thread; a
//! cell's new image repaints its patch only. Picking, the selection and the marker work on the
//! layout's tiles as for any plane.
class TesseractView : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kTextureSide = 256;

    //! Follows the composition: a new project or an edit (a new active version) reloads the scene.
    explicit TesseractView(ProjectComposition& composition, QWidget* parent = nullptr);
    ~TesseractView() override; //!< waits for a texture load in flight

    const TesseractLayout& layout() const { return m_layout; }
    double time() const { return m_seconds; }
    //! The scene shows the latest composition with every texture it needs.
    bool isReady() const;
    //! Why the scene cannot show (QML errors, no 3D graphics), empty when it can.
    QString problem() const;
    //! Qt Quick renders through a 3D-capable API here (OpenGL), not its software renderer.
    bool rendersIn3D() const;

    //! What the scene holds (read back from the QML, for tests): the tile models instantiated,
    //! the marker's position, and where a tile's centre lands in this widget.
    int sceneTileCount() const;
    QVector3D sceneMarkerPosition() const;
    QPoint tileCentre(int tile) const;
    //! How far the camera stands from the point it orbits (the wheel zooms it).
    double cameraDistance() const;
    //! The scene as rendered now.
    QImage grabScene() const;
    //! The mosaic a big plane shows (its cells' patches at TesseractMosaic::patch), null for a
    //! segment drawn as tiles or not loaded yet.
    QImage mosaicImage(qint64 segmentId) const;
    //! How many version images the view has read from the project since it was made: a cell's
    //! new version reads one, not the whole grid again.
    int imagesDecoded() const { return m_imagesDecoded; }

    //! The median time to render one frame of the scene while it plays, in milliseconds: opens
    //! the project in a view of the given size (shown, as saveTesseractScreenshot does), waits for
    //! every texture, then moves the playhead a 60th of a second at a time and renders and reads
    //! back each frame (QQuickWidget::grabFramebuffer, so a software rasteriser's deferred work is
    //! inside the time; the readback is too, about a millisecond at 1280x720). longestStallMs, if
    //! given, gets the longest the GUI thread's event loop stood still while the view opened the
    //! project and drew its first frames (where a model per cell of a big grid hurt most). For
    //! tests/benchmarks; needs a QApplication and OpenGL. Negative with "<file>: <problem>" in
    //! error when it could not measure.
    static double measureFrameMs(const QString& projectPath, QSize size, int frames, QString* error,
        double* longestStallMs = nullptr);

    QSize sizeHint() const override { return {900, 520}; }

public Q_SLOTS:
    //! The playhead moved (connect PlaybackController::positionChanged).
    void setTime(double seconds);
    //! Highlights a cell (connect the grid browser's current cell); segmentId 0 clears.
    void selectCell(qint64 segmentId, int row, int col);
    //! Puts the camera back where it starts, following the current plane.
    void resetCamera();

Q_SIGNALS:
    //! A tile was clicked: select this cell in the grid browser.
    void cellClicked(qint64 segmentId, int row, int col);
    //! isReady() became true.
    void ready();

private:
    void rebuild();
    void publishLayout();
    //! Cuts the scene's Textures off the tile textures before those Textures are deleted.
    void releaseTexturesFromTheScene();
    //! The index-th tile's texture filled with its version's image; while a new image loads, the
    //! one the cell showed before; null for an empty cell or one whose only image is not loaded.
    CellTextureData* tileTexture(int slot, const TesseractTile& tile);
    //! The slot's texture filled with the plane's mosaic; while a new one paints, the one it had.
    CellTextureData* mosaicTexture(int slot, const TesseractPlane& plane);
    CellTextureData* slotTexture(int slot);
    CellTextureData* newTileTexture();
    void renewTileTextures();
    void publishMoment(bool smooth);
    struct MosaicJob;
    //! The cells of a mosaic plane whose patches do not show their versions yet, or nothing.
    std::optional<MosaicJob> mosaicJob(const TesseractPlane& plane) const;
    void loadTextures(const QVector<qint64>& versionIds, const QVector<MosaicJob>& mosaicJobs);
    void texturesLoaded();

    //! A big plane's mosaic as painted by the loading thread.
    struct PlaneMosaic
    {
        TesseractMosaic geometry;
        QImage image;            //!< top-down, ARGB32 premultiplied; the gaps clear
        QVector<qint64> painted; //!< by cell, row-major: the version its patch shows, 0 none, -1 unpainted
        QByteArray rgbaRows;     //!< the image as CellTextureData takes it
        quint64 revision = 0;    //!< changes with every new image (unique across mosaics)
    };
    struct TextureBatch;
    ProjectComposition& m_composition;
    TesseractLayout m_layout;
    TesseractScene* m_scene = nullptr;
    QQuickWidget* m_quick = nullptr;
    QHash<qint64, QImage> m_images; //!< decoded active versions of tiled planes, by version id
    QHash<qint64, PlaneMosaic> m_mosaics; //!< by segment id
    quint64 m_mosaicRevisions = 0;
    int m_imagesDecoded = 0;
    //! One texture per slot of the scene's tiles (a cell's tile or a plane's mosaic), made when
    //! first needed and refilled in place (a new image does not rebuild the scene's tiles),
    //! deleted after the scene.
    QVector<CellTextureData*> m_tileTextures;
    struct TileTextureContent
    {
        qint64 segmentId = 0;
        CellIndex cell;       //!< {-1, -1} for a mosaic
        qint64 versionId = 0; //!< 0: nothing yet
        quint64 mosaicRevision = 0; //!< a mosaic's: 0 nothing yet
    };
    QVector<TileTextureContent> m_tileTextureContents; //!< what each tile texture holds
    QVariantList m_publishedPlanes;
    QVariantList m_publishedTiles;
    QVariantList m_publishedMosaics;
    BackgroundTask* m_loader = nullptr; //!< the texture load in flight
    std::shared_ptr<TextureBatch> m_batch;
    bool m_loadAgain = false;
    double m_seconds = 0.0;
    qint64 m_selectedSegment = 0;
    CellIndex m_selectedCell;
};

//! Opens a project, shows its tesseract view at an instant in a window of the given size, waits
//! until every texture is in and saves the rendered scene as a PNG: the screenshot the README
//! shows (`tessera --screenshot-tesseract PNG --at S`). Needs a QApplication and OpenGL.
//! False with "<file>: <problem>" in error when it could not.
bool saveTesseractScreenshot(const QString& projectPath, double seconds, const QString& pngPath, QSize size,
    QString* error);

} // namespace tessera
