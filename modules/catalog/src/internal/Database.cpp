#include "internal/Database.h"

#include "tessera/catalog/CatalogError.h"

#include <QFileInfo>
#include <QUrl>
#include <sqlite3.h>

#include <cerrno>
#include <cstring>

namespace tessera::internal {

namespace {

int openFlags(Database::Mode mode)
{
    switch (mode) {
    case Database::Mode::ReadOnly:
        return SQLITE_OPEN_READONLY;
    case Database::Mode::Immutable:
        return SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
    case Database::Mode::ReadWrite:
        return SQLITE_OPEN_READWRITE;
    case Database::Mode::Create:
        return SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    }
    return SQLITE_OPEN_READONLY;
}

//! A full disk or a file-size limit shows as SQLITE_FULL or a failed write (SQLITE_IOERR_WRITE,
//! whose errno SQLite does not keep reliably); says it plainly, since "disk I/O error" alone does
//! not tell the user what to do. Empty for any other failure.
QString noRoomReason(sqlite3* db, int resultCode)
{
    const bool full = (resultCode & 0xff) == SQLITE_FULL || resultCode == SQLITE_IOERR_WRITE;
    if (!full)
        return {};
    const int systemError = sqlite3_system_errno(db);
    const bool known = systemError == ENOSPC || systemError == EDQUOT || systemError == EFBIG || systemError == EIO;
    return QStringLiteral("cannot save the project: the disk refused the write (full, or the file too "
                          "large)%1; what was saved before is kept")
        .arg(known ? QStringLiteral(" (%1)").arg(QString::fromLocal8Bit(std::strerror(systemError))) : QString());
}

} // namespace

Database::Database(const QString& path, Mode mode)
    : m_path(path)
{
    // immutable=1 is a URI parameter: file:///abs/path?immutable=1, the path percent-encoded
    const QByteArray utf8 = mode == Mode::Immutable
        ? QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toEncoded() + "?immutable=1"
        : path.toUtf8();
    const int rc = sqlite3_open_v2(utf8.constData(), &m_db, openFlags(mode) | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const QString reason = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db))
                                    : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_close(m_db);
        m_db = nullptr;
        throw CatalogError(m_path, QStringLiteral("cannot open (%1)").arg(reason));
    }
    sqlite3_extended_result_codes(m_db, 1);
    // Another process (the CLI generating while the studio is open) may hold the write lock.
    sqlite3_busy_timeout(m_db, 10000);
}

Database::~Database()
{
    sqlite3_close_v2(m_db);
}

void Database::exec(const char* sql)
{
    char* message = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        const QString reason = QString::fromUtf8(message ? message : sqlite3_errstr(rc));
        sqlite3_free(message);
        const QString full = noRoomReason(m_db, rc);
        throw CatalogError(m_path, full.isEmpty() ? reason : full);
    }
}

qint64 Database::queryInt(const char* sql)
{
    Statement statement(*this, sql);
    return statement.next() ? statement.int64(0) : 0;
}

QString Database::queryText(const char* sql)
{
    Statement statement(*this, sql);
    return statement.next() ? statement.text(0) : QString();
}

qint64 Database::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

void Database::fail(const QString& what) const
{
    throw CatalogError(m_path, what);
}

void Database::fail(const QString& what, int resultCode) const
{
    if (const QString full = noRoomReason(m_db, resultCode); !full.isEmpty())
        throw CatalogError(m_path, what + QStringLiteral(": ") + full);
    throw CatalogError(m_path, what + QStringLiteral(" (") + QString::fromUtf8(sqlite3_errmsg(m_db))
            + QLatin1Char(')'));
}

Statement::Statement(Database& db, const char* sql)
    : m_db(db)
{
    const int rc = sqlite3_prepare_v2(db.handle(), sql, -1, &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        db.fail(QStringLiteral("cannot prepare a query"), rc);
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, const QString& value)
{
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int index, const QByteArray& blob)
{
    sqlite3_bind_blob64(m_stmt, index, blob.constData(), sqlite3_uint64(blob.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool Statement::next()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    m_db.fail(QStringLiteral("query failed"), rc);
}

void Statement::run()
{
    while (next()) {
    }
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return data ? QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column)) : QString();
}

QByteArray Statement::blob(int column) const
{
    const void* data = sqlite3_column_blob(m_stmt, column);
    return data ? QByteArray(static_cast<const char*>(data), sqlite3_column_bytes(m_stmt, column))
                : QByteArray();
}

} // namespace tessera::internal
