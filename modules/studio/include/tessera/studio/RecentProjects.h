#pragma once

#include <QStringList>

class QSettings;

namespace tessera {

//! The most-recently-used project list behind File > Open Recent, kept in QSettings.
class RecentProjects
{
public:
    static constexpr int kMaxEntries = 10;

    explicit RecentProjects(QSettings& settings);

    QStringList paths() const;
    //! Moves path to the front (adding it if new) and trims the list to kMaxEntries.
    void add(const QString& path);
    void remove(const QString& path);
    void clear();

private:
    void store(const QStringList& paths);
    QSettings& m_settings;
};

} // namespace tessera
