#pragma once

#include <QString>
#include <stdexcept>

namespace tessera {

//! The base of every Tessera error: what() reads "<file>: <problem>" (or just the problem when no
//! file is involved), one line ready for the user. Each module derives its own type so callers
//! can tell a catalog failure from an audio one.
class Error : public std::runtime_error
{
public:
    Error(const QString& path, const QString& problem);

    QString path() const { return m_path; }
    QString problem() const { return m_problem; }
    QString message() const { return QString::fromUtf8(what()); }

private:
    QString m_path;
    QString m_problem;
};

} // namespace tessera
