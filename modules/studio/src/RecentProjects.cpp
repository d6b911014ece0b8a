#include "tessera/studio/RecentProjects.h"

#include <QFileInfo>
#include <QSettings>

namespace tessera {

namespace {
const QString kKey = QStringLiteral("recentProjects");
}

RecentProjects::RecentProjects(QSettings& settings)
    : m_settings(settings)
{
}

QStringList RecentProjects::paths() const
{
    return m_settings.value(kKey).toStringList();
}

void RecentProjects::add(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = paths();
    list.removeAll(absolute);
    list.prepend(absolute);
    store(list.mid(0, kMaxEntries));
}

void RecentProjects::remove(const QString& path)
{
    QStringList list = paths();
    list.removeAll(QFileInfo(path).absoluteFilePath());
    store(list);
}

void RecentProjects::clear()
{
    store({});
}

void RecentProjects::store(const QStringList& list)
{
    m_settings.setValue(kKey, list);
}

} // namespace tessera
