#include "tessera/studio/CatalogWatcher.h"

#include "tessera/catalog/Catalog.h"

#include <QTimer>

namespace tessera {

CatalogWatcher::CatalogWatcher(const Catalog& catalog, int intervalMs, QObject* parent)
    : QObject(parent)
    , m_catalog(catalog)
    , m_timer(new QTimer(this))
    , m_lastVersion(catalog.dataVersion())
{
    m_timer->setInterval(intervalMs);
    connect(m_timer, &QTimer::timeout, this, &CatalogWatcher::poll);
    m_timer->start();
}

int CatalogWatcher::intervalMs() const
{
    return m_timer->interval();
}

void CatalogWatcher::poll()
{
    qint64 version = m_lastVersion;
    try {
        version = m_catalog.dataVersion();
    } catch (const std::exception&) {
        return; // a busy or vanished file: the next poll tries again
    }
    if (version == m_lastVersion)
        return;
    m_lastVersion = version;
    Q_EMIT changed();
}

} // namespace tessera
