// The live show with real components: the song analysis and the live analysis on the same
// synthesised audio, a real UDP socket for OSC (liblo on both ends) and a real JACK server
// (its dummy driver: no sound hardware needed) for MIDI.
#include "AudioTestSignals.h"

#include "tessera/audio/AudioAnalyzer.h"
#include "tessera/live/LiveError.h"
#include "tessera/live/LiveShow.h"
#include "tessera/live/MidiCueListener.h"
#include "tessera/live/OscCueListener.h"
#include "tessera/render/AxisMotion.h"

#include <QProcess>
#include <QSignalSpy>
#include <QtTest>

#include <lo/lo.h>
#include <rtmidi/RtMidi.h>

#include <cmath>
#include <memory>

using namespace tessera;
using namespace tessera::testing;

Q_DECLARE_METATYPE(tessera::ShowCue)

namespace {

//! Segments back to back, each a 3x3 grid with no images (the show plans; nothing is drawn).
Composition compositionOf(const QVector<TimeRange>& ranges)
{
    Composition composition;
    composition.project.width = 64;
    composition.project.height = 36;
    for (int s = 0; s < ranges.size(); ++s) {
        CompositionSegment entry;
        entry.segment.id = s + 1;
        entry.segment.range = ranges[s];
        entry.segment.grid = GridGeometry(3, 3);
        entry.segment.transition.crossfadeMs = 1000;
        entry.segment.axisX.feature = AudioFeature::None;
        entry.segment.axisY.feature = AudioFeature::None;
        composition.segments.append(entry);
    }
    if (!ranges.isEmpty())
        composition.songSeconds = ranges.last().endMs / 1000.0;
    return composition;
}

ShowCue waitForCue(QSignalSpy& spy)
{
    if (spy.isEmpty() && !spy.wait(5000))
        return ShowCue{ShowCue::Kind::Stop, -1.0};
    return spy.takeFirst().at(0).value<ShowCue>();
}

} // namespace

class TestLive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ShowCue>(); }

    void liveInputMovesTheAxesAsTheSongDoesLateByTheStatedLag()
    {
        // given a song of bass bursts and clicks, analysed, and one segment whose X axis follows
        // the low band, Y the onsets and whose zoom follows the RMS, each with its own smoothing
        const int rate = 44100;
        Signal audio = toneBursts({{80.0, 1.0, 2.5}, {90.0, 4.0, 5.0}}, 7.0, rate);
        std::vector<double> beats;
        const Signal clicks = clickTrack(100.0, 7.0, rate, &beats);
        for (size_t i = 0; i < audio.samples.size(); ++i)
            audio.samples[i] += 0.4f * clicks.samples[i];
        AudioBuffer buffer;
        buffer.sampleRate = rate;
        buffer.channels = 1;
        buffer.samples = audio.samples;
        Composition composition = compositionOf({TimeRange{0, 7000}});
        composition.analyses[QString()] = analyzeAudio(buffer);
        Segment& segment = composition.segments[0].segment;
        segment.axisX.feature = AudioFeature::LowBand;
        segment.axisX.attackMs = 30.0;
        segment.axisX.releaseMs = 400.0;
        segment.axisY.feature = AudioFeature::Onset;
        segment.axisY.curve = ResponseCurve::EaseOut;
        segment.axisY.attackMs = 0.0;
        segment.axisY.releaseMs = 150.0;
        CameraMove zoom;
        zoom.kind = CameraMoveKind::Zoom;
        zoom.axis.feature = AudioFeature::Rms;
        zoom.axis.from = 0.0;
        zoom.axis.to = 0.2;
        segment.camera.setMove(zoom);
        const AudioAnalysis& song = composition.analyses[QString()];
        const AxisMotion songX(segment.axisX, song.lowBand);
        const AxisMotion songY(segment.axisY, song.onset);
        const AxisMotion songZoom(zoom.axis, song.rms);

        // when the same audio is played into a show that keeps the song's ranges, 10 ms at a time
        LiveShowOptions options;
        options.keepSongRanges = true;
        LiveShow show(composition, options);
        LiveFeatureAnalyzer analyzer(rate, 1);
        const int lag = analyzer.spectralLagFrames();
        QCOMPARE(lag, 2);
        int compared = 0;
        double largestX = 0.0;
        for (qint64 at = 0; at + 441 <= qint64(audio.samples.size()); at += 441) {
            for (const LiveFeatureFrame& frame : analyzer.push(audio.samples.data() + at, 441)) {
                show.addFeatures(frame);
                const SegmentPositions& live = show.positions(0);
                // then the onset axis stands where the song's stands at this frame, and the
                // spectral ones where the song's stood lag frames (20 ms) earlier
                QVERIFY(std::abs(live.y - songY.positionAt(frame.frame / 100.0)) < 1e-5);
                if (frame.spectralFrame < 0)
                    continue;
                const double t = frame.spectralFrame / 100.0;
                QVERIFY2(std::abs(live.x - songX.positionAt(t)) < 1e-5,
                    qPrintable(QStringLiteral("frame %1: live %2, song %3").arg(frame.frame).arg(live.x).arg(songX.positionAt(t))));
                QCOMPARE(live.camera.size(), 1);
                QVERIFY(std::abs(live.camera[0] - songZoom.positionAt(t)) < 1e-5);
                largestX = std::max(largestX, live.x);
                ++compared;
            }
        }
        QVERIFY(compared > 650);
        QVERIFY(largestX > 0.9); // the bursts moved it across, so the comparison meant something
        // and the layer the show plans puts the grid where those positions say
        const QVector<SegmentLayer> layers = show.planAt(0.0);
        QCOMPARE(layers.size(), 1);
        QVERIFY(std::abs(layers[0].column - show.positions(0).x * 2) < 1e-9);
        QVERIFY(std::abs(layers[0].camera.zoom - show.positions(0).camera[0] * 0.2) < 1e-9);
    }

    void runningRangesTakeOverFromTheSongsAfterTheWarmUp()
    {
        // given a song whose RMS range is known, and a show with a 1 s warm-up and 2 s window
        Composition composition = compositionOf({TimeRange{0, 10000}});
        AudioAnalysis song;
        song.rms = FeatureCurve(std::vector<float>{-60.0f, -20.0f}, 100.0, 0.0, 100.0);
        composition.analyses[QString()] = song;
        LiveShowOptions options;
        options.warmupSeconds = 1.0;
        options.rangeSeconds = 2.0;
        LiveShow show(composition, options);
        // when a much quieter input plays
        LiveFeatureFrame frame;
        frame.spectralFrame = 0;
        frame.raw[size_t(AudioFeature::Rms)] = -50.0f;
        show.addFeatures(frame);
        // then the song's range maps it first
        QCOMPARE(show.featureValue(AudioFeature::Rms), 0.25f);
        // and after the warm-up the input's own range does
        for (int i = 0; i < 300; ++i) {
            frame.raw[size_t(AudioFeature::Rms)] = i % 2 ? -70.0f : -50.0f;
            show.addFeatures(frame);
        }
        QCOMPARE(show.featureRange(AudioFeature::Rms).floor, -70.0f);
        QCOMPARE(show.featureRange(AudioFeature::Rms).ceiling, -50.0f);
    }

    void cuesFollowTheTimelineAndJumpBetweenSegments()
    {
        // given three 4 s segments with 1 s crossfades
        LiveShow show(compositionOf({TimeRange{0, 4000}, TimeRange{4000, 8000}, TimeRange{8000, 12000}}));
        QVERIFY(!show.isFollowing());
        QCOMPARE(show.segmentAt(0.0), 0);
        // and before any cue the first segment is held from the clock's start (its caption's words
        // timed from there)
        QVERIFY(std::abs(show.timelineSecondsAt(1.5) - 1.5) < 1e-9);
        // when started at clock 100, the timeline plays from the first segment
        show.apply({ShowCue::Kind::Start, 0.0}, 100.0);
        QVERIFY(show.isFollowing());
        QCOMPARE(show.segmentAt(101.0), 0);
        QCOMPARE(show.segmentAt(105.0), 1);
        QCOMPARE(show.nextSegmentAt(105.0), 2);
        QCOMPARE(show.planAt(104.0).size(), 2); // the timeline's own crossfade at 4 s
        // and a nudge moves it
        show.apply(ShowCue::nudge(0.25), 105.0);
        QVERIFY(std::abs(show.timelineSecondsAt(106.0) - 6.25) < 1e-9);
        // and a hold keeps the segment on screen, without a crossfade, its words going on
        show.apply({ShowCue::Kind::Stop, 0.0}, 105.0);
        QVERIFY(!show.isFollowing());
        QCOMPARE(show.segmentAt(150.0), 1);
        QCOMPARE(show.planAt(105.1).size(), 1);
        QVERIFY(std::abs(show.timelineSecondsAt(106.0) - 6.25) < 1e-9);
        // when segment 3 is cued at 106, it crossfades in over its crossfade and is held
        show.apply(ShowCue::segment(2), 106.0);
        const QVector<SegmentLayer> fading = show.planAt(106.5);
        QCOMPARE(fading.size(), 2);
        QCOMPARE(fading[0].segment, 1);
        QCOMPARE(fading[1].segment, 2);
        QVERIFY(std::abs(fading[1].weight - 0.5) < 1e-9);
        QCOMPARE(show.planAt(107.5).size(), 1);
        QCOMPARE(show.segmentAt(200.0), 2);
        QCOMPARE(show.captionSegmentAt(200.0), 2);
        // and next stops at the last, previous steps back
        show.apply({ShowCue::Kind::Next, 0.0}, 201.0);
        QCOMPARE(show.segmentAt(210.0), 2);
        show.apply({ShowCue::Kind::Previous, 0.0}, 211.0);
        QCOMPARE(show.segmentAt(220.0), 1);
        // and start follows the timeline again from the held segment's start
        show.apply({ShowCue::Kind::Start, 0.0}, 230.0);
        QVERIFY(std::abs(show.timelineSecondsAt(230.5) - 4.5) < 1e-9);
        // and a cue for a segment that does not exist changes nothing
        show.apply(ShowCue::segment(7), 231.0);
        QVERIFY(show.isFollowing());
    }

    void oscAndMidiMessagesNameCues()
    {
        QCOMPARE(showCueFromOsc(QStringLiteral("/tessera/segment"), 3.0), ShowCue::segment(2));
        QCOMPARE(showCueFromOsc(QStringLiteral("/tessera/segment"), 2.6), ShowCue::segment(2));
        QVERIFY(!showCueFromOsc(QStringLiteral("/tessera/segment"), std::nullopt));
        QVERIFY(!showCueFromOsc(QStringLiteral("/tessera/segment"), 0.0));
        QCOMPARE(showCueFromOsc(QStringLiteral("/tessera/nudge"), -0.1), ShowCue::nudge(-0.1));
        QCOMPARE(showCueFromOsc(QStringLiteral("/tessera/next"), std::nullopt)->kind, ShowCue::Kind::Next);
        QVERIFY(!showCueFromOsc(QStringLiteral("/other/next"), std::nullopt));
        const MidiCueMap map;
        const unsigned char noteOn[] = {0x90, 38, 100};
        const unsigned char noteOff[] = {0x90, 38, 0};
        const unsigned char below[] = {0x90, 30, 100};
        const unsigned char program[] = {0xC3, 5};
        QCOMPARE(showCueFromMidi(noteOn, 3, map), ShowCue::segment(2));
        QVERIFY(!showCueFromMidi(noteOff, 3, map));
        QVERIFY(!showCueFromMidi(below, 3, map));
        QCOMPARE(showCueFromMidi(program, 2, map), ShowCue::segment(5));
        QVERIFY(!showCueFromMidi(noteOn, 3, MidiCueMap{36, 2})); // channel 1 when 2 is asked for
    }

    void anOscMessageSwitchesTheSegment()
    {
        // given a show and a listener on a free UDP port
        LiveShow show(compositionOf({TimeRange{0, 4000}, TimeRange{4000, 8000}, TimeRange{8000, 12000}}));
        OscCueListener listener(0);
        QVERIFY(listener.port() > 0);
        QObject::connect(&listener, &OscCueListener::cueReceived, &listener, [&show](const ShowCue& cue) { show.apply(cue, 0.0); });
        QSignalSpy cues(&listener, &OscCueListener::cueReceived);
        QSignalSpy unknown(&listener, &OscCueListener::unknownMessage);
        // when a desk sends /tessera/segment 3 to it
        lo_address desk = lo_address_new("127.0.0.1", QByteArray::number(listener.port()).constData());
        QCOMPARE(lo_send(desk, "/tessera/segment", "i", 3) > 0, true);
        // then the show holds the third segment
        QCOMPARE(waitForCue(cues), ShowCue::segment(2));
        QCOMPARE(show.segmentAt(10.0), 2);
        // and a float argument and other verbs work as well
        QVERIFY(lo_send(desk, "/tessera/segment", "f", 1.0f) > 0);
        QCOMPARE(waitForCue(cues), ShowCue::segment(0));
        QVERIFY(lo_send(desk, "/tessera/start", "") > 0);
        QCOMPARE(waitForCue(cues).kind, ShowCue::Kind::Start);
        QVERIFY(show.isFollowing());
        // and a typo is reported, not acted on
        QVERIFY(lo_send(desk, "/tessera/segmnet", "i", 2) > 0);
        QVERIFY(unknown.wait(5000));
        QCOMPARE(unknown.first().at(0).toString(), QStringLiteral("/tessera/segmnet"));
        lo_address_free(desk);
        // and a port already in use is refused by name
        try {
            OscCueListener second(listener.port());
            QFAIL("a second listener on the same port was accepted");
        } catch (const LiveError& error) {
            QVERIFY2(error.message().startsWith(QStringLiteral("OSC port %1: ").arg(listener.port())), qPrintable(error.message()));
        }
    }

    void aMidiNoteSwitchesTheSegment()
    {
        // given a MIDI system: ALSA's sequencer where the kernel has it, else a JACK server of
        // this test's own with its dummy driver (this machine has no sound hardware)
        std::unique_ptr<MidiCueListener> listener;
        QProcess jack;
        try {
            listener = std::make_unique<MidiCueListener>(MidiCueMap{});
        } catch (const LiveError&) {
            const QByteArray server = "tessera-test-" + QByteArray::number(QCoreApplication::applicationPid());
            qputenv("JACK_DEFAULT_SERVER", server);
            jack.setProcessChannelMode(QProcess::MergedChannels);
            jack.start(QStringLiteral(TESSERA_JACKD), {QStringLiteral("--no-realtime"), QStringLiteral("-n"), QString::fromLatin1(server),
                                                          QStringLiteral("-d"), QStringLiteral("dummy"), QStringLiteral("-r"), QStringLiteral("48000")});
            QVERIFY2(jack.waitForStarted(5000), qPrintable(jack.errorString()));
            for (int attempt = 0; attempt < 50 && !listener; ++attempt) {
                QTest::qWait(100);
                try {
                    listener = std::make_unique<MidiCueListener>(MidiCueMap{});
                } catch (const LiveError& error) {
                    if (attempt == 49 || jack.state() != QProcess::Running)
                        QFAIL(qPrintable(error.message() + QStringLiteral("\njackd: ") + QString::fromLocal8Bit(jack.readAll())));
                }
            }
        }
        QVERIFY(listener);
        LiveShow show(compositionOf({TimeRange{0, 4000}, TimeRange{4000, 8000}, TimeRange{8000, 12000}}));
        QObject::connect(listener.get(), &MidiCueListener::cueReceived, listener.get(), [&show](const ShowCue& cue) { show.apply(cue, 0.0); });
        QSignalSpy cues(listener.get(), &MidiCueListener::cueReceived);
        {
            // when a pad controller connected to its port plays the second pad (C#1 = 37)
            const QString system = listener->system();
            RtMidiOut out(system.compare(QLatin1String("jack"), Qt::CaseInsensitive) == 0 ? RtMidi::UNIX_JACK : RtMidi::LINUX_ALSA, "pad");
            int port = -1;
            for (unsigned int i = 0; i < out.getPortCount(); ++i)
                if (QString::fromStdString(out.getPortName(i)).contains(listener->portName()))
                    port = int(i);
            QVERIFY2(port >= 0, "the listener's port is not offered to other clients");
            out.openPort(unsigned(port));
            QTest::qWait(200); // the connection settles
            const std::vector<unsigned char> noteOn{0x90, 37, 100};
            out.sendMessage(&noteOn);
            // then the show holds the second segment
            QCOMPARE(waitForCue(cues), ShowCue::segment(1));
            QCOMPARE(show.segmentAt(10.0), 1);
            // and a note-off changes nothing
            const std::vector<unsigned char> noteOff{0x80, 37, 0};
            out.sendMessage(&noteOff);
            QVERIFY(!cues.wait(300));
        }
        // and asking for a source that is not there names it and what is offered
        try {
            MidiCueListener named(MidiCueMap{}, QStringLiteral("Launchpad"));
            QFAIL("a missing MIDI source was accepted");
        } catch (const LiveError& error) {
            QVERIFY2(error.message().startsWith(QStringLiteral("Launchpad: no MIDI source")), qPrintable(error.message()));
        }
        listener.reset();
        if (jack.state() == QProcess::Running) {
            jack.terminate();
            jack.waitForFinished(5000);
        }
    }
};

QTEST_GUILESS_MAIN(TestLive)
#include "tst_live.moc"
