#pragma once

#include <QElapsedTimer>
#include <QImage>
#include <QVector>
#include <QWidget>

#include <utility>

namespace tessera {

class PreviewRenderer;
class ProjectComposition;
struct PreviewFrame;

//! The composed frame at the playhead, in real time: frames are composed by render's
//! FrameCompositor (what the export writes) on a thread of their own, the latest request winning,
//! at the panel's size capped to 640 px wide and halved while frames take longer than the frame
//! budget. A small overlay shows the frame rate achieved and the frames dropped; a segment without
//! generated images shows a placeholder saying so.
class PreviewPanel : public QWidget
{
    Q_OBJECT
public:
    //! resourcesDir: where the bundled OCIO config lives (empty: beside the executable).
    explicit PreviewPanel(ProjectComposition& composition, const QString& resourcesDir = {}, QWidget* parent = nullptr);
    ~PreviewPanel() override;

    static constexpr int kMaxRenderWidth = 640;

    //! The last frame composed (null while a placeholder, an error or nothing shows).
    QImage frame() const { return m_frame; }
    double frameSeconds() const { return m_frameSeconds; }
    //! The text shown instead of a frame (a segment without images, loading, an error); empty when a frame shows.
    QString placeholderText() const { return m_placeholder; }
    //! Frames asked for but superseded by a later playhead before they were composed.
    int droppedFrames() const { return m_dropped; }
    //! Cell images decoded and graded for the frames shown so far: one per new image, none for a
    //! cell the composing thread still holds (a committed cell must not cost every other cell).
    int decodedCells() const { return m_decodedCells; }
    //! Frames shown per second over the last second.
    double framesPerSecond() const;
    //! The width frames are composed at now.
    int renderWidth() const;

    QSize sizeHint() const override { return {480, 270}; }

    //! Where the placeholder's title and its detail line go in textArea, each wrapped to its width.
    static std::pair<QRect, QRect> placeholderTextRects(const QRect& textArea, const QFont& titleFont,
        const QFont& detailFont, const QString& title, const QString& detail);

public Q_SLOTS:
    //! How much memory decoded, graded cells may hold (the Preferences' cache size).
    void setCacheMegabytes(int megabytes);
    //! Decodes the cells afresh and shows the frame again: an export stored their upscales.
    void reloadCells();
    //! The playhead moved (connect PlaybackController::positionChanged).
    void showTime(double seconds);

Q_SIGNALS:
    //! A frame or placeholder for seconds is on screen.
    void frameShown(double seconds);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void requestFrame();
    void onRendered(const PreviewFrame& frame);
    double frameBudgetMs() const;
    void paintPlaceholder(QPainter& painter, const QRect& area);

    QRect frameRect() const;

    ProjectComposition& m_composition;
    PreviewRenderer* m_renderer = nullptr;
    double m_seconds = 0.0;
    QImage m_frame;
    double m_frameSeconds = -1.0;
    QString m_placeholder;
    QString m_placeholderDetail;
    int m_placeholderRows = 0;
    int m_placeholderCols = 0;
    int m_dropped = 0;
    int m_decodedCells = 0;
    int m_reduction = 0;     //!< the render width is halved this many times (0..2)
    int m_slowFrames = 0;    //!< consecutive frames over budget
    int m_fastFrames = 0;    //!< consecutive frames well under budget
    QVector<qint64> m_shownAtMs; //!< when recent frames were shown, for the fps overlay
    QElapsedTimer m_clock;
};

} // namespace tessera
