#pragma once

// The preview's composing thread: one FrameCompositor (not thread-safe, so it lives here alone)
// over a catalog connection of its own. Requests carry the time and the width to render at; only
// the latest one waiting is rendered, so a slow frame never queues work behind it.

#include "tessera/render/FramePlan.h"

#include <QImage>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <memory>
#include <optional>

namespace tessera {

struct Composition;
class FrameCompositor;

//! A frame whose layers were planned elsewhere (a live show's), with the caption to burn in.
struct PlannedFrame
{
    QVector<SegmentLayer> layers;
    int captionSegment = -1;
    //! Segments whose cells are decoded ahead, a few per frame, while no newer frame waits.
    QVector<int> prefetch;
};

//! One composed frame, or why there is none.
struct PreviewFrame
{
    double seconds = 0.0;
    QImage image;           //!< RGB888 at the requested width; null for a placeholder or an error
    double renderMs = 0.0;  //!< time spent composing it
    int cellsDecoded = 0;   //!< cell images decoded for it (0 when all came from the cache)
    int emptySegment = 0;   //!< the segment (from 1) that has no generated images, else 0
    int emptyRows = 0;      //!< its grid, for the placeholder
    int emptyCols = 0;
    QString error;          //!< "<file>: <problem>" when the frame could not be composed
};

class PreviewRenderer : public QThread
{
    Q_OBJECT
public:
    explicit PreviewRenderer(const QString& resourcesDir, QObject* parent = nullptr);
    ~PreviewRenderer() override; //!< stops and waits for the frame being composed

    //! Asks for the frame at seconds, width pixels wide, from this composition of the project at
    //! path. Returns true when it replaced a request for another instant still waiting (a frame
    //! the playhead passed before it could be composed: dropped).
    //! With planned, those layers are composed instead of the song's at seconds (which then only
    //! times the captions' words).
    bool request(const QString& projectPath, std::shared_ptr<const Composition> composition, double seconds, int width,
        std::optional<PlannedFrame> planned = std::nullopt);
    //! The decoded-cell cache of the compositor (the Preferences' cache size); applies from the next frame.
    void setCacheBytes(std::size_t bytes);
    //! Decodes the cells afresh from the next frame: their stored form changed under the same
    //! versions (an export made their upscales), which the compositor's cache cannot see.
    void reloadCells();

Q_SIGNALS:
    void rendered(const tessera::PreviewFrame& frame);

protected:
    void run() override;

private:
    void prefetch(FrameCompositor& compositor, const QVector<int>& segments);

private:
    struct Request
    {
        QString projectPath;
        std::shared_ptr<const Composition> composition;
        double seconds = 0.0;
        int width = 0;
        std::optional<PlannedFrame> planned;
    };
    // What the GUI thread and the composing thread share, under m_mutex.
    struct Shared
    {
        Request next;
        bool pending = false;
        bool quit = false;
        std::size_t cacheBytes = std::size_t(256) << 20;
        bool reloadCells = false;
    };
    const QString m_resourcesDir;
    QMutex m_mutex;
    QWaitCondition m_wake;
    Shared m_shared;
};

} // namespace tessera

Q_DECLARE_METATYPE(tessera::PreviewFrame)
