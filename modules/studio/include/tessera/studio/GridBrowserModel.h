#pragma once

#include "tessera/core/Segment.h"
#include "tessera/core/Version.h"
#include "tessera/generation/GridCoherence.h"
#include "tessera/generation/GridRefinement.h"
#include "tessera/generation/NeighbourRepair.h"
#include "tessera/project/CurationCommands.h"

#include <QCache>
#include <QImage>
#include <QObject>
#include <QVector>

#include <optional>

namespace tessera {

class Catalog;
class EditHistory;
class GenerationQueue;

//! One cell of the browsed grid as curation needs it.
struct BrowserCell
{
    Cell cell;
    QSize imageSize;                 //!< the active version's image size; empty when none
    int versionCount = 0;
    int activeVersionNumber = 0;     //!< the active version's place in the history, from 1; 0 without
    std::optional<double> coherence; //!< GridCoherence's score; empty without an image
    //! Its image was made from another prompt, seed or axis value than the segment gives it now:
    //! Generate Segment makes it again (unless it is locked).
    bool outOfDate = false;
    bool isSuspect() const { return coherence && *coherence >= kSuspectCoherence; }
    bool hasImage() const { return cell.activeVersionId != 0; }
};

//! The grid browser's model: the selected segment's cells with their images, states and coherence
//! scores, the selection, the current cell's version history and what the compare pane shows.
//! Every curation (reject, lock, regenerate, make a version active) is an undoable command run
//! through EditHistory; regenerating also queues a grid job in the GenerationQueue. No widgets.
class GridBrowserModel : public QObject
{
    Q_OBJECT
public:
    //! How the cells are laid out: the grid's own rows x cols, or suspects (worst first) before
    //! the others, in a flow as wide as the grid.
    enum class Layout { Grid, SuspectsFirst };
    //! How a click or arrow key changes the selection.
    enum class Select { Replace, Toggle, Extend };
    //! What the compare pane puts beside the current cell's active version.
    enum class Compare { Off, Version, PreviousVersion, RightNeighbour, LeftNeighbour, NeighbourBelow, NeighbourAbove };

    //! queue may be null: G then only marks the cells rejected (a later generate takes them).
    GridBrowserModel(Catalog& catalog, EditHistory& history, GenerationQueue* queue = nullptr, QObject* parent = nullptr);
    ~GridBrowserModel() override;

    qint64 segmentId() const { return m_segment.id; }
    const Segment& segment() const { return m_segment; }
    int segmentNumber() const { return m_number; }
    int rows() const { return m_segment.grid.rows(); }
    int cols() const { return m_segment.grid.cols(); }
    //! Row-major, rows() x cols() entries.
    const QVector<BrowserCell>& cells() const { return m_cells; }
    const BrowserCell* cellAt(CellIndex index) const;
    int suspectCount() const;

    Layout layout() const { return m_layout; }
    //! The cells in the order they are drawn (flowing cols() per row).
    const QVector<CellIndex>& displayOrder() const { return m_order; }
    //! Where a cell is drawn in displayOrder(), or -1.
    int displaySlot(CellIndex index) const;
    //! A cell's active image to draw drawnSide pixels wide: its preview (VersionPreview, at most
    //! 128 px a side) when that is enough, else the image itself; decoded when first asked for,
    //! so opening a 10,000-cell grid decodes only the cells in view. Null without an image.
    QImage cellImage(CellIndex index, int drawnSide) const;

    CellIndex current() const { return m_current; }
    const QVector<CellIndex>& selection() const { return m_selection; }
    bool isSelected(CellIndex index) const { return m_selection.contains(index); }

    //! The current cell's versions, oldest first (without image bytes), and one's image.
    QVector<Version> currentVersions() const;
    QImage versionImage(qint64 versionId) const;
    QImage versionPreview(qint64 versionId) const;

    double repairStrength() const { return m_repairStrength; }

    //! Whether the canvas shows, on each edge between neighbouring cells, how alike they look.
    bool showsSimilarity() const { return m_showsSimilarity; }
    //! The SSIM of two cells' active images (structuralSimilarity of their previews, at most 128
    //! px a side; 1 for equal images); empty when either has no image or cannot be decoded.
    //! Computed when first asked for and kept by the pair of versions, which never change.
    std::optional<double> similarity(CellIndex a, CellIndex b) const;
    //! The median similarity of the grid's neighbouring pairs that have images; empty when none
    //! has, or when the grid has more than kMaxMedianPairs pairs (computing them all would stall
    //! the studio: tessera-cli refine prints it for any grid).
    std::optional<double> medianSimilarity() const;
    static constexpr int kMaxMedianPairs = 2048;

    Compare compare() const { return m_compare; }
    qint64 compareVersion() const { return m_compareVersion; } //!< in mode Version
    //! The two images the compare pane shows (A: the current cell's active version) with labels;
    //! empty images when there is nothing to compare.
    struct ComparePair
    {
        QImage a;
        QImage b;
        QString labelA;
        QString labelB;
    };
    ComparePair comparePair() const;

public Q_SLOTS:
    //! Shows the segment with this catalog id (0 clears); the selection starts at cell 0,0.
    void setSegment(qint64 segmentId);
    //! Re-reads states, versions and scores (after a commit by the worker or the CLI, or an undo).
    void reload();
    void setLayout(tessera::GridBrowserModel::Layout layout);

    void setCurrent(tessera::CellIndex index, tessera::GridBrowserModel::Select mode = Select::Replace);
    //! Ctrl+A: every cell of the grid.
    void selectAll();
    //! Moves the current cell in the drawn order (rows of cols() cells); false at an edge.
    bool moveCurrent(int rows, int cols, tessera::GridBrowserModel::Select mode = Select::Replace);
    //! Makes the next suspect after the current cell current (wrapping; worst first); false when none.
    bool nextSuspect();

    //! R: the selected cells with an image become rejected, or done again when all already are.
    bool rejectSelection();
    //! L: locks the selected cells with an image, or unlocks them when all already are locked.
    bool toggleLockSelection();
    //! G: marks the selected cells (but locked ones) rejected and queues a job for them.
    bool regenerateSelection();
    //! Shift+G: like G, but the cells are repaired from their neighbours: made by img2img from
    //! the blend of the neighbours' images at repairStrength(), so they fit the grid again.
    bool repairSelection();
    void setRepairStrength(double strength);
    //! Makes a version of the current cell its active one.
    bool makeVersionActive(qint64 versionId);
    void setShowSimilarity(bool shown);
    //! Makes the grid twice as dense along axis (n -> 2n-1; RefineGridCommand, one undo step) and
    //! queues its new cells, between the least alike neighbours first. False (and errorOccurred)
    //! when the axis has one cell or the grid would grow past GridGeometry::kMaxSide.
    bool refine(tessera::GridAxis axis);

    //! Compares with a chosen version of the current cell (mode Version), or a neighbour.
    void setCompare(tessera::GridBrowserModel::Compare compare, qint64 versionId = 0);

Q_SIGNALS:
    //! The cells, their states or images changed.
    void changed();
    void selectionChanged();
    void compareChanged();
    void errorOccurred(const QString& message);

private:
    void updateDisplayOrder();
    bool curate(const QVector<CellCuration>& changes, const QString& text);
    QVector<const BrowserCell*> selectedCells() const;
    //! Rejects the selected cells but locked ones and queues a job for them, as one undo step
    //! (RegenerateCellsCommand); a repair when repairStrength is set.
    bool regenerate(std::optional<double> repairStrength, const QString& text);

    Catalog& m_catalog;
    EditHistory& m_history;
    GenerationQueue* m_queue = nullptr;
    Segment m_segment;
    int m_number = 0;
    QVector<BrowserCell> m_cells;
    QVector<CellIndex> m_order;
    Layout m_layout = Layout::Grid;
    CellIndex m_current;
    CellIndex m_anchor; //!< where a Shift-extended selection's rectangle starts
    QVector<CellIndex> m_selection;
    Compare m_compare = Compare::Off;
    qint64 m_compareVersion = 0;
    double m_repairStrength = kDefaultRepairStrength;
    //! Versions never change once stored, so their decoded images are kept by id, as many as
    //! fill a few screens (costs in KiB).
    mutable QCache<qint64, QImage> m_previews{256 * 1024};
    mutable QCache<qint64, QImage> m_images{128 * 1024};
    bool m_showsSimilarity = false;
    mutable QHash<QPair<qint64, qint64>, double> m_similarities; //!< by the two versions' ids
};

} // namespace tessera
