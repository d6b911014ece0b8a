#pragma once

#include <QString>
#include <stdexcept>

namespace tessera {

//! Any failure to read, decode or analyse audio. what() reads "<file>: <problem>", ready for the user.
class AudioError : public std::runtime_error
{
public:
    AudioError(const QString& path, const QString& problem);

    QString path() const { return m_path; }
    QString problem() const { return m_problem; }
    QString message() const { return QString::fromUtf8(what()); }

private:
    QString m_path;
    QString m_problem;
};

//! Thrown when a progress callback asked long work to stop; what() reads "<file>: cancelled".
class AudioCancelled : public AudioError
{
public:
    explicit AudioCancelled(const QString& path);
};

} // namespace tessera
