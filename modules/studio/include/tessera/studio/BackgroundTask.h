#pragma once

#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <functional>

namespace tessera {

//! Work that runs on a thread of its own with a title, progress, cancel and an error: the one
//! mechanism behind the studio's long work (project creation, export, the composition's and the
//! timeline's loads, the tesseract's textures). Model: olive's Task. The work runs on the
//! worker; whatever it throws is caught at this boundary and becomes failed() with its message,
//! so no exception crosses a thread. Every signal is emitted on the thread the task lives on
//! (the GUI's), and exactly one of succeeded() or failed() comes, then finished().
//! The work must not touch the task's owner: it reports through its Control, and hands results
//! over in state it shares with the code connected to succeeded().
class BackgroundTask : public QObject
{
    Q_OBJECT
public:
    //! What the work sees of its task, from the worker thread.
    class Control
    {
    public:
        explicit Control(BackgroundTask& task)
            : m_task(task)
        {
        }
        //! True once cancel() was called: the work should stop at its next check.
        bool cancelled() const { return m_task.m_cancelled.load(); }
        //! fraction in [0, 1]; reported as progressed() at most once per thousandth.
        void progress(double fraction);
        //! Runs call on the task's thread, queued (e.g. a report richer than a fraction).
        void post(std::function<void()> call);

    private:
        BackgroundTask& m_task;
    };
    using Work = std::function<void(Control&)>;

    BackgroundTask(QString title, Work work, QObject* parent = nullptr);
    ~BackgroundTask() override; //!< cancels and waits for the work to return

    //! Starts the work (once). A low priority suits loads the artist is not waiting on.
    void start(QThread::Priority priority = QThread::InheritPriority);
    void cancel() { m_cancelled = true; }
    bool isCancelled() const { return m_cancelled.load(); }
    //! From start() until finished() is emitted.
    bool isRunning() const { return m_running; }
    //! Names the work (its thread, for debuggers and top).
    const QString& title() const { return m_title; }

Q_SIGNALS:
    void progressed(double fraction);
    void succeeded();
    //! message says what went wrong, naming the file (a Tessera Error's message); cancelled: the
    //! work stopped because cancel() was called.
    void failed(const QString& message, bool cancelled);
    //! After succeeded() or failed().
    void finished();

private:
    void runWork();

    QString m_title;
    Work m_work;
    QThread* m_thread = nullptr;
    std::atomic<bool> m_cancelled{false};
    std::atomic<int> m_lastPermille{-1};
    bool m_running = false;
};

} // namespace tessera
