#include "tessera/ui/CellViewer.h"

#include "tessera/ui/StudioActions.h"

#include "GpuCellSurface.h"
#include "tessera/studio/ViewerModel.h"

#include <QKeyEvent>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>
#include <cmath>

namespace tessera {

namespace {
constexpr double kMinZoom = 1.0 / 32.0;
constexpr double kMaxZoom = 64.0;
constexpr double kSmallExposureStep = 0.25; // colourists nudge in quarter stops...
constexpr double kLargeExposureStep = 1.0;  // ...and whole stops
constexpr double kGammaStep = 0.1;

// Whether this platform can give us an OpenGL context at all (offscreen and some remote
// sessions cannot): decides the render path before any GL widget is made.
bool openGlAvailable()
{
    QOpenGLContext context;
    if (!context.create())
        return false;
    QOffscreenSurface surface;
    surface.setFormat(context.format());
    surface.create();
    const bool current = context.makeCurrent(&surface);
    if (current)
        context.doneCurrent();
    return current;
}
} // namespace

CellViewer::CellViewer(ViewerModel& model, QWidget* parent, RenderPath path)
    : QWidget(parent)
    , m_model(model)
{
    if (path == RenderPath::Auto) {
        if (openGlAvailable()) {
            m_gpu = new GpuCellSurface(*this, m_model);
            m_gpu->setGeometry(rect());
            connect(m_gpu, &GpuCellSurface::failed, this, &CellViewer::fallBackToCpu);
        } else {
            m_gpuProblem = tr("OpenGL is not available here; the viewer uses the CPU path");
        }
    }
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setMinimumSize(160, 120);
    setAutoFillBackground(false);
    connect(&m_model, &ViewerModel::changed, this, [this] {
        if (m_fit)
            fitToWindow();
        updateProbe(m_lastMouse);
        refresh();
    });
}

CellViewer::~CellViewer() = default;

bool CellViewer::usesGpu() const
{
    return m_gpu != nullptr;
}

int CellViewer::gpuShaderBuilds() const
{
    return m_gpu ? m_gpu->shaderBuilds() : 0;
}

QImage CellViewer::renderedFrame()
{
    return m_gpu ? m_gpu->grabFramebuffer() : grab().toImage();
}

double CellViewer::splitX() const
{
    const QRectF target = imageRect();
    return target.left() + target.width() * m_model.splitPosition();
}

void CellViewer::refresh()
{
    update();
    if (m_gpu)
        m_gpu->update();
}

void CellViewer::fallBackToCpu(const QString& problem)
{
    m_gpuProblem = problem;
    if (m_gpu) {
        m_gpu->hide();
        m_gpu->deleteLater();
        m_gpu = nullptr;
    }
    update();
}

QSize CellViewer::imageSize() const
{
    const QImage a = m_model.displayImage(ViewerModel::Slot::A);
    return a.isNull() ? m_model.displayImage(ViewerModel::Slot::B).size() : a.size();
}

QRectF CellViewer::imageRect() const
{
    const QSizeF size = QSizeF(imageSize()) * m_zoom;
    const QPointF centre = QPointF(width() / 2.0, height() / 2.0) + m_offset;
    return {centre.x() - size.width() / 2.0, centre.y() - size.height() / 2.0, size.width(), size.height()};
}

void CellViewer::fitToWindow()
{
    const QSize size = imageSize();
    m_fit = true;
    m_offset = {};
    if (!size.isEmpty())
        m_zoom = std::clamp(std::min(double(width()) / size.width(), double(height()) / size.height()), kMinZoom, kMaxZoom);
    Q_EMIT zoomChanged(m_zoom);
    refresh();
}

void CellViewer::setActualPixels()
{
    m_fit = false;
    m_zoom = 1.0;
    m_offset = {};
    Q_EMIT zoomChanged(m_zoom);
    refresh();
}

void CellViewer::zoomBy(double factor, QPointF anchor)
{
    const double zoomed = std::clamp(m_zoom * factor, kMinZoom, kMaxZoom);
    // Keep the image point under the anchor where it is.
    const QPointF centre = QPointF(width() / 2.0, height() / 2.0) + m_offset;
    m_offset += (anchor - centre) * (1.0 - zoomed / m_zoom);
    m_zoom = zoomed;
    m_fit = false;
    Q_EMIT zoomChanged(m_zoom);
    refresh();
}

void CellViewer::setShowClipping(bool show)
{
    m_showClipping = show;
    refresh();
}

QPoint CellViewer::imagePixelAt(QPointF widgetPos) const
{
    const QRectF rect = imageRect();
    const QPointF local = (widgetPos - rect.topLeft()) / m_zoom;
    return {int(std::floor(local.x())), int(std::floor(local.y()))};
}

void CellViewer::paintEvent(QPaintEvent*)
{
    if (m_gpu)
        return; // the GPU surface covers the widget and draws image and overlay
    QPainter painter(this);
    painter.fillRect(rect(), QColor(38, 38, 40));
    const QRectF target = imageRect();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, m_zoom < 1.0);

    auto drawSlot = [&](ViewerModel::Slot slot, const QRectF& clip) {
        const QImage image = m_model.displayImage(slot);
        if (image.isNull())
            return;
        painter.save();
        painter.setClipRect(clip);
        painter.drawImage(target, image);
        if (m_showClipping)
            painter.drawImage(target, m_model.clippingMask(slot));
        painter.restore();
    };

    const bool hasB = m_model.hasImage(ViewerModel::Slot::B);
    switch (hasB ? m_model.compare() : ViewerModel::Compare::Off) {
    case ViewerModel::Compare::Off:
        drawSlot(ViewerModel::Slot::A, rect());
        break;
    case ViewerModel::Compare::Toggle:
        drawSlot(m_model.shown(), rect());
        break;
    case ViewerModel::Compare::Split:
        drawSlot(ViewerModel::Slot::A, QRectF(QPointF(rect().left(), rect().top()), QPointF(splitX(), rect().bottom() + 1)));
        drawSlot(ViewerModel::Slot::B, QRectF(QPointF(splitX(), rect().top()), QPointF(rect().right() + 1, rect().bottom() + 1)));
        break;
    }
    paintOverlay(painter);
}

void CellViewer::paintOverlay(QPainter& painter)
{
    const QRectF target = imageRect();
    const bool hasB = m_model.hasImage(ViewerModel::Slot::B);
    if (hasB && m_model.compare() == ViewerModel::Compare::Split) {
        painter.setPen(QPen(QColor(255, 255, 255, 200), 1.5));
        painter.drawLine(QPointF(splitX(), target.top()), QPointF(splitX(), target.bottom()));
    }
    // A compact heads-up line: what is shown and how.
    //: The viewer's heads-up line: display / view, exposure in stops, gamma, zoom, GPU or CPU path
    QString hud = tr("%1 / %2   exposure %3%4 stops   gamma %5   %6%   %7")
                      .arg(m_model.display(), m_model.view())
                      .arg(m_model.exposureStops() >= 0 ? QStringLiteral("+") : QString())
                      .arg(m_model.exposureStops(), 0, 'f', 2)
                      .arg(m_model.gamma(), 0, 'f', 2)
                      .arg(qRound(m_zoom * 100))
                      .arg(m_gpu ? QStringLiteral("GPU") : QStringLiteral("CPU"));
    if (hasB && m_model.compare() == ViewerModel::Compare::Toggle)
        hud += tr("   showing %1").arg(m_model.shown() == ViewerModel::Slot::A ? QStringLiteral("A") : QStringLiteral("B"));
    drawReadableText(painter, Qt::AlignLeft | Qt::AlignTop, hud);
    if (!m_probeText.isEmpty())
        drawReadableText(painter, Qt::AlignLeft | Qt::AlignBottom, m_probeText);
}

void CellViewer::drawReadableText(QPainter& painter, Qt::Alignment alignment, const QString& text)
{
    // Light text on a dark translucent band: readable over a white cell as over a black one.
    const QRect area = rect().adjusted(8, 4, -8, -4);
    const QRect bounds = painter.fontMetrics().boundingRect(area, int(alignment), text).adjusted(-5, -2, 5, 2);
    painter.save();
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0, 0, 0, 185));
    painter.drawRoundedRect(bounds, 3, 3);
    painter.setPen(QColor(235, 235, 235));
    painter.drawText(area, int(alignment), text);
    painter.restore();
}

void CellViewer::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0.0)
        zoomBy(std::pow(1.25, steps), event->position());
    event->accept();
}

void CellViewer::mousePressEvent(QMouseEvent* event)
{
    m_dragStart = event->position();
    m_offsetAtDragStart = m_offset;
    const bool splitting = m_model.compare() == ViewerModel::Compare::Split
        && (event->button() == Qt::MiddleButton || event->modifiers().testFlag(Qt::ShiftModifier));
    m_movingSplit = splitting;
    m_panning = !splitting && event->button() == Qt::LeftButton;
    if (m_movingSplit) {
        const QRectF target = imageRect();
        m_model.setSplitPosition((event->position().x() - target.left()) / target.width());
    }
}

void CellViewer::mouseMoveEvent(QMouseEvent* event)
{
    m_lastMouse = event->position();
    if (m_panning) {
        m_offset = m_offsetAtDragStart + (event->position() - m_dragStart);
        m_fit = false;
        refresh();
    } else if (m_movingSplit) {
        const QRectF target = imageRect();
        m_model.setSplitPosition((event->position().x() - target.left()) / target.width());
    }
    updateProbe(event->position());
}

void CellViewer::mouseReleaseEvent(QMouseEvent*)
{
    m_panning = false;
    m_movingSplit = false;
}

void CellViewer::resizeEvent(QResizeEvent*)
{
    if (m_gpu)
        m_gpu->setGeometry(rect());
    if (m_fit)
        fitToWindow();
}

void CellViewer::updateProbe(QPointF widgetPos)
{
    ViewerModel::Slot slot = ViewerModel::Slot::A;
    if (m_model.hasImage(ViewerModel::Slot::B)) {
        if (m_model.compare() == ViewerModel::Compare::Toggle)
            slot = m_model.shown();
        else if (m_model.compare() == ViewerModel::Compare::Split)
            slot = widgetPos.x() >= imageRect().left() + imageRect().width() * m_model.splitPosition() ? ViewerModel::Slot::B : ViewerModel::Slot::A;
    }
    const QPoint pixel = imagePixelAt(widgetPos);
    const ViewerModel::Probe probe = m_model.probe(slot, pixel.x(), pixel.y());
    QString text;
    if (probe.valid) {
        //: The pixel probe: image A or B (x, y), scene-linear RGB, then display RGB
        text = tr("%1 (%2, %3)   linear %4 %5 %6   display %7 %8 %9")
                   .arg(slot == ViewerModel::Slot::A ? QStringLiteral("A") : QStringLiteral("B"))
                   .arg(pixel.x())
                   .arg(pixel.y())
                   .arg(probe.linear[0], 0, 'f', 4)
                   .arg(probe.linear[1], 0, 'f', 4)
                   .arg(probe.linear[2], 0, 'f', 4)
                   .arg(probe.display[0])
                   .arg(probe.display[1])
                   .arg(probe.display[2]);
    }
    if (text != m_probeText) {
        m_probeText = text;
        Q_EMIT probeChanged(text);
        refresh();
    }
}

void CellViewer::keyPressEvent(QKeyEvent* event)
{
    const QPointF centre(width() / 2.0, height() / 2.0);
    const char* id = actionForKey(*event, ActionContext::CellViewer);
    const QLatin1String action(id ? id : "");
    if (action == QLatin1String("viewerFitAction")) {
        fitToWindow();
    } else if (action == QLatin1String("viewerActualPixelsAction")) {
        setActualPixels();
    } else if (action == QLatin1String("viewerZoomInAction")) {
        zoomBy(1.25, centre);
    } else if (action == QLatin1String("viewerZoomOutAction")) {
        zoomBy(0.8, centre);
    } else if (action == QLatin1String("viewerExposureUpAction")) {
        m_model.nudgeExposure(kSmallExposureStep);
    } else if (action == QLatin1String("viewerExposureDownAction")) {
        m_model.nudgeExposure(-kSmallExposureStep);
    } else if (action == QLatin1String("viewerStopUpAction")) {
        m_model.nudgeExposure(kLargeExposureStep);
    } else if (action == QLatin1String("viewerStopDownAction")) {
        m_model.nudgeExposure(-kLargeExposureStep);
    } else if (action == QLatin1String("viewerGammaUpAction")) {
        m_model.nudgeGamma(kGammaStep);
    } else if (action == QLatin1String("viewerGammaDownAction")) {
        m_model.nudgeGamma(-kGammaStep);
    } else if (action == QLatin1String("viewerResetAction")) {
        m_model.resetAdjustments();
    } else if (action == QLatin1String("viewerClippingAction")) {
        setShowClipping(!m_showClipping);
    } else if (action == QLatin1String("viewerToggleAction")) {
        if (m_model.compare() != ViewerModel::Compare::Toggle)
            m_model.setCompare(ViewerModel::Compare::Toggle);
        else
            m_model.toggleShown();
    } else if (action == QLatin1String("viewerSplitAction")) {
        m_model.setCompare(m_model.compare() == ViewerModel::Compare::Split ? ViewerModel::Compare::Off
                                                                            : ViewerModel::Compare::Split);
    } else {
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace tessera
