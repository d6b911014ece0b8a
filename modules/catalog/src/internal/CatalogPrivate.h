#pragma once

#include "internal/Database.h"
#include "tessera/catalog/Catalog.h"

#include <QDateTime>
#include <QJsonDocument>

namespace tessera {

struct Catalog::Private
{
    Private(const QString& path, internal::Database::Mode mode)
        : db(path, mode)
    {
    }

    internal::Database db;
    bool readOnly = false;
    //! Why a project asked for writing was opened read-only (an unwritable file or folder).
    QString writeProblem;
    int transactionDepth = 0;

    //! Throws unless the catalog was opened for writing.
    void requireWritable() const
    {
        if (readOnly && !writeProblem.isEmpty())
            db.fail(QStringLiteral("opened read-only: %1; cannot write").arg(writeProblem));
        if (readOnly)
            db.fail(QStringLiteral("opened read-only; cannot write"));
    }
};

namespace internal {

inline QString toJsonText(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

inline QJsonObject fromJsonText(const QString& text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

//! The columns readCell reads, in its order, for a query's SELECT.
inline constexpr const char* kCellColumns = "c.id, c.segment_id, c.row, c.col, c.state, c.active_version_id";

//! A cell from a row whose first columns are kCellColumns (cells aliased c); fails on an
//! unknown state.
Cell readCell(const Statement& row, const Database& db);

inline QDateTime fromSqlTime(const QString& text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

} // namespace internal
} // namespace tessera
