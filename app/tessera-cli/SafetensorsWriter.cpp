#include "SafetensorsWriter.h"

#include "tessera/generation/GenerationError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QtEndian>

namespace tessera::cli {

void writeFloatSafetensors(const QString& path, const QString& name, const QVector<qint64>& shape,
    const QByteArray& values)
{
    static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "safetensors data is little-endian");
    qint64 elements = 1;
    QJsonArray shapeJson;
    for (const qint64 dim : shape) {
        elements *= dim;
        shapeJson.append(dim);
    }
    if (elements * qint64(sizeof(float)) != values.size())
        throw GenerationError(path, QStringLiteral("%1 bytes do not hold a float32 tensor of %2 elements")
                                        .arg(values.size()).arg(elements));
    QJsonObject entry{{QStringLiteral("dtype"), QStringLiteral("F32")}, {QStringLiteral("shape"), shapeJson},
        {QStringLiteral("data_offsets"), QJsonArray{0, values.size()}}};
    QByteArray header = QJsonDocument(QJsonObject{{name, entry}}).toJson(QJsonDocument::Compact);
    while (header.size() % 8 != 0)
        header.append(' ');
    QByteArray length(8, '\0');
    qToLittleEndian<quint64>(quint64(header.size()), length.data());

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(length) != 8 || file.write(header) != header.size()
        || file.write(values) != values.size() || !file.commit()) {
        throw GenerationError(path, QStringLiteral("cannot be written (%1)").arg(file.errorString()));
    }
}

} // namespace tessera::cli
