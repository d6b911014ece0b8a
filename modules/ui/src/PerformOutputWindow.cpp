#include "tessera/ui/PerformOutputWindow.h"

#include "tessera/live/ShowCue.h"
#include "tessera/studio/PerformSession.h"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QKeySequence>
#include <QPainter>
#include <QScreen>

namespace tessera {

bool performCueForKey(int key, ShowCue* cue)
{
    switch (key) {
    case Qt::Key_Space:
        *cue = {ShowCue::Kind::Start, 0.0};
        return true;
    case Qt::Key_H:
        *cue = {ShowCue::Kind::Stop, 0.0};
        return true;
    case Qt::Key_Right:
        *cue = {ShowCue::Kind::Next, 0.0};
        return true;
    case Qt::Key_Left:
        *cue = {ShowCue::Kind::Previous, 0.0};
        return true;
    case Qt::Key_Comma:
        *cue = ShowCue::nudge(-0.1);
        return true;
    case Qt::Key_Period:
        *cue = ShowCue::nudge(0.1);
        return true;
    default:
        if (key >= Qt::Key_1 && key <= Qt::Key_9) {
            *cue = ShowCue::segment(key - Qt::Key_1);
            return true;
        }
        return false;
    }
}

QVector<ShortcutEntry> performShortcuts()
{
    const auto tr = [](const char* text) { return QCoreApplication::translate("tessera::PerformOutputWindow", text); };
    const auto keys = [](std::initializer_list<int> list) {
        QStringList names;
        for (const int key : list)
            names << QKeySequence(key).toString(QKeySequence::NativeText);
        return names.join(QStringLiteral(", "));
    };
    const QString menu = tr("Perform Live (console and output)");
    return {{menu, tr("Follow the timeline from the segment's start"), keys({Qt::Key_Space})},
        {menu, tr("Hold the segment on screen"), keys({Qt::Key_H})},
        {menu, tr("Previous / next segment"), keys({Qt::Key_Left, Qt::Key_Right})},
        {menu, tr("Jump to segment 1–9"), QStringLiteral("1 … 9")},
        {menu, tr("Nudge the timeline by -0.1 / +0.1 s"), keys({Qt::Key_Comma, Qt::Key_Period})},
        {menu, tr("Leave full screen, then close the output"), keys({Qt::Key_Escape})}};
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
    if (event->key() == Qt::Key_Escape) {
        if (isFullScreen())
            showNormal();
        else
            close();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace tessera
