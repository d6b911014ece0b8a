#pragma once

#include "tessera/ui/TesseractLayout.h"

#include <QHash>
#include <QImage>
#include <QPoint>
#include <QSize>
#include <QVariantList>
#include <QVector>
#include <QWidget>

class QQuickWidget;
class QThread;

namespace tessera {

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
    CellTextureData* tileTexture(int index, const TesseractTile& tile);
    CellTextureData* newTileTexture();
    void renewTileTextures();
    void publishMoment(bool smooth);
    void loadTextures(const QVector<qint64>& versionIds);
    void texturesLoaded();

    struct TextureBatch;
    ProjectComposition& m_composition;
    TesseractLayout m_layout;
    TesseractScene* m_scene = nullptr;
    QQuickWidget* m_quick = nullptr;
    QHash<qint64, QImage> m_images; //!< decoded active versions, by version id
    //! One texture per tile slot, made when first needed and refilled in place (a new image does
    //! not rebuild the scene's tiles), deleted after the scene.
    QVector<CellTextureData*> m_tileTextures;
    struct TileTextureContent
    {
        qint64 segmentId = 0;
        CellIndex cell;
        qint64 versionId = 0; //!< 0: nothing yet
    };
    QVector<TileTextureContent> m_tileTextureContents; //!< what each tile texture holds
    QVariantList m_publishedPlanes;
    QVariantList m_publishedTiles;
    QThread* m_loader = nullptr;
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
