#pragma once

#include "tessera/core/FrameRate.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

class QAction;
class QAudioOutput;
class QMediaPlayer;
class QTimer;

namespace tessera {

//! Plays the project's song and keeps the playhead: position() is the audio clock, interpolated
//! between the media player's coarse position updates and re-synced on each one, so the preview
//! moves smoothly and never drifts from what is heard. Without an audio device (headless CI) or
//! when the player fails, a silent wall clock takes over so the preview and tests still run.
//!
//! Transport: play/pause, J/K/L shuttle (L: 1x, 2x, 4x forward; J: 1x, 2x, 4x back, driven by the
//! clock with the audio paused and re-seeked on stop, since Qt Multimedia cannot play backwards),
//! frame steps at the project's frame rate, and looping one range (the selected segment).
class PlaybackController : public QObject
{
    Q_OBJECT
public:
    enum class Clock {
        Automatic, //!< the audio when a device is present and the song plays, else silent
        Silent,    //!< always the wall clock (tests, and a studio with the sound off)
    };

    explicit PlaybackController(Clock clock = Clock::Automatic, QObject* parent = nullptr);
    ~PlaybackController() override;

    //! The song to play, its length and the video's frame rate (for frame steps). Stops playback
    //! and puts the playhead at 0. An empty path unloads.
    void setSong(const QString& path, double durationSeconds, const FrameRate& frameRate);

    //! The playhead in seconds from the song's start, in [0, duration].
    double position() const;
    double duration() const { return m_duration; }
    FrameRate frameRate() const { return m_frameRate; }
    bool isPlaying() const { return m_speed != 0.0; }
    //! The shuttle speed: 0 stopped, 1 normal, 2 or 4 fast, negative backwards.
    double speed() const { return m_speed; }
    //! True when the system offers an audio output device to play through.
    static bool hasAudioOutput();
    //! True while the silent wall clock stands in for the audio.
    bool usesSilentClock() const { return m_silent; }
    bool isLooping() const { return m_loopEnd > m_loopStart; }
    double loopStart() const { return m_loopStart; }
    double loopEnd() const { return m_loopEnd; }

    //! Actions for menus and the toolbar, with their shortcuts (Space, J, K, L, Left, Right, Ctrl+/).
    QAction* playPauseAction() const { return m_playPause; }
    QAction* shuttleBackAction() const { return m_shuttleBack; }
    QAction* stopAction() const { return m_stopAction; }
    QAction* shuttleForwardAction() const { return m_shuttleForward; }
    QAction* previousFrameAction() const { return m_previousFrame; }
    QAction* nextFrameAction() const { return m_nextFrame; }
    QAction* loopAction() const { return m_loop; }
    QList<QAction*> actions() const;

public Q_SLOTS:
    void play();
    void pause();
    void togglePlay();
    //! K: stops the shuttle where it is.
    void stop();
    //! L: forward at 1x; again while going forward doubles the speed (up to 4x).
    void shuttleForward();
    //! J: backwards at 1x; again while going backwards doubles the speed (up to 4x).
    void shuttleBackward();
    void seek(double seconds);
    //! Pauses and moves by whole frames of the project's rate (negative steps back).
    void stepFrames(int frames);
    //! Loops playback within [start, end) seconds (the selected segment); the loop action turns
    //! it on and off. An empty range clears it.
    void setLoopRange(double startSeconds, double endSeconds);
    void clearLoop();

Q_SIGNALS:
    //! The playhead moved: about 60 times a second while playing, and on every seek or step.
    void positionChanged(double seconds);
    void playingChanged(bool playing);
    void speedChanged(double speed);
    //! Something the artist should know once, for the status bar ("No audio output: ...").
    void statusMessage(const QString& message);

private:
    void setSpeed(double speed);
    void anchorAt(double seconds);
    void tick();
    void useSilentClock(const QString& reason);
    void onPlayerPosition(qint64 ms);
    double clampToSong(double seconds) const;
    bool audioDrives() const { return !m_silent && m_player && m_speed > 0.0; }

    QMediaPlayer* m_player = nullptr;
    QAudioOutput* m_output = nullptr;
    QTimer* m_ticker = nullptr;
    QElapsedTimer m_sinceAnchor; //!< wall time since m_anchor was the position
    double m_anchor = 0.0;       //!< seconds
    mutable double m_lastReported = 0.0; //!< the last position given out, so forward play never steps back
    double m_duration = 0.0;
    double m_speed = 0.0;
    double m_loopStart = 0.0;
    double m_loopEnd = 0.0;
    double m_loopRangeStart = 0.0; //!< the range the loop action loops when turned on
    double m_loopRangeEnd = 0.0;
    FrameRate m_frameRate;
    bool m_silent = false;
    bool m_toldSilent = false;

    QAction* m_playPause = nullptr;
    QAction* m_shuttleBack = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_shuttleForward = nullptr;
    QAction* m_previousFrame = nullptr;
    QAction* m_nextFrame = nullptr;
    QAction* m_loop = nullptr;
};

} // namespace tessera
