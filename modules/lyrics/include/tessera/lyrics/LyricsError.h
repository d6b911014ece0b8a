#pragma once

#include <QString>
#include <stdexcept>

namespace tessera {

//! A lyrics file that cannot be read or written at all (missing, wrong encoding, nothing
//! usable in it). what() reads "<file>: <problem>", ready for the user. Malformed lines are
//! not errors: they are LyricsWarnings on the imported document.
class LyricsError : public std::runtime_error
{
public:
    LyricsError(const QString& path, const QString& problem);

    QString path() const { return m_path; }
    QString problem() const { return m_problem; }
    QString message() const { return QString::fromUtf8(what()); }

private:
    QString m_path;
    QString m_problem;
};

} // namespace tessera
