#pragma once

#include "tessera/live/ShowCue.h"
#include "tessera/ui/KeyboardShortcutsDialog.h"

#include <QImage>
#include <QWidget>

namespace tessera {

class PerformSession;

//! Perform mode's output: the show's frames, letterboxed on black, full screen on the chosen
//! screen (or a window for rehearsal). Keys cue the show as the console's do; Esc leaves full
//! screen, a second Esc closes it.
class PerformOutputWindow : public QWidget
{
    Q_OBJECT
public:
    explicit PerformOutputWindow(PerformSession& session, QWidget* parent = nullptr);

    //! Full screen on screen, or a 960x540 window when screen is null.
    void showOn(QScreen* screen);
    QImage shownFrame() const { return m_frame; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    PerformSession& m_session;
    QImage m_frame;
};

//! The cue a key asks for in perform mode, by the action table's Perform keys (Space start,
//! H hold, Right/Left next/previous, 1-9 the segments, comma/period nudge by -/+0.1 s), or false.
bool performCueForKey(int key, ShowCue* cue);

} // namespace tessera
