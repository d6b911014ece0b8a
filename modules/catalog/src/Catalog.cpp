#include "tessera/catalog/Catalog.h"
#include "tessera/core/FileCheck.h"

#include "internal/CatalogPrivate.h"
#include "internal/Schema.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace tessera {

using internal::Database;

namespace {

// Nothing can be written beside an unwritable project (a read-only medium), and SQLite cannot
// open a WAL-mode file read-only without making its -shm: without a WAL to read, it is told the
// file is immutable (no -shm, no locks); with one, a plain read-only open reads it too.
Database::Mode readOnlyMode(const QString& path)
{
    const bool pendingWal = QFileInfo(path + QStringLiteral("-wal")).size() > 0;
    return !pendingWal && !Catalog::writeProblem(path).isEmpty() ? Database::Mode::Immutable : Database::Mode::ReadOnly;
}

// Reads the header fields that identify a Tessera catalog, through a read-only connection,
// so that refusing a file never changes it.
void validateExistingFile(const QString& path)
{
    const QString problem = fileProblem(path, QStringLiteral("a Tessera project"), FileCheck::ReadableNonEmpty);
    if (!problem.isEmpty())
        throw CatalogError(path, problem);

    Database probe(path, readOnlyMode(path));
    qint64 applicationId = 0;
    qint64 userVersion = 0;
    try {
        applicationId = probe.queryInt("PRAGMA application_id");
        userVersion = probe.queryInt("PRAGMA user_version");
    } catch (const CatalogError&) {
        throw CatalogError(path, QStringLiteral("not a Tessera project (not an SQLite database)"));
    }
    if (applicationId != Catalog::kApplicationId)
        throw CatalogError(path, QStringLiteral("not a Tessera project (an SQLite database of another application)"));
    if (userVersion > Catalog::kSchemaVersion) {
        throw CatalogError(path,
            QStringLiteral("written by a newer Tessera (schema %1; this build reads up to %2); "
                           "open it with a newer version")
                .arg(userVersion)
                .arg(Catalog::kSchemaVersion));
    }
    if (userVersion < 1)
        throw CatalogError(path, QStringLiteral("not a Tessera project (no schema)"));
}

void configureConnection(Database& db, bool writable)
{
    db.exec("PRAGMA foreign_keys = ON");
    if (writable) {
        // WAL lets the studio read while the CLI writes; NORMAL sync is crash-safe in WAL mode
        // (a power cut may lose the last commit, never consistency).
        if (db.queryText("PRAGMA journal_mode = WAL").compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
            db.fail(QStringLiteral("cannot switch to WAL journal mode"));
        db.exec("PRAGMA synchronous = NORMAL");
    }
}

} // namespace

Catalog::Catalog(std::unique_ptr<Private> p)
    : d(std::move(p))
{
}

Catalog::~Catalog() = default;

std::unique_ptr<Catalog> Catalog::create(const QString& path, const ProjectSettings& settings)
{
    const QFileInfo info(path);
    if (info.exists() && (info.isDir() || info.size() > 0))
        throw CatalogError(path, QStringLiteral("already exists; choose a new file name"));
    if (const QString problem = settings.validationError(); !problem.isEmpty())
        throw CatalogError(path, problem);

    const bool existedEmpty = info.exists();
    try {
        auto p = std::make_unique<Private>(path, Database::Mode::Create);
        configureConnection(p->db, true);
        auto catalog = std::unique_ptr<Catalog>(new Catalog(std::move(p)));
        catalog->transact([&] {
            catalog->d->db.exec("PRAGMA application_id = 1414746962"); // kApplicationId
            internal::migrate(catalog->d->db);
            catalog->setSettings(settings);
        });
        return catalog;
    } catch (const CatalogError&) {
        // Leave nothing behind that we created: a half-made project is worse than none.
        if (!existedEmpty) {
            QFile::remove(path);
            QFile::remove(path + QStringLiteral("-wal"));
            QFile::remove(path + QStringLiteral("-shm"));
        }
        throw;
    }
}

QString Catalog::writeProblem(const QString& path)
{
    const QFileInfo info(path);
    const auto problem = [](const QString& what, int code) {
        return QStringLiteral("%1 is not writable (%2)").arg(what, QString::fromLocal8Bit(std::strerror(code)));
    };
    // access(2) sees what matters here even for root: a read-only mount (EROFS) and an
    // immutable file or folder (EPERM); the folder must take the -wal and -shm files.
    const QByteArray file = QFile::encodeName(info.absoluteFilePath());
    if (::access(file.constData(), W_OK) != 0 && errno != ENOENT) {
        const int code = errno; // before any allocation can change it
        return problem(QStringLiteral("the file %1").arg(info.absoluteFilePath()), code);
    }
    const QByteArray folder = QFile::encodeName(info.absolutePath());
    if (::access(folder.constData(), W_OK) != 0) {
        const int code = errno;
        return problem(QStringLiteral("the folder %1").arg(info.absolutePath()), code);
    }
    return {};
}

std::unique_ptr<Catalog> Catalog::open(const QString& path, Access access)
{
    validateExistingFile(path);
    const QString problem = access == Access::ReadWrite ? writeProblem(path) : QString();
    const bool writable = access == Access::ReadWrite && problem.isEmpty();
    auto p = std::make_unique<Private>(path, writable ? Database::Mode::ReadWrite : readOnlyMode(path));
    p->readOnly = !writable;
    p->writeProblem = problem;
    configureConnection(p->db, writable);
    auto catalog = std::unique_ptr<Catalog>(new Catalog(std::move(p)));
    if (writable && catalog->schemaVersion() < kSchemaVersion)
        catalog->transact([&] { internal::migrate(catalog->d->db); });
    return catalog;
}

QString Catalog::path() const
{
    return d->db.path();
}

int Catalog::schemaVersion() const
{
    return int(d->db.queryInt("PRAGMA user_version"));
}

qint64 Catalog::dataVersion() const
{
    return d->db.queryInt("PRAGMA data_version");
}

bool Catalog::isReadOnly() const
{
    return d->readOnly;
}

QString Catalog::readOnlyNotice() const
{
    if (d->writeProblem.isEmpty())
        return {};
    return QStringLiteral("%1: opened read-only: %2; changes cannot be saved").arg(path(), d->writeProblem);
}

void Catalog::transact(const std::function<void()>& work)
{
    d->requireWritable();
    const int depth = d->transactionDepth;
    const QByteArray savepoint = "tessera_" + QByteArray::number(depth);
    // IMMEDIATE takes the write lock up front, so a busy catalog waits at BEGIN instead of
    // failing halfway through the work.
    d->db.exec(depth == 0 ? "BEGIN IMMEDIATE" : QByteArray("SAVEPOINT " + savepoint).constData());
    ++d->transactionDepth;
    try {
        work();
        d->db.exec(depth == 0 ? "COMMIT" : QByteArray("RELEASE " + savepoint).constData());
        --d->transactionDepth;
    } catch (...) {
        --d->transactionDepth;
        try {
            if (depth == 0)
                d->db.exec("ROLLBACK");
            else
                d->db.exec(QByteArray("ROLLBACK TO " + savepoint + "; RELEASE " + savepoint).constData());
        } catch (const CatalogError&) {
            // The original failure is what the user needs to see; SQLite has already
            // rolled back when ROLLBACK itself reports there is no transaction.
        }
        throw;
    }
}

} // namespace tessera
