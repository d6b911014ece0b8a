#pragma once

// The preview's composing thread: one FrameCompositor (not thread-safe, so it lives here alone)
// over a catalog connection of its own. Requests carry the time and the width to render at; only
// the latest one waiting is rendered, so a slow frame never queues work behind it.

#include <QImage>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <memory>

namespace tessera {

struct Composition;

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
    bool request(const QString& projectPath, std::shared_ptr<const Composition> composition, double seconds, int width);
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
    struct Request
    {
        QString projectPath;
        std::shared_ptr<const Composition> composition;
        double seconds = 0.0;
        int width = 0;
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
