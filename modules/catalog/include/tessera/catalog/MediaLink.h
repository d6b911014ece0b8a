#pragma once

#include <QString>

namespace tessera {

//! How a project refers to an external media file (the song, a stem): a path relative to the
//! project file's folder when the file lies beside or below it, so a project folder can be moved
//! as a whole, plus the content hash that recognises the file after it moved or changed.
struct MediaLink
{
    QString storedPath;
    QString hash;

    //! Links mediaPath for the project at projectPath, hashing it. Throws CatalogError naming
    //! the media file when it cannot be read.
    static MediaLink make(const QString& projectPath, const QString& mediaPath);
};

//! How a project stores a path to a file or folder: relative to the project file's folder when it
//! lies beside or below it (it travels with the project), else absolute.
QString projectRelativePath(const QString& projectPath, const QString& path);
//! The absolute path of a path stored that way.
QString absoluteProjectPath(const QString& projectPath, const QString& storedPath);

//! Where a linked file was found when the project was opened.
enum class MediaStatus {
    Found,    //!< at its stored path, same contents
    Relinked, //!< moved: a file with the same contents was found near the project
    Changed,  //!< at its stored path, but its contents changed since it was linked
    Missing,  //!< nowhere to be found
};

struct ResolvedMedia
{
    MediaStatus status = MediaStatus::Missing;
    QString absolutePath; //!< where to read it (empty when missing)
    QString newHash;      //!< the current hash when Changed
    QString message;      //!< for the user; empty when Found
};

//! Finds a linked file: at its stored path, else by content hash among files of the same name in
//! the project's folder tree (two levels deep).
ResolvedMedia resolveMedia(const QString& projectPath, const MediaLink& link);

} // namespace tessera
