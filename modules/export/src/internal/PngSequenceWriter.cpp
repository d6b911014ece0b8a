#include "internal/PngSequenceWriter.h"

#include "tessera/export/ExportError.h"

#include <QFile>
#include <QFileInfo>
#include <QImageWriter>
#include <algorithm>

namespace tessera::exporting {

PngSequenceWriter::PngSequenceWriter(const QString& folderPath, const QString& targetPath, qint64 frameCount)
    : m_folderPath(folderPath)
    , m_targetPath(targetPath)
    , m_name(QFileInfo(targetPath).fileName())
    , m_frameCount(frameCount)
{ }

QString PngSequenceWriter::fileName(const QString& name, qint64 index, qint64 frameCount)
{
    // Six digits (a 4-hour video at 60 fps), more only when needed, so names sort in order.
    const int digits = std::max(6, int(QString::number(frameCount).size()));
    return QStringLiteral("%1_%2.png").arg(name).arg(index + 1, digits, 10, QLatin1Char('0'));
}

void PngSequenceWriter::write(const QImage& image, qint64 index)
{
    const QString name = fileName(m_name, index, m_frameCount);
    QFile file(m_folderPath + QLatin1Char('/') + name);
    if (!file.open(QIODevice::WriteOnly))
        throw ExportError(m_targetPath, QStringLiteral("cannot write %1 (%2)").arg(name, file.errorString()));
    QImageWriter writer(&file, "png");
    const bool written = writer.write(image) && file.flush();
    file.close();
    // QFile keeps the system's words (e.g. "No space left on device"); the writer's are vaguer.
    if (!written || file.error() != QFileDevice::NoError) {
        const QString reason
            = file.error() != QFileDevice::NoError ? file.errorString() : writer.errorString();
        const bool full = reason.contains(QStringLiteral("No space"), Qt::CaseInsensitive);
        throw ExportError(m_targetPath,
            QStringLiteral("%1 while writing %2 (%3)")
                .arg(full ? QStringLiteral("disk full") : QStringLiteral("cannot write"), name, reason));
    }
}

} // namespace tessera::exporting
