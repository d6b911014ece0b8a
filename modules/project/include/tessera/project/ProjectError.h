#pragma once

#include <QString>
#include <stdexcept>

namespace tessera {

//! A project-level failure (a song that cannot be found, lyrics that would replace curated
//! cells). what() reads "<file>: <problem>", like every Tessera error.
class ProjectError : public std::runtime_error
{
public:
    ProjectError(const QString& path, const QString& problem);
    QString message() const { return QString::fromUtf8(what()); }
};

} // namespace tessera
