#pragma once

#include <QWidget>

namespace tessera {

class GpuCellSurface;
class ViewerModel;

//! The colour-managed cell viewer: zoom and pan, fit and 1:1, A/B compare (toggle or split
//! wipe), clipping overlay and a pixel probe. It draws what its ViewerModel computes.
//!
//! Keys: F fit, 1 actual pixels, Ctrl+= / Ctrl+- zoom; ] / [ exposure +/- 1/4 stop, } / { +/- 1
//! stop; ' / ; gamma +/- 0.1; Backspace resets exposure and gamma; C clipping overlay;
//! Tab shows A or B, S toggles the split wipe (drag with the middle button or Shift to move it).
//!
//! Two render paths give the same pixels (within 1/255): the GPU path runs OpenColorIO's shader
//! with exposure and gamma as uniforms (nudges rebuild nothing); the CPU path runs the exporter's
//! processor. Auto takes the GPU when an OpenGL context can be made, else the CPU.
class CellViewer : public QWidget
{
    Q_OBJECT
public:
    enum class RenderPath { Auto, Cpu };

    explicit CellViewer(ViewerModel& model, QWidget* parent = nullptr, RenderPath path = RenderPath::Auto);
    ~CellViewer() override;

    //! True while cells are drawn by the GPU shader.
    bool usesGpu() const;
    //! Why the GPU path is not used (no OpenGL, shader failure); empty when it is, or not tried.
    QString gpuProblem() const { return m_gpuProblem; }
    //! How many colour shaders the GPU path compiled so far (0 on the CPU path).
    int gpuShaderBuilds() const;
    //! The viewer's pixels as shown, from whichever path draws them.
    QImage renderedFrame();
    //! Where the image lies in widget coordinates, and where the split wipe is.
    QRectF imageRectF() const { return imageRect(); }
    double splitX() const;
    //! The heads-up text, split line and probe, drawn over either path's image.
    void paintOverlay(QPainter& painter);
    //! Overlay text on a dark band, in the viewer's rect with alignment.
    void drawReadableText(QPainter& painter, Qt::Alignment alignment, const QString& text);

    double zoom() const { return m_zoom; }
    bool isFitting() const { return m_fit; }
    bool showsClipping() const { return m_showClipping; }
    void setShowClipping(bool show);
    void fitToWindow();
    void setActualPixels();
    void zoomBy(double factor, QPointF anchor);
    //! The probe line under the cursor ("A (12, 40)  linear 0.214 0.198 0.180  display 128 124 120").
    QString probeText() const { return m_probeText; }
    //! The image pixel under a widget position, for the slot drawn there.
    QPoint imagePixelAt(QPointF widgetPos) const;

Q_SIGNALS:
    void probeChanged(const QString& text);
    void zoomChanged(double zoom);

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    //! Tab switches A/B here instead of moving the focus.
    bool focusNextPrevChild(bool) override { return false; }

private:
    void refresh();
    void fallBackToCpu(const QString& problem);
    QSize imageSize() const;
    QRectF imageRect() const;
    void updateProbe(QPointF widgetPos);

    ViewerModel& m_model;
    GpuCellSurface* m_gpu = nullptr;
    QString m_gpuProblem;
    double m_zoom = 1.0;
    QPointF m_offset; //!< image centre relative to the widget centre, in widget pixels
    bool m_fit = true;
    bool m_showClipping = false;
    QPointF m_dragStart;
    QPointF m_offsetAtDragStart;
    bool m_panning = false;
    bool m_movingSplit = false;
    QPointF m_lastMouse;
    QString m_probeText;
};

} // namespace tessera
