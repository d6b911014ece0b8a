#include "tessera/ui/PreviewPanel.h"

#include "tessera/studio/PreviewRenderer.h"

#include "tessera/core/TimeFormat.h"
#include "tessera/render/Composition.h"
#include "tessera/studio/ProjectComposition.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace tessera {

namespace {
constexpr int kMaxReduction = 2; // 640 -> 320 -> 160 px wide at most
constexpr int kSlowFramesToReduce = 3;
constexpr int kFastFramesToRestore = 45;
} // namespace

PreviewPanel::PreviewPanel(ProjectComposition& composition, const QString& resourcesDir, QWidget* parent)
    : QWidget(parent)
    , m_composition(composition)
    , m_renderer(new PreviewRenderer(resourcesDir, this))
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(160, 90);
    m_clock.start();
    m_placeholder = tr("Loading the project…");
    connect(m_renderer, &PreviewRenderer::rendered, this, &PreviewPanel::onRendered, Qt::QueuedConnection);
    connect(&m_composition, &ProjectComposition::loaded, this, &PreviewPanel::requestFrame);
    connect(&m_composition, &ProjectComposition::loadFailed, this, [this](const QString& message) {
        m_frame = QImage();
        m_placeholder = tr("The preview cannot compose this project");
        m_placeholderDetail = message;
        update();
    });
    requestFrame();
}

PreviewPanel::~PreviewPanel() = default;

double PreviewPanel::framesPerSecond() const
{
    const qint64 now = m_clock.elapsed();
    return double(std::count_if(m_shownAtMs.cbegin(), m_shownAtMs.cend(), [now](qint64 at) { return now - at <= 1000; }));
}

int PreviewPanel::renderWidth() const
{
    const int panelWidth = int(std::lround(width() * devicePixelRatioF()));
    return std::max(64, std::min(kMaxRenderWidth, panelWidth) >> m_reduction);
}

double PreviewPanel::frameBudgetMs() const
{
    const auto composition = m_composition.composition();
    const double fps = composition ? composition->project.frameRate.fps() : 30.0;
    return fps > 0.0 ? 1000.0 / fps : 33.3;
}

void PreviewPanel::setCacheMegabytes(int megabytes)
{
    m_renderer->setCacheBytes(std::size_t(std::max(16, megabytes)) << 20);
}

void PreviewPanel::reloadCells()
{
    m_renderer->reloadCells();
    requestFrame();
}

void PreviewPanel::showTime(double seconds)
{
    m_seconds = seconds;
    requestFrame();
}

void PreviewPanel::requestFrame()
{
    const auto composition = m_composition.composition();
    if (!composition)
        return;
    if (m_renderer->request(m_composition.projectPath(), composition, m_seconds, renderWidth()))
        ++m_dropped;
}

void PreviewPanel::onRendered(const PreviewFrame& frame)
{
    m_frameSeconds = frame.seconds;
    m_decodedCells += frame.cellsDecoded;
    m_placeholderRows = frame.emptyRows;
    m_placeholderCols = frame.emptyCols;
    if (!frame.error.isEmpty()) {
        m_frame = QImage();
        m_placeholder = tr("This frame cannot be composed");
        m_placeholderDetail = frame.error;
    } else if (frame.emptySegment > 0) {
        m_frame = QImage();
        m_placeholder = tr("Segment %1 has no generated images yet").arg(frame.emptySegment);
        m_placeholderDetail = tr("Generate its %1 × %2 grid to see it here").arg(frame.emptyRows).arg(frame.emptyCols);
    } else {
        m_frame = frame.image;
        m_placeholder.clear();
        m_placeholderDetail.clear();
    }
    // Keep up with playback: halve the resolution while frames miss their budget, restore it
    // once they are comfortably fast again.
    if (frame.renderMs > frameBudgetMs()) {
        m_fastFrames = 0;
        if (++m_slowFrames >= kSlowFramesToReduce && m_reduction < kMaxReduction) {
            ++m_reduction;
            m_slowFrames = 0;
        }
    } else {
        m_slowFrames = 0;
        if (frame.renderMs < frameBudgetMs() / 4.0 && ++m_fastFrames >= kFastFramesToRestore && m_reduction > 0) {
            --m_reduction;
            m_fastFrames = 0;
        }
    }
    const qint64 now = m_clock.elapsed();
    m_shownAtMs.append(now);
    while (!m_shownAtMs.isEmpty() && now - m_shownAtMs.constFirst() > 1000)
        m_shownAtMs.removeFirst();
    update();
    Q_EMIT frameShown(frame.seconds);
}

void PreviewPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    requestFrame();
}

QRect PreviewPanel::frameRect() const
{
    const auto composition = m_composition.composition();
    QSize aspect = m_frame.isNull() ? QSize(16, 9) : m_frame.size();
    if (m_frame.isNull() && composition && composition->project.width > 0 && composition->project.height > 0)
        aspect = QSize(composition->project.width, composition->project.height);
    const QSize fitted = aspect.scaled(rect().adjusted(8, 8, -8, -8).size(), Qt::KeepAspectRatio);
    QRect area(QPoint(0, 0), fitted);
    area.moveCenter(rect().center());
    return area;
}

void PreviewPanel::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0x16, 0x17, 0x1b));
    const QRect area = frameRect();
    if (!m_frame.isNull()) {
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(area, m_frame);
    } else {
        paintPlaceholder(painter, area);
    }

    // Overlay: time, achieved rate, dropped frames, render size.
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    small.setStyleHint(QFont::Monospace);
    small.setFamily(QStringLiteral("monospace"));
    painter.setFont(small);
    // The rate only means something while frames keep coming (playback, scrubbing).
    const double fps = framesPerSecond();
    const QString rate = fps >= 2.0 ? tr("%1 fps").arg(fps, 0, 'f', 0) : tr("– fps");
    const QString overlay = tr("%1   %2   %3 dropped   %4 px")
                                .arg(formatSongTime(millisecondsFromSeconds(m_seconds)), rate)
                                .arg(m_dropped)
                                .arg(m_frame.isNull() ? renderWidth() : m_frame.width());
    const QFontMetrics metrics(small);
    QRect box = metrics.boundingRect(overlay).adjusted(-6, -3, 6, 3);
    box.moveTopLeft(area.topLeft() + QPoint(6, 6));
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0, 0, 0, 150));
    painter.drawRoundedRect(box, 4, 4);
    painter.setPen(QColor(0xe6, 0xe6, 0xe6));
    painter.drawText(box, Qt::AlignCenter, overlay);
}

void PreviewPanel::paintPlaceholder(QPainter& painter, const QRect& area)
{
    // A slate, not black: black would read as a dark image.
    QLinearGradient slate(area.topLeft(), area.bottomLeft());
    slate.setColorAt(0.0, QColor(0x2a, 0x2e, 0x37));
    slate.setColorAt(1.0, QColor(0x20, 0x23, 0x2a));
    painter.fillRect(area, slate);
    painter.setRenderHint(QPainter::Antialiasing);
    // The empty grid, faint, so the artist sees what will fill it.
    if (m_placeholderRows > 0 && m_placeholderCols > 0) {
        const int side = std::min(area.width() / 3 / m_placeholderCols, area.height() / 3 / m_placeholderRows);
        if (side >= 4) {
            const QSize gridSize(side * m_placeholderCols, side * m_placeholderRows);
            QRect grid(QPoint(0, 0), gridSize);
            grid.moveCenter(area.center() - QPoint(0, area.height() / 6));
            painter.setPen(QPen(QColor(0x5a, 0x61, 0x70), 1, Qt::DashLine));
            for (int r = 0; r < m_placeholderRows; ++r)
                for (int c = 0; c < m_placeholderCols; ++c)
                    painter.drawRoundedRect(QRectF(grid.left() + c * side + 2, grid.top() + r * side + 2, side - 4, side - 4), 3, 3);
        }
    }
    QFont title = font();
    title.setPointSizeF(title.pointSizeF() * 1.15);
    title.setBold(true);
    painter.setFont(title);
    painter.setPen(QColor(0xd8, 0xdb, 0xe2));
    const QRect textArea = area.adjusted(16, area.height() / 2 + 16, -16, -8);
    const auto [titleRect, detailRect] = placeholderTextRects(textArea, title, font(), m_placeholder, m_placeholderDetail);
    painter.drawText(titleRect, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_placeholder);
    painter.setFont(font());
    painter.setPen(QColor(0x9a, 0xa0, 0xac));
    painter.drawText(detailRect, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_placeholderDetail);
}

std::pair<QRect, QRect> PreviewPanel::placeholderTextRects(const QRect& textArea, const QFont& titleFont,
    const QFont& detailFont, const QString& title, const QString& detail)
{
    // The detail goes under the title as it wraps, not one line below its top: in a narrow
    // preview the title takes two lines and the two overlapped.
    const int flags = Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap;
    const QRect titleRect = QFontMetrics(titleFont).boundingRect(textArea, flags, title);
    const QRect below = textArea.adjusted(0, titleRect.height() + 6, 0, 0);
    return {titleRect, QFontMetrics(detailFont).boundingRect(below, flags, detail)};
}

} // namespace tessera
