#pragma once

#include <QString>
#include <stdexcept>

namespace tessera {

//! Any failure to read or write a catalog. what() reads "<file>: <problem>", ready for the user.
class CatalogError : public std::runtime_error
{
public:
    CatalogError(const QString& path, const QString& problem);

    QString path() const { return m_path; }
    QString problem() const { return m_problem; }
    QString message() const { return QString::fromUtf8(what()); }

private:
    QString m_path;
    QString m_problem;
};

} // namespace tessera
