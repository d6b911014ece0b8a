#include "tessera/ui/PerformOutputWindow.h"

#include "tessera/live/ShowCue.h"
#include "tessera/studio/PerformSession.h"
#include "tessera/ui/StudioActions.h"

#include <QKeyEvent>
#include <QKeySequence>
#include <QPainter>
#include <QScreen>

namespace tessera {

bool performCueForKey(int key, ShowCue* cue)
{
    const QKeyEvent event(QEvent::KeyPress, key, Qt::NoModifier);
    const char* id = actionForKey(event, ActionContext::Perform);
    if (!id)
        return false;
    const QLatin1String action(id);
    if (action == QLatin1String("performStartAction"))
        *cue = {ShowCue::Kind::Start, 0.0};
    else if (action == QLatin1String("performHoldAction"))
        *cue = {ShowCue::Kind::Stop, 0.0};
    else if (action == QLatin1String("performNextAction"))
        *cue = {ShowCue::Kind::Next, 0.0};
    else if (action == QLatin1String("performPreviousAction"))
        *cue = {ShowCue::Kind::Previous, 0.0};
    else if (action == QLatin1String("performNudgeBackAction"))
        *cue = ShowCue::nudge(-0.1);
    else if (action == QLatin1String("performNudgeForwardAction"))
        *cue = ShowCue::nudge(0.1);
    else if (action == QLatin1String("performSegmentAction"))
        *cue = ShowCue::segment(int(studioAction(id).keys.indexOf(QKeySequence(key)))); // the n-th key: segment n
    else
        return false; // Escape: the output window's own
    return true;
}

PerformOutputWindow::PerformOutputWindow(PerformSession& session, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_session(session)
{
    setWindowTitle(tr("Tessera — Output"));
    setObjectName(QStringLiteral("performOutput"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(&session, &PerformSession::frameReady, this, [this](const QImage& frame) {
        m_frame = frame;
        update();
    });
}

void PerformOutputWindow::showOn(QScreen* screen)
{
    if (screen) {
        setScreen(screen);
        setGeometry(screen->geometry());
        setCursor(Qt::BlankCursor); // nothing of the operator's on the audience's screen
        showFullScreen();
    } else {
        unsetCursor();
        showNormal();
        resize(960, 540);
    }
    m_session.setOutput(width() * devicePixelRatio(), screen ? screen->refreshRate() : this->screen()->refreshRate());
}

void PerformOutputWindow::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    m_session.setOutput(int(width() * devicePixelRatio()), screen() ? screen()->refreshRate() : 60.0);
}

void PerformOutputWindow::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), Qt::black);
    if (m_frame.isNull())
        return;
    const QSize fitted = m_frame.size().scaled(size(), Qt::KeepAspectRatio);
    const QRect target(QPoint((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(target, m_frame);
}

void PerformOutputWindow::keyPressEvent(QKeyEvent* event)
{
    ShowCue cue;
    if (performCueForKey(event->key(), &cue)) {
        m_session.cue(cue, tr("Output window key"));
        return;
    }
    if (isActionKey(*event, "performEscapeAction")) {
        if (isFullScreen())
            showNormal();
        else
            close();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace tessera
