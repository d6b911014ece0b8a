#include "tessera/studio/PlaybackController.h"

#include "tessera/core/TimeRange.h"

#include <QAction>
#include <QAudioDevice>
#include <QAudioOutput>
#include <QMediaDevices>
#include <QMediaPlayer>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace tessera {

namespace {
constexpr double kMaxShuttle = 4.0;
constexpr int kTickMs = 16; // about 60 playhead updates a second for a smooth preview
} // namespace

PlaybackController::PlaybackController(Clock clock, QObject* parent)
    : QObject(parent)
    , m_ticker(new QTimer(this))
{
    m_ticker->setTimerType(Qt::PreciseTimer);
    m_ticker->setInterval(kTickMs);
    connect(m_ticker, &QTimer::timeout, this, &PlaybackController::tick);
    m_sinceAnchor.start();

    if (clock == Clock::Silent) {
        m_silent = true;
    } else if (!hasAudioOutput()) {
        // Said once setSong() is called, when there is something to play.
        m_silent = true;
    } else {
        m_player = new QMediaPlayer(this);
        m_output = new QAudioOutput(this);
        m_player->setAudioOutput(m_output);
        connect(m_player, &QMediaPlayer::positionChanged, this, &PlaybackController::onPlayerPosition);
        connect(m_player, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString& message) {
            useSilentClock(tr("Audio playback failed (%1): the preview plays silently on the wall clock")
                               .arg(message.isEmpty() ? m_player->source().toLocalFile() : message));
        });
    }

    // Texts, keys, tips and icons come from the studio's action table (ui/StudioActions), which
    // the window applies: the player only knows what each action does.
    m_playPause = new QAction(this);
    m_playPause->setCheckable(true);
    m_shuttleBack = new QAction(this);
    m_stopAction = new QAction(this);
    m_shuttleForward = new QAction(this);
    m_previousFrame = new QAction(this);
    m_previousFrame->setAutoRepeat(true);
    m_nextFrame = new QAction(this);
    m_nextFrame->setAutoRepeat(true);
    m_loop = new QAction(this);
    m_loop->setCheckable(true);
    connect(m_playPause, &QAction::triggered, this, &PlaybackController::togglePlay);
    connect(m_shuttleBack, &QAction::triggered, this, &PlaybackController::shuttleBackward);
    connect(m_stopAction, &QAction::triggered, this, &PlaybackController::stop);
    connect(m_shuttleForward, &QAction::triggered, this, &PlaybackController::shuttleForward);
    connect(m_previousFrame, &QAction::triggered, this, [this] { stepFrames(-1); });
    connect(m_nextFrame, &QAction::triggered, this, [this] { stepFrames(1); });
    connect(m_loop, &QAction::toggled, this, [this](bool on) {
        m_loopStart = on ? m_loopRangeStart : 0.0;
        m_loopEnd = on ? m_loopRangeEnd : 0.0;
    });
}

PlaybackController::~PlaybackController() = default;

bool PlaybackController::hasAudioOutput()
{
    return !QMediaDevices::audioOutputs().isEmpty();
}

QList<QAction*> PlaybackController::actions() const
{
    return {m_playPause, m_shuttleBack, m_stopAction, m_shuttleForward, m_previousFrame, m_nextFrame, m_loop};
}

void PlaybackController::setSong(const QString& path, double durationSeconds, const FrameRate& frameRate)
{
    setSpeed(0.0);
    m_duration = std::max(0.0, durationSeconds);
    m_frameRate = frameRate.isValid() ? frameRate : FrameRate{};
    if (m_player)
        m_player->setSource(path.isEmpty() ? QUrl() : QUrl::fromLocalFile(path));
    if (m_silent && !path.isEmpty() && !m_player)
        useSilentClock(tr("No audio output device: the preview plays silently on the wall clock"));
    seek(0.0);
}

double PlaybackController::clampToSong(double seconds) const
{
    return std::clamp(seconds, 0.0, m_duration);
}

double PlaybackController::position() const
{
    if (m_speed == 0.0)
        return m_anchor;
    double seconds = clampToSong(m_anchor + m_speed * double(m_sinceAnchor.nsecsElapsed()) / 1e9);
    // A re-sync to an audio clock that lags the interpolation a little must not step back.
    if (m_speed > 0.0)
        seconds = std::max(seconds, m_lastReported);
    else
        seconds = std::min(seconds, m_lastReported);
    m_lastReported = seconds;
    return seconds;
}

void PlaybackController::anchorAt(double seconds)
{
    m_anchor = clampToSong(seconds);
    m_lastReported = m_anchor;
    m_sinceAnchor.restart();
}

void PlaybackController::play()
{
    if (m_speed > 0.0 && m_speed != 1.0)
        setSpeed(1.0);
    else if (m_speed <= 0.0)
        setSpeed(1.0);
}

void PlaybackController::pause()
{
    setSpeed(0.0);
}

void PlaybackController::togglePlay()
{
    if (isPlaying())
        pause();
    else
        play();
}

void PlaybackController::stop()
{
    setSpeed(0.0);
}

void PlaybackController::shuttleForward()
{
    setSpeed(m_speed > 0.0 ? std::min(m_speed * 2.0, kMaxShuttle) : 1.0);
}

void PlaybackController::shuttleBackward()
{
    setSpeed(m_speed < 0.0 ? std::max(m_speed * 2.0, -kMaxShuttle) : -1.0);
}

void PlaybackController::setSpeed(double speed)
{
    if (m_duration <= 0.0)
        speed = 0.0;
    const double here = position();
    const bool wasPlaying = isPlaying();
    double start = here;
    if (speed > 0.0 && here >= m_duration)
        start = 0.0; // play at the end starts over
    if (speed > 0.0 && isLooping() && (here < m_loopStart || here >= m_loopEnd))
        start = m_loopStart;
    anchorAt(start);
    m_speed = speed;
    if (m_player && !m_silent) {
        if (speed > 0.0) {
            m_player->setPlaybackRate(speed);
            m_player->setPosition(millisecondsFromSeconds(start));
            m_player->play();
        } else {
            // Stopped, or backwards (the clock drives; Qt Multimedia cannot play in reverse).
            m_player->pause();
            m_player->setPosition(millisecondsFromSeconds(start));
        }
    }
    if (speed != 0.0)
        m_ticker->start();
    else
        m_ticker->stop();
    m_playPause->setChecked(speed != 0.0);
    Q_EMIT speedChanged(speed);
    if (wasPlaying != isPlaying())
        Q_EMIT playingChanged(isPlaying());
    Q_EMIT positionChanged(m_anchor);
}

void PlaybackController::seek(double seconds)
{
    anchorAt(seconds);
    if (m_player && !m_silent)
        m_player->setPosition(millisecondsFromSeconds(m_anchor));
    Q_EMIT positionChanged(m_anchor);
}

void PlaybackController::stepFrames(int frames)
{
    pause();
    // The frame showing now (a time a hair before a frame's start belongs to that frame).
    const qint64 current = qint64(std::floor(position() * m_frameRate.fps() + 1e-6));
    seek(m_frameRate.secondsAt(std::max<qint64>(0, current + frames)));
}

void PlaybackController::setLoopRange(double startSeconds, double endSeconds)
{
    m_loopRangeStart = clampToSong(startSeconds);
    m_loopRangeEnd = clampToSong(endSeconds);
    if (m_loopRangeEnd <= m_loopRangeStart)
        m_loopRangeStart = m_loopRangeEnd = 0.0;
    if (m_loop->isChecked()) {
        m_loopStart = m_loopRangeStart;
        m_loopEnd = m_loopRangeEnd;
    }
}

void PlaybackController::clearLoop()
{
    m_loop->setChecked(false);
    setLoopRange(0.0, 0.0);
}

void PlaybackController::tick()
{
    double here = position();
    if (isLooping() && m_speed > 0.0 && here >= m_loopEnd) {
        seek(m_loopStart + std::fmod(here - m_loopEnd, m_loopEnd - m_loopStart));
        return;
    }
    if (isLooping() && m_speed < 0.0 && here <= m_loopStart) {
        seek(m_loopEnd - std::fmod(m_loopStart - here, m_loopEnd - m_loopStart));
        return;
    }
    if ((m_speed > 0.0 && here >= m_duration) || (m_speed < 0.0 && here <= 0.0)) {
        setSpeed(0.0);
        return;
    }
    Q_EMIT positionChanged(here);
}

void PlaybackController::onPlayerPosition(qint64 ms)
{
    // Re-sync to the audio clock on each of its updates; interpolate in between.
    if (!audioDrives() || m_player->playbackState() != QMediaPlayer::PlayingState)
        return;
    const double heard = double(ms) / 1000.0;
    if (isLooping() && heard < m_loopStart)
        return; // an update from before the loop's jump back
    m_anchor = clampToSong(heard);
    m_sinceAnchor.restart();
}

void PlaybackController::useSilentClock(const QString& reason)
{
    if (!m_silent) {
        anchorAt(position());
        m_silent = true;
        if (m_player)
            m_player->stop();
    }
    if (!m_toldSilent) {
        m_toldSilent = true;
        Q_EMIT statusMessage(reason);
    }
}

} // namespace tessera
