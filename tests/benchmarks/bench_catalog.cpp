// Catalog write throughput: storing generated cells (one transaction per cell, as the generator
// commits them so a crash loses at most one cell) against a reference measured in the same run,
// raw SQLite inserts of the same PNG bytes with the same durability settings.
#include "tessera/catalog/Catalog.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QImage>
#include <QTemporaryDir>
#include <QTextStream>

#include <sqlite3.h>

using namespace tessera;

namespace {

QByteArray noisePng(int size, int seed)
{
    QImage image(size, size, QImage::Format_RGB32);
    quint32 state = quint32(seed) * 2654435761u + 1u;
    for (int y = 0; y < size; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < size; ++x) {
            state = state * 1664525u + 1013904223u;
            line[x] = qRgb(int(state >> 24), int((state >> 16) & 0xff), (x + y) & 0xff);
        }
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

double referenceSeconds(const QString& path, const QVector<QByteArray>& images)
{
    sqlite3* db = nullptr;
    sqlite3_open(path.toUtf8().constData(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                     "CREATE TABLE blobs (id INTEGER PRIMARY KEY, cell INTEGER, image BLOB, recipe TEXT)",
        nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO blobs (cell, image, recipe) VALUES (?1, ?2, '{\"seed\":1}')", -1, &insert, nullptr);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < images.size(); ++i) {
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        sqlite3_bind_int(insert, 1, i);
        sqlite3_bind_blob(insert, 2, images[i].constData(), int(images[i].size()), SQLITE_STATIC);
        sqlite3_step(insert);
        sqlite3_reset(insert);
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return seconds;
}

double catalogSeconds(const QString& path, const QVector<QByteArray>& images, int side, int imageSize)
{
    const auto catalog = Catalog::create(path);
    Segment segment;
    segment.range = {0, 10000};
    segment.grid = GridGeometry(side, side);
    const qint64 segmentId = catalog->addSegment(segment);
    const QVector<Cell> cells = catalog->cells(segmentId);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < images.size(); ++i) {
        Version version;
        version.cellId = cells[i % cells.size()].id;
        version.png = images[i];
        version.width = imageSize;
        version.height = imageSize;
        version.recipe = QJsonObject{{QStringLiteral("seed"), 1}};
        catalog->addVersion(version);
    }
    return timer.nsecsElapsed() / 1e9;
}

} // namespace

int main()
{
    QTextStream out(stdout);
    QTemporaryDir dir;
    constexpr int side = 16;
    constexpr int imageSize = 256;
    QVector<QByteArray> images;
    qint64 bytes = 0;
    for (int i = 0; i < side * side; ++i) {
        images.append(noisePng(imageSize, i));
        bytes += images.last().size();
    }
    const double reference = referenceSeconds(dir.filePath(QStringLiteral("reference.db")), images);
    const double tessera = catalogSeconds(dir.filePath(QStringLiteral("bench.tessera")), images, side, imageSize);
    out << "catalog: stored " << images.size() << " cell versions (" << imageSize << "x" << imageSize
        << " PNG, " << bytes / 1024 / images.size() << " KiB each), one transaction per cell\n";
    out << "  raw SQLite reference: " << QString::number(reference * 1000.0 / images.size(), 'f', 3) << " ms/cell\n";
    out << "  Tessera catalog:      " << QString::number(tessera * 1000.0 / images.size(), 'f', 3) << " ms/cell\n";
    out << "  ratio catalog/raw:    " << QString::number(tessera / reference, 'f', 2) << "x\n";
    return 0;
}
