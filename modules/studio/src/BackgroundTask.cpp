#include "tessera/studio/BackgroundTask.h"

#include "tessera/core/Error.h"

#include <QMetaObject>

#include <algorithm>
#include <cmath>
#include <exception>

namespace tessera {

void BackgroundTask::Control::progress(double fraction)
{
    const int permille = int(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000.0));
    // At most one queued report per thousandth: a fast loop never drowns the GUI in them.
    if (permille == m_task.m_lastPermille.exchange(permille))
        return;
    post([task = &m_task, fraction] { Q_EMIT task->progressed(fraction); });
}

void BackgroundTask::Control::post(std::function<void()> call)
{
    // Queued to the task's thread; dropped by Qt if the task is gone by then.
    QMetaObject::invokeMethod(&m_task, std::move(call), Qt::QueuedConnection);
}

BackgroundTask::BackgroundTask(QString title, Work work, QObject* parent)
    : QObject(parent)
    , m_title(std::move(title))
    , m_work(std::move(work))
{
}

BackgroundTask::~BackgroundTask()
{
    if (m_thread) {
        m_cancelled = true;
        m_thread->wait();
    }
}

void BackgroundTask::start(QThread::Priority priority)
{
    if (m_thread)
        return;
    m_running = true;
    // The only QThread::create of the studio: every long job comes through here.
    m_thread = QThread::create([this] { runWork(); });
    m_thread->setObjectName(m_title.left(15)); // shown by debuggers and top
    m_thread->setParent(this);
    m_thread->start(priority);
}

void BackgroundTask::runWork()
{
    Control control(*this);
    QString error;
    try {
        m_work(control);
    } catch (const Error& e) {
        error = e.message();
    } catch (const std::exception& e) {
        error = QString::fromUtf8(e.what());
    }
    const bool cancelled = m_cancelled.load();
    QMetaObject::invokeMethod(
        this,
        [this, error, cancelled] {
            m_running = false;
            if (error.isEmpty())
                Q_EMIT succeeded();
            else
                Q_EMIT failed(error, cancelled);
            Q_EMIT finished();
        },
        Qt::QueuedConnection);
}

} // namespace tessera
