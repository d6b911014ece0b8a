#include "ModelHash.h"

#include "tessera/generation/GenerationError.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace tessera {

namespace {

constexpr qint64 kWholeFileLimit = 16 * 1024 * 1024;
constexpr qint64 kSampleBytes = 4 * 1024 * 1024;

void addBytes(QCryptographicHash& hash, QFile& file, qint64 from, qint64 count)
{
    if (!file.seek(from))
        throw GenerationError(file.fileName(), QStringLiteral("cannot seek to %1 (%2)").arg(from).arg(file.errorString()));
    QByteArray buffer;
    while (count > 0) {
        buffer = file.read(qMin<qint64>(count, 1024 * 1024));
        if (buffer.isEmpty())
            throw GenerationError(file.fileName(), QStringLiteral("cannot read (%1)").arg(file.errorString()));
        hash.addData(buffer);
        count -= buffer.size();
    }
}

} // namespace

QString modelFolderHash(const QString& folder)
{
    // a single-file checkpoint is hashed as a folder holding that one file
    const QFileInfo info(folder);
    const QDir root = info.isFile() ? info.absoluteDir() : QDir(folder);
    QStringList files;
    if (info.isFile()) {
        files.append(info.fileName());
    } else {
        QDirIterator it(folder, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext())
            files.append(root.relativeFilePath(it.next()));
    }
    files.sort();
    // Hashing every byte of a multi-gigabyte checkpoint would take seconds on each load; a real
    // checkpoint differs from another in its safetensors header (at the start) or its first or
    // last tensors, so large files contribute their size and both ends.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString& relative : files) {
        QFile file(root.filePath(relative));
        if (!file.open(QIODevice::ReadOnly))
            throw GenerationError(file.fileName(), QStringLiteral("cannot read (%1)").arg(file.errorString()));
        const qint64 size = file.size();
        hash.addData(relative.toUtf8());
        hash.addData(QByteArray::number(size));
        if (size <= kWholeFileLimit) {
            addBytes(hash, file, 0, size);
        } else {
            addBytes(hash, file, 0, kSampleBytes);
            addBytes(hash, file, size - kSampleBytes, kSampleBytes);
        }
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace tessera
