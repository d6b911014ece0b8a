#include "tessera/studio/PerformSession.h"

#include "tessera/live/LiveAudioInput.h"
#include "tessera/live/LiveShow.h"
#include "tessera/live/MidiCueListener.h"
#include "tessera/live/OscCueListener.h"
#include "tessera/render/Composition.h"
#include "tessera/studio/PreviewRenderer.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <utility>

#include <malloc.h>

namespace tessera {

QString describeShowCue(const ShowCue& cue)
{
    switch (cue.kind) {
    case ShowCue::Kind::Start:
        return QCoreApplication::translate("tessera::PerformSession", "start");
    case ShowCue::Kind::Stop:
        return QCoreApplication::translate("tessera::PerformSession", "hold");
    case ShowCue::Kind::Next:
        return QCoreApplication::translate("tessera::PerformSession", "next");
    case ShowCue::Kind::Previous:
        return QCoreApplication::translate("tessera::PerformSession", "previous");
    case ShowCue::Kind::Segment:
        return QCoreApplication::translate("tessera::PerformSession", "segment %1").arg(int(cue.value) + 1);
    case ShowCue::Kind::Nudge:
        return QCoreApplication::translate("tessera::PerformSession", "nudge %1 s")
            .arg(QString::asprintf("%+.2f", cue.value));
    }
    return {};
}

PerformSession::PerformSession(const QString& projectPath, std::shared_ptr<const Composition> composition,
    const QString& resourcesDir, QObject* parent)
    : QObject(parent)
    , m_projectPath(projectPath)
    , m_composition(std::move(composition))
    , m_show(std::make_unique<LiveShow>(*m_composition))
    , m_renderer(std::make_unique<PreviewRenderer>(resourcesDir))
{
    m_clock.start();
    // A 1080p frame passes through buffers of 8 to 33 MB, 30 to 60 times a second. glibc hands
    // blocks that large back to the kernel when they are freed (its mmap threshold), so every
    // frame faulted its pages in again: a third of the composing time at 1080p (measured with
    // bench_perform). Kept in the heap instead, they are reused from the second frame on.
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    connect(m_renderer.get(), &PreviewRenderer::rendered, this, [this](const PreviewFrame& frame) {
        m_inFlight = false;
        // A tick that came while composing is served now, planned at this instant: a frame is
        // planned when the thread can start it, never queued behind one being composed.
        if (std::exchange(m_frameDue, false))
            requestFrame();
        if (!frame.error.isEmpty()) {
            Q_EMIT problem(frame.error);
            return;
        }
        if (frame.image.isNull())
            return;
        m_latest = frame.image;
        ++m_framesComposed;
        m_composingMs += frame.renderMs;
        adaptComposeScale(frame.renderMs);
        Q_EMIT frameReady(m_latest);
    });
    m_frameTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_frameTimer, &QTimer::timeout, this, &PerformSession::requestFrame);
    setOutput(m_width, m_refreshHz);
    m_frameTimer.start();
    // The console follows at about 30 Hz however fast features arrive (and the followed
    // timeline moves on its own).
    m_stateTimer.setInterval(33);
    connect(&m_stateTimer, &QTimer::timeout, this, &PerformSession::stateChanged);
    m_stateTimer.start();
}

PerformSession::~PerformSession()
{
    // Stop everything that delivers work to this object before any member goes: QAudioSource's
    // destructor runs the event loop, which would otherwise hand this half-destroyed session (and
    // the console listening to it) queued frames, cues and redraws.
    blockSignals(true);
    m_frameTimer.stop();
    m_stateTimer.stop();
    m_renderer->disconnect(this);
    m_renderer.reset(); // waits for the frame being composed
    m_input.reset();
    m_midi.reset();
    m_osc.reset();
    QCoreApplication::removePostedEvents(this);
}

double PerformSession::now() const
{
    return double(m_clock.nsecsElapsed()) / 1e9;
}

void PerformSession::listenTo(const QAudioDevice& device)
{
    m_input.reset();
    m_input = std::make_unique<LiveAudioInput>(device, [this](const LiveFeatureFrame& frame) {
        m_show->addFeatures(frame);
        std::array<float, 7> values{};
        for (size_t f = 1; f < values.size(); ++f)
            values[f] = m_show->featureValue(AudioFeature(f));
        m_recent.push_back(values);
        if (m_recent.size() > size_t(kRecentFrames))
            m_recent.pop_front();
    });
    connect(m_input.get(), &LiveAudioInput::failed, this, &PerformSession::problem);
}

QString PerformSession::inputName() const
{
    return m_input ? m_input->deviceName() : QString();
}

int PerformSession::listenForOsc(int port)
{
    m_osc.reset();
    m_osc = std::make_unique<OscCueListener>(port);
    connect(m_osc.get(), &OscCueListener::cueReceived, this, [this](const ShowCue& cue) { this->cue(cue, QStringLiteral("OSC")); });
    connect(m_osc.get(), &OscCueListener::unknownMessage, this, [this](const QString& path) {
        Q_EMIT problem(tr("OSC: %1 names no cue").arg(path));
    });
    return m_osc->port();
}

QString PerformSession::listenForMidi()
{
    m_midi.reset();
    m_midi = std::make_unique<MidiCueListener>(MidiCueMap{});
    connect(m_midi.get(), &MidiCueListener::cueReceived, this, [this](const ShowCue& cue) { this->cue(cue, QStringLiteral("MIDI")); });
    return QStringLiteral("%1 \"%2\"").arg(m_midi->system(), m_midi->portName());
}

void PerformSession::setOutput(int width, double refreshHz)
{
    m_width = std::max(16, width);
    m_refreshHz = refreshHz > 1.0 ? refreshHz : 60.0;
    m_frameTimer.setInterval(std::max(1, int(std::floor(1000.0 / m_refreshHz))));
}

void PerformSession::cue(const ShowCue& cue, const QString& from)
{
    m_show->apply(cue, now());
    if (!from.isEmpty())
        Q_EMIT cueApplied(from + QStringLiteral(": ") + describeShowCue(cue));
    Q_EMIT stateChanged();
}

void PerformSession::setComposeScale(double scale)
{
    m_autoScale = scale <= 0.0;
    m_composeScale = m_autoScale ? 1.0 : std::clamp(scale, 0.25, 1.0);
    m_recentComposeMs = 0.0;
}

void PerformSession::adaptComposeScale(double composeMs)
{
    // A running mean over about 15 frames; full frames go to half when they take most of the
    // refresh interval, and come back when four times a half frame would fit with room to spare.
    m_recentComposeMs = m_recentComposeMs > 0.0 ? m_recentComposeMs + (composeMs - m_recentComposeMs) / 15.0 : composeMs;
    if (!m_autoScale || m_framesComposed < 15)
        return;
    const double intervalMs = 1000.0 / m_refreshHz;
    if (m_composeScale == 1.0 && m_recentComposeMs > 0.8 * intervalMs) {
        m_composeScale = 0.5;
        m_recentComposeMs = composeMs / 4.0;
    } else if (m_composeScale < 1.0 && m_recentComposeMs * 4.0 < 0.5 * intervalMs) {
        m_composeScale = 1.0;
        m_recentComposeMs = composeMs * 4.0;
    }
}

void PerformSession::requestFrame()
{
    if (m_inFlight) {
        m_frameDue = true;
        return;
    }
    m_inFlight = true;
    const double at = now();
    PlannedFrame planned;
    planned.layers = m_show->planAt(at);
    planned.captionSegment = m_captions ? m_show->captionSegmentAt(at) : -1;
    planned.prefetch = {m_show->segmentAt(at), m_show->nextSegmentAt(at)};
    m_renderer->request(m_projectPath, m_composition, m_show->timelineSecondsAt(at),
        std::max(16, int(std::lround(m_width * m_composeScale))), std::move(planned));
}

} // namespace tessera
