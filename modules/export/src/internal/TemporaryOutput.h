#pragma once

// The safety rule of every export: write beside the target under a hidden temporary name in the
// same folder (".NAME.partial-<pid>-<random>.EXT"), and only when everything is written and synced
// rename it over the target (one atomic rename(2) on the same file system). Until then the target
// is absent or unchanged; the destructor removes the temporary unless it was committed. A crash
// can leave only the temporary, whose name says what it is.

#include <QString>

namespace tessera::exporting {

class TemporaryOutput
{
public:
    enum class Kind { File, Folder };

    //! Checks the target's folder and creates the (empty) temporary; throws ExportError naming
    //! `targetPath` when the folder is missing, not a folder, or not writable.
    TemporaryOutput(const QString& targetPath, Kind kind);
    ~TemporaryOutput();
    TemporaryOutput(const TemporaryOutput&) = delete;
    TemporaryOutput& operator=(const TemporaryOutput&) = delete;

    QString path() const { return m_tempPath; }
    QString targetPath() const { return m_targetPath; }

    //! Syncs the temporary to disk, renames it over the target and syncs the folder.
    void commit();

private:
    void syncContents() const;
    void replaceFolder();

    QString m_targetPath;
    QString m_tempPath;
    Kind m_kind;
    bool m_committed = false;
};

} // namespace tessera::exporting
