#pragma once

#include <QString>
#include <stdexcept>

namespace tessera {

//! Any colour-management failure (unreadable or invalid config, unknown display, view or colour
//! space). what() reads "<file>: <problem>", ready for the user.
class ColorError : public std::runtime_error
{
public:
    ColorError(const QString& path, const QString& problem);

    QString path() const { return m_path; }
    QString problem() const { return m_problem; }
    QString message() const { return QString::fromUtf8(what()); }

private:
    QString m_path;
    QString m_problem;
};

} // namespace tessera
