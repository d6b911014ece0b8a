#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QTimer;

namespace tessera {

class BackgroundTask;

struct Composition;

//! The project's Composition (settings, segments, active cells, the analyses the axes follow),
//! loaded off the GUI thread through a catalog connection of its own, and reloaded after edits.
//! The preview composes from it and the prompt editor plots the axes from it, so both show what
//! the exporter will write. Latest load wins: a reload requested while one runs supersedes it.
class ProjectComposition : public QObject
{
    Q_OBJECT
public:
    explicit ProjectComposition(QObject* parent = nullptr);
    ~ProjectComposition() override; //!< waits for a load in flight

    //! The project file to read; empty clears. Starts a load.
    void setProjectPath(const QString& path);
    QString projectPath() const { return m_path; }
    //! The latest loaded composition, or null before the first load (or after a failure).
    std::shared_ptr<const Composition> composition() const { return m_composition; }
    bool isLoading() const { return m_running; }

public Q_SLOTS:
    //! Reads the project again (connect EditHistory::edited); a burst of edits gives one load.
    void reload();

Q_SIGNALS:
    //! composition() changed.
    void loaded();
    //! The project could not be read: "<file>: <problem>".
    void loadFailed(const QString& message);

private:
    void startLoad();
    void finishLoad();

    struct Result;
    QString m_path;
    std::shared_ptr<const Composition> m_composition;
    std::shared_ptr<Result> m_result; //!< written by the loading thread, read after it finished
    BackgroundTask* m_task = nullptr; //!< the load in flight
    QTimer* m_debounce = nullptr;
    bool m_running = false;
    bool m_again = false; //!< a reload was asked for while loading
};

} // namespace tessera
