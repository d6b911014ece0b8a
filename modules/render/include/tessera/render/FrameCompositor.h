#pragma once

#include "tessera/color/LinearImage.h"
#include "tessera/render/Composition.h"
#include "tessera/render/FramePlan.h"

#include <QImage>
#include <QString>

#include <functional>
#include <memory>

namespace tessera {

//! Reads the stored optical flow from one version's image to another's (empty: none stored).
using CellFlowLoader = std::function<QByteArray(qint64 fromVersionId, qint64 toVersionId)>;
//! Keeps a flow the compositor estimated, so that each pair of versions is estimated once.
using CellFlowStore = std::function<void(qint64 fromVersionId, qint64 toVersionId, const QByteArray& flow)>;

//! Options beyond the composition: the frame size (the project's by default), captions and cache.
struct CompositorOptions
{
    int width = 0;  //!< 0: the project's width
    int height = 0; //!< 0: the project's height
    //! Overrides the project's caption setting when set.
    std::optional<bool> captions;
    std::size_t cacheBytes = std::size_t(256) << 20; //!< decoded, graded cells kept (bounded memory)
    QString resourcesDir; //!< where the bundled OCIO config lives; empty: beside the executable
    //! Where morphing segments find and keep their cells' flows. Unset: estimated on first use
    //! and kept in memory only (with the decoded cells' bound).
    CellFlowLoader loadFlow;
    CellFlowStore storeFlow;
};

//! The frame at any instant of the song, shared by the studio's preview and the exporter, so what
//! the artist previews is what the export writes. Deterministic: the same composition and time
//! give the same pixels. Not thread-safe: one compositor per thread that composes.
class FrameCompositor
{
public:
    //! Throws ColorError when the project's colour config, display or view cannot be used.
    FrameCompositor(Composition composition, CellImageLoader loader, const CompositorOptions& options = {});
    ~FrameCompositor();
    FrameCompositor(const FrameCompositor&) = delete;
    FrameCompositor& operator=(const FrameCompositor&) = delete;

    //! Takes a newer composition of the same project (a cell committed, a prompt edited). Keeps
    //! the colour processors and the decoded cells when the colour settings are unchanged: a
    //! new compositor would bake the LUTs and decode every cell again, which costs a seek while
    //! the worker generates. Throws ColorError like the constructor, leaving the old colour set.
    void setComposition(Composition composition);

    //! The display-referred frame (RGB888, the output size), captions burned in when enabled.
    //! Throws RenderError naming the cell whose image cannot be decoded.
    QImage frameAt(double seconds);
    //! The scene-linear frame before the display transform and captions (for tests and scopes).
    LinearImage linearFrameAt(double seconds);
    //! The frame of layers planned elsewhere (a live show's), composed as frameAt composes the
    //! song's; captionSegment's lyric is burned in as at captionSeconds when captions are on
    //! (-1: none).
    QImage frameFor(const QVector<SegmentLayer>& layers, int captionSegment, double captionSeconds);
    LinearImage linearFrameFor(const QVector<SegmentLayer>& layers);

    const Composition& composition() const;
    const FramePlanner& planner() const;
    int width() const;
    int height() const;
    QString display() const; //!< the video's display in use
    QString view() const;    //!< its view
    //! Note when a display, view or config asked for was replaced (empty when none was).
    QString colorNote() const;
    std::size_t cachedCells() const;
    //! Decodes (and grades) up to maxDecodes of a segment's cells not yet in the cache, so the
    //! frames that show them later need not wait on the project file: a live show calls it for the
    //! segment on screen and the next between frames. Returns how many it decoded (0: all there).
    int prefetchCells(int segment, int maxDecodes);
    //! Flows estimated (not read back) since construction, two per pair of cells: a project
    //! whose flows are stored estimates none.
    int estimatedFlows() const;

    struct Private;

private:
    std::unique_ptr<Private> d;
};

} // namespace tessera
