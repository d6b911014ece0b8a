#pragma once

#include <QByteArray>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace tessera::internal {

//! An open SQLite connection that throws CatalogError (naming the file) on any failure.
class Database
{
public:
    //! Immutable: read-only on a medium nobody can write (no -wal or -shm can be made beside it);
    //! SQLite then takes no locks and reads the main file only.
    enum class Mode { ReadOnly, Immutable, ReadWrite, Create };

    Database(const QString& path, Mode mode);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    const QString& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }

    //! Runs one or more statements without results.
    void exec(const char* sql);
    //! Runs a single-value query such as a PRAGMA.
    qint64 queryInt(const char* sql);
    QString queryText(const char* sql);
    qint64 lastInsertId() const;
    int changes() const;

    [[noreturn]] void fail(const QString& what) const;
    [[noreturn]] void fail(const QString& what, int resultCode) const;

private:
    QString m_path;
    sqlite3* m_db = nullptr;
};

//! A prepared statement; bind with 1-based indexes, read columns 0-based.
class Statement
{
public:
    Statement(Database& db, const char* sql);
    Statement(Database& db, const QByteArray& sql)
        : Statement(db, sql.constData())
    {
    }
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, qint64 value);
    Statement& bind(int index, int value) { return bind(index, qint64(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, const QString& value);
    Statement& bind(int index, const QByteArray& blob);
    Statement& bindNull(int index);
    //! Binds 0 as NULL: ids of 0 mean "none".
    Statement& bindId(int index, qint64 id) { return id ? bind(index, id) : bindNull(index); }

    //! Advances to the next row; false when there are no more.
    bool next();
    //! Runs a statement that returns no rows.
    void run();
    void reset();

    bool isNull(int column) const;
    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;

private:
    Database& m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

} // namespace tessera::internal
