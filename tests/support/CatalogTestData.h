#pragma once

// Helpers for catalog tests: real PNG images and raw SQL access to the real SQLite file,
// used to plant states that the public API refuses to create.

#include "tessera/catalog/Catalog.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QImage>
#include <QtTest>

#include <sqlite3.h>

namespace tessera::testing {

inline QByteArray pngOfColor(QColor color, int width = 8, int height = 8)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

inline Version versionFor(qint64 cellId, QColor color, int seed = 1)
{
    Version version;
    version.cellId = cellId;
    version.png = pngOfColor(color);
    version.width = 8;
    version.height = 8;
    version.recipe = QJsonObject{{QStringLiteral("seed"), seed}, {QStringLiteral("steps"), 20}};
    version.generationMs = 1234;
    return version;
}

//! Runs SQL on the file through a separate raw SQLite connection; returns the first column
//! of the first row, or an empty string.
inline QString rawSql(const QString& path, const QString& sql)
{
    sqlite3* db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        qFatal("cannot open %s", qPrintable(path));
    }
    sqlite3_stmt* statement = nullptr;
    QString result;
    const QByteArray utf8 = sql.toUtf8();
    const char* tail = utf8.constData();
    while (tail && *tail) {
        if (sqlite3_prepare_v2(db, tail, -1, &statement, &tail) != SQLITE_OK)
            qFatal("bad SQL %s: %s", tail, sqlite3_errmsg(db));
        if (!statement)
            break;
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
            if (result.isEmpty() && sqlite3_column_text(statement, 0))
                result = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
        }
        if (rc != SQLITE_DONE)
            qFatal("SQL failed: %s", sqlite3_errmsg(db));
        sqlite3_finalize(statement);
        statement = nullptr;
    }
    sqlite3_close(db);
    return result;
}

inline QByteArray fileHash(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

inline Segment segmentAt(qint64 startMs, qint64 endMs, int rows = 2, int cols = 3)
{
    Segment segment;
    segment.range = {startMs, endMs};
    segment.lyric = QStringLiteral("line at %1").arg(startMs);
    segment.prompt = segment.lyric;
    segment.seed = quint32(startMs + 7);
    segment.grid = GridGeometry(rows, cols);
    return segment;
}

//! Turns a project this build made back into one as schema 4 wrote it: no version previews,
//! grids capped at 64 a side (the CHECK edited back in place, as migration 5 edits it forward).
inline void downgradeToSchema4(const QString& path)
{
    const QString schemaVersion = rawSql(path, QStringLiteral("PRAGMA schema_version"));
    rawSql(path, QStringLiteral("DROP TABLE version_upscales; DROP TABLE cell_flows; ALTER TABLE segments DROP COLUMN camera; DROP TABLE version_previews; DROP INDEX versions_overview; PRAGMA writable_schema = ON;"
                                " UPDATE sqlite_schema SET sql = replace(sql, 'BETWEEN 1 AND 128)', 'BETWEEN 1 AND 64)')"
                                " WHERE type = 'table' AND name = 'segments';"
                                " PRAGMA schema_version = %1; PRAGMA writable_schema = OFF; PRAGMA user_version = 4")
                     .arg(schemaVersion.toLongLong() + 4));
}

} // namespace tessera::testing
