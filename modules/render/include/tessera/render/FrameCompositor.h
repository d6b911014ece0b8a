#pragma once

#include "tessera/color/LinearImage.h"
#include "tessera/render/Composition.h"
#include "tessera/render/FramePlan.h"

#include <QImage>
#include <QString>

#include <memory>

namespace tessera {

//! Options beyond the composition: the frame size (the project's by default), captions and cache.
struct CompositorOptions
{
    int width = 0;  //!< 0: the project's width
    int height = 0; //!< 0: the project's height
    //! Overrides the project's caption setting when set.
    std::optional<bool> captions;
    std::size_t cacheBytes = std::size_t(256) << 20; //!< decoded, graded cells kept (bounded memory)
    QString resourcesDir; //!< where the bundled OCIO config lives; empty: beside the executable
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

    const Composition& composition() const;
    const FramePlanner& planner() const;
    int width() const;
    int height() const;
    QString display() const; //!< the video's display in use
    QString view() const;    //!< its view
    //! Note when a display, view or config asked for was replaced (empty when none was).
    QString colorNote() const;
    std::size_t cachedCells() const;

    struct Private;

private:
    std::unique_ptr<Private> d;
};

} // namespace tessera
