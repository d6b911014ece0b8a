#include "tessera/lyrics/LyricsIO.h"
#include "tessera/core/FileCheck.h"

#include "Formats.h"
#include "TextDecoding.h"

#include "tessera/lyrics/LyricsError.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace tessera {

namespace {

//! Far above any song's lyrics; refusing larger files keeps a wrong pick (a video) cheap.
constexpr qint64 kMaxLyricsBytes = 16 * 1024 * 1024;

QByteArray readBytes(const QString& path)
{
    if (const QString problem = fileProblem(path, QStringLiteral("a lyrics file")); !problem.isEmpty())
        throw LyricsError(path, problem);
    const QFileInfo info(path);
    if (info.size() > kMaxLyricsBytes) {
        throw LyricsError(path, QStringLiteral("is %1 MiB, too large for a lyrics file")
                                    .arg(double(info.size()) / (1024 * 1024), 0, 'f', 1));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw LyricsError(path, QStringLiteral("cannot be read (%1)").arg(file.errorString()));
    const QByteArray bytes = file.read(kMaxLyricsBytes + 1);
    if (file.error() != QFileDevice::NoError)
        throw LyricsError(path, QStringLiteral("cannot be read (%1)").arg(file.errorString()));
    return bytes;
}

} // namespace

LyricsDocument parseLyrics(const QByteArray& bytes, const QString& sourceName, LyricsFormat format)
{
    if (bytes.isEmpty())
        throw LyricsError(sourceName, QStringLiteral("is empty"));
    const QString text = internal::decodeUtf8(bytes, sourceName);
    if (format == LyricsFormat::Auto)
        format = detectLyricsFormat(sourceName, text);
    const QStringList lines = internal::splitLines(text);
    LyricsDocument document;
    switch (format) {
    case LyricsFormat::Lrc: document = internal::readLrc(lines); break;
    case LyricsFormat::Srt: document = internal::readSrt(lines); break;
    case LyricsFormat::PlainText:
    case LyricsFormat::Auto: document = internal::readPlainText(lines); break;
    }
    if (document.lines.isEmpty()) {
        QString problem = QStringLiteral("holds no %1 lyric line").arg(lyricsFormatName(format).toUpper());
        if (!document.warnings.isEmpty()) {
            problem += QStringLiteral(" (%1 malformed; first: %2)")
                           .arg(document.warnings.size())
                           .arg(document.warnings.first().toString());
        }
        throw LyricsError(sourceName, problem);
    }
    return document;
}

LyricsDocument importLyrics(const QString& path, LyricsFormat format)
{
    return parseLyrics(readBytes(path), path, format);
}

QString formatLyrics(const LyricsDocument& document, LyricsFormat format, const QString& sourceName)
{
    switch (format) {
    case LyricsFormat::Lrc: return internal::writeLrc(document, sourceName);
    case LyricsFormat::Srt: return internal::writeSrt(document, sourceName);
    case LyricsFormat::PlainText: return internal::writePlainText(document);
    case LyricsFormat::Auto: break;
    }
    throw LyricsError(sourceName, QStringLiteral("no export format chosen"));
}

void exportLyrics(const LyricsDocument& document, const QString& path, LyricsFormat format)
{
    if (format == LyricsFormat::Auto) {
        const QString suffix = QFileInfo(path).suffix().toLower();
        format = suffix == QLatin1String("srt") ? LyricsFormat::Srt
            : suffix == QLatin1String("txt")    ? LyricsFormat::PlainText
                                                : LyricsFormat::Lrc;
    }
    const QByteArray bytes = formatLyrics(document, format, path).toUtf8();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw LyricsError(path, QStringLiteral("cannot be written (%1)").arg(file.errorString()));
    if (file.write(bytes) != bytes.size() || !file.commit())
        throw LyricsError(path, QStringLiteral("cannot be written (%1)").arg(file.errorString()));
}

} // namespace tessera
