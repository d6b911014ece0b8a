#pragma once

#include "tessera/live/ShowCue.h"

#include <QAudioDevice>
#include <QElapsedTimer>
#include <QImage>
#include <QObject>
#include <QTimer>

#include <array>
#include <deque>
#include <memory>

namespace tessera {

struct Composition;
class LiveShow;
class LiveAudioInput;
class OscCueListener;
class MidiCueListener;
class PreviewRenderer;

//! Perform mode's engine, without widgets: a LiveShow over the open project, fed by an audio
//! input, cued by keys, OSC and MIDI, and composed at the output's refresh rate on a thread of its
//! own (the preview's renderer: decoded cells cached, stale frames dropped, never the disk on the
//! GUI thread). The console and the output window only show what it says.
class PerformSession : public QObject
{
    Q_OBJECT
public:
    PerformSession(const QString& projectPath, std::shared_ptr<const Composition> composition,
        const QString& resourcesDir, QObject* parent = nullptr);
    ~PerformSession() override;

    QString projectPath() const { return m_projectPath; }
    //! Records and analyses device; throws LiveError naming it when it cannot.
    void listenTo(const QAudioDevice& device);
    QString inputName() const;
    //! OSC cues on a UDP port (0: a free one); returns the port. Throws LiveError.
    int listenForOsc(int port);
    //! MIDI cues on a port of its own; returns what it listens on. Throws LiveError.
    QString listenForMidi();

    //! Frames for an output this wide, at most at this rate (the output's size and refresh).
    void setOutput(int width, double refreshHz);
    double refreshHz() const { return m_refreshHz; }
    //! Frames composed at this fraction of the output's width (1: full; 0.5: a quarter of the
    //! pixels, scaled up by the output window), or 0: automatic, full while full frames keep the
    //! refresh rate, else half (a 1080p frame takes 45 ms on two cores, half of one 13 ms).
    void setComposeScale(double scale);
    double composeScale() const { return m_composeScale; }
    bool isComposeScaleAutomatic() const { return m_autoScale; }

    //! Whether the lyrics are burned into the output, where the project burns them in (its
    //! export's caption setting); on by default.
    void setCaptions(bool on) { m_captions = on; }
    bool captions() const { return m_captions; }
    //! Acts on a cue now (keys, buttons; OSC and MIDI come here too); with from (who sent it:
    //! "Key", "OSC"), cueApplied reports it for the console's log.
    void cue(const ShowCue& cue, const QString& from = {});
    const LiveShow& show() const { return *m_show; }
    //! The normalised features (0..1, indexed by AudioFeature) of the last kRecentFrames frames
    //! the input delivered, oldest first: the console's live curves.
    static constexpr int kRecentFrames = 500;
    const std::deque<std::array<float, 7>>& recentFeatures() const { return m_recent; }
    //! The show's clock: seconds since the session began.
    double now() const;
    //! The newest frame composed (null before the first).
    QImage latestFrame() const { return m_latest; }
    qint64 framesComposed() const { return m_framesComposed; }
    //! Milliseconds spent composing frames so far (on the composing thread).
    double composingMs() const { return m_composingMs; }

Q_SIGNALS:
    void frameReady(const QImage& frame);
    //! The console redraws: about 30 times a second, and at once after a cue.
    void stateChanged();
    //! A cue arrived and was applied: "OSC: segment 3".
    void cueApplied(const QString& description);
    //! Something the operator must know: an input stopped, a frame failed.
    void problem(const QString& message);

private:
    void requestFrame();
    void adaptComposeScale(double composeMs);

    QString m_projectPath;
    std::shared_ptr<const Composition> m_composition;
    std::unique_ptr<LiveShow> m_show;
    std::unique_ptr<LiveAudioInput> m_input;
    std::unique_ptr<OscCueListener> m_osc;
    std::unique_ptr<MidiCueListener> m_midi;
    std::unique_ptr<PreviewRenderer> m_renderer;
    QElapsedTimer m_clock;
    QTimer m_frameTimer;
    QTimer m_stateTimer;
    int m_width = 1280;
    double m_refreshHz = 60.0;
    double m_composeScale = 1.0;
    bool m_autoScale = true;
    bool m_captions = true;
    double m_recentComposeMs = 0.0; //!< a running mean of the last frames' composing time
    bool m_inFlight = false;  //!< a frame is being composed
    bool m_frameDue = false;  //!< the frame clock ticked meanwhile
    QImage m_latest;
    std::deque<std::array<float, 7>> m_recent;
    qint64 m_framesComposed = 0;
    double m_composingMs = 0.0;
};

//! How a cue reads in the console: "segment 3", "start", "nudge +0.10 s".
QString describeShowCue(const ShowCue& cue);

} // namespace tessera
