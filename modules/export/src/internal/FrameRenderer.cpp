#include "internal/FrameRenderer.h"

#include "tessera/export/ExportError.h"

namespace tessera::exporting {

namespace {

//! Enough to keep the encoder fed through an uneven frame, small enough for 4K (25 MB a frame).
constexpr size_t kQueuedFrames = 3;

} // namespace

FrameRenderer::FrameRenderer(FrameSource& source, const ExportSettings& settings)
    : m_source(source)
    , m_settings(settings)
    , m_queue(kQueuedFrames)
    , m_thread([this] { run(); })
{ }

FrameRenderer::~FrameRenderer()
{
    m_queue.abort();
    m_thread.join();
}

QImage FrameRenderer::next()
{
    std::optional<QImage> image = m_queue.pop();
    if (image)
        return std::move(*image);
    // The queue's mutex orders this read after the thread's write.
    if (m_error)
        std::rethrow_exception(m_error);
    throw ExportError(m_settings.outputPath, QStringLiteral("the frame source stopped early"));
}

void FrameRenderer::run()
{
    try {
        for (qint64 index = 0; index < m_settings.frameCount && !m_queue.aborted(); ++index) {
            if (!m_queue.push(checked(m_source.frame(index), index)))
                break;
        }
    } catch (...) {
        m_error = std::current_exception();
    }
    m_queue.close();
}

QImage FrameRenderer::checked(QImage image, qint64 index) const
{
    if (image.isNull())
        throw ExportError(m_settings.outputPath, QStringLiteral("frame %1 is empty").arg(index));
    if (image.width() != m_settings.width || image.height() != m_settings.height)
        throw ExportError(m_settings.outputPath,
            QStringLiteral("frame %1 is %2x%3, expected %4x%5")
                .arg(index)
                .arg(image.width())
                .arg(image.height())
                .arg(m_settings.width)
                .arg(m_settings.height));
    if (image.format() != QImage::Format_RGB888)
        image.convertTo(QImage::Format_RGB888);
    return image;
}

} // namespace tessera::exporting
