#pragma once

// A frame sequence: NAME_000001.png, NAME_000002.png ... (numbered from 1, NAME being the target
// folder's name) written into the temporary folder, which the exporter renames into place.

#include "internal/FrameSink.h"

#include <QString>

namespace tessera::exporting {

class PngSequenceWriter : public FrameSink
{
public:
    PngSequenceWriter(const QString& folderPath, const QString& targetPath, qint64 frameCount);

    void write(const QImage& image, qint64 index) override;
    void finish() override { }

    //! The file name of frame `index` (0-based) in a sequence called `name`.
    static QString fileName(const QString& name, qint64 index, qint64 frameCount);

private:
    QString m_folderPath;
    QString m_targetPath;
    QString m_name;
    qint64 m_frameCount;
};

} // namespace tessera::exporting
