#pragma once

#include <QObject>

class QTimer;

namespace tessera {

class Catalog;

//! Notices commits to a project made by other connections: the studio's generation worker (which
//! has its own connection) and other processes such as `tessera-cli generate` on the same file.
//!
//! It polls SQLite's PRAGMA data_version on the studio's connection every interval. Why a poll
//! and not QFileSystemWatcher on the -wal file: data_version changes exactly once per foreign
//! commit and never for our own writes, costs microseconds (it reads the WAL index in shared
//! memory, no file I/O), and works wherever SQLite does; inotify on the WAL fires for every page
//! written before the commit, loses the file when a checkpoint resets or deletes it, and is not
//! delivered on network file systems.
class CatalogWatcher : public QObject
{
    Q_OBJECT
public:
    explicit CatalogWatcher(const Catalog& catalog, int intervalMs = 250, QObject* parent = nullptr);

    int intervalMs() const;

public Q_SLOTS:
    //! Polls now (the timer calls it); emits changed() when another connection committed.
    void poll();

Q_SIGNALS:
    //! Another connection committed since the last poll: views should re-read what they show.
    void changed();

private:
    const Catalog& m_catalog;
    QTimer* m_timer = nullptr;
    qint64 m_lastVersion = 0;
};

} // namespace tessera
