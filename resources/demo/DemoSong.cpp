// tessera-demo-song: synthesises the demo project's song, so the demo ships no recorded audio.
//
// 72 s at 120 BPM in A minor (Am F C G): an intro of pads and hats, a verse with drums and
// bass, a loud chorus with a lead, a quiet breakdown and a final chorus, so that loudness,
// the frequency bands and onsets all move. Deterministic: the same file on every machine.
// Written by hand because it is a few oscillators and envelopes; a synthesis library would be
// a heavier dependency than the code it saves.
#include <QDataStream>
#include <QFile>
#include <QSaveFile>
#include <QString>

#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

namespace {

constexpr int kSampleRate = 44100;
constexpr double kBpm = 120.0;
constexpr double kBeat = 60.0 / kBpm;
constexpr int kBars = 36;
constexpr double kPi = 3.14159265358979323846;

// Sections by bar: intro 0-7, verse 8-15, chorus 16-23, breakdown 24-27, chorus 28-35.
enum class Section { Intro, Verse, Chorus, Breakdown };

Section sectionOfBar(int bar)
{
    if (bar < 8)
        return Section::Intro;
    if (bar < 16)
        return Section::Verse;
    if (bar < 24 || bar >= 28)
        return Section::Chorus;
    return Section::Breakdown;
}

double midiToHz(double note)
{
    return 440.0 * std::pow(2.0, (note - 69.0) / 12.0);
}

// Chord roots (MIDI) of Am F C G, one chord per bar, and their triads.
constexpr std::array<int, 4> kRoots{57, 53, 48, 55};
constexpr std::array<std::array<int, 3>, 4> kTriads{{{57, 60, 64}, {53, 57, 60}, {48, 52, 55}, {55, 59, 62}}};
// The chorus lead: one note per 8th over two bars (A minor pentatonic), repeated.
constexpr std::array<int, 16> kLead{76, 74, 72, 69, 72, 74, 76, 79, 81, 79, 76, 74, 72, 74, 72, 69};

struct Noise
{
    quint32 state = 0x1234567u;
    double next()
    {
        state = state * 1664525u + 1013904223u;
        return double(state >> 8) / double(1u << 24) * 2.0 - 1.0;
    }
};

double saw(double phase)
{
    return 2.0 * (phase - std::floor(phase + 0.5));
}

} // namespace

int main(int argc, char* argv[])
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: tessera-demo-song OUT.wav\n");
        return 2;
    }
    const int frames = int(kBars * 4 * kBeat * kSampleRate);
    std::vector<float> left(frames), right(frames);
    Noise noise;
    double hatState = 0.0;
    double snareState = 0.0;
    double bassFilter = 0.0;

    for (int i = 0; i < frames; ++i) {
        const double t = double(i) / kSampleRate;
        const double beats = t / kBeat;
        const int bar = int(beats / 4.0);
        const Section section = sectionOfBar(bar);
        const int chord = bar % 4;
        const double inBeat = (beats - std::floor(beats)) * kBeat;        // seconds since the beat
        const double inEighth = std::fmod(beats * 2.0, 1.0) * kBeat / 2.0; // seconds since the 8th
        const int beatInBar = int(beats) % 4;
        const bool drums = section == Section::Verse || section == Section::Chorus;
        const double loud = section == Section::Chorus ? 1.0 : section == Section::Verse ? 0.7 : 0.35;

        double l = 0.0;
        double r = 0.0;
        if (drums) {
            // Kick on 1 and 3 (and on every beat in the chorus): a sine falling from 110 to 45 Hz.
            if (beatInBar % 2 == 0 || section == Section::Chorus) {
                const double f = 45.0 + 65.0 * std::exp(-inBeat * 30.0);
                const double kick = std::sin(2.0 * kPi * f * inBeat) * std::exp(-inBeat * 9.0);
                l += 0.9 * kick;
                r += 0.9 * kick;
            }
            // Snare on 2 and 4: a noise burst over a 190 Hz body.
            if (beatInBar % 2 == 1) {
                const double n = noise.next();
                snareState = 0.6 * snareState + 0.4 * n;
                const double snare = ((n - snareState) * 0.8 + 0.4 * std::sin(2.0 * kPi * 190.0 * inBeat)) * std::exp(-inBeat * 18.0);
                l += 0.45 * snare;
                r += 0.5 * snare;
            }
        }
        // Hi-hats on every 8th (also in the intro and breakdown, quieter): high-passed noise.
        {
            const double n = noise.next();
            const double high = n - hatState;
            hatState = 0.7 * hatState + 0.3 * n;
            const double hat = high * std::exp(-inEighth * 60.0) * (drums ? 0.22 : 0.12);
            l += 0.8 * hat;
            r += hat;
        }
        // Bass: the chord root in 8ths, a low-passed saw (not in the intro).
        if (section != Section::Intro) {
            const double f = midiToHz(kRoots[chord] - 12);
            const double raw = saw(f * t) * std::exp(-inEighth * 6.0);
            bassFilter += 0.08 * (raw - bassFilter);
            l += 0.5 * loud * bassFilter;
            r += 0.5 * loud * bassFilter;
        }
        // Pad: the triad on soft detuned saws, swelling at each bar.
        {
            const double inBar = std::fmod(beats, 4.0) * kBeat;
            const double swell = 1.0 - std::exp(-inBar * 3.0);
            double pad = 0.0;
            for (int note : kTriads[chord])
                pad += saw(midiToHz(note) * t) + saw(midiToHz(note) * 1.003 * t);
            pad *= 0.035 * swell * (section == Section::Chorus ? 1.0 : 0.8);
            l += pad;
            r += pad * 0.9;
        }
        // Lead in the choruses: a square-ish tone with vibrato, one note per 8th.
        if (section == Section::Chorus) {
            const int step = int(std::fmod(beats * 2.0, 16.0));
            const double f = midiToHz(kLead[step]) * (1.0 + 0.004 * std::sin(2.0 * kPi * 5.5 * t));
            const double lead = std::tanh(3.0 * std::sin(2.0 * kPi * f * t)) * std::exp(-inEighth * 3.0);
            l += 0.12 * lead;
            r += 0.16 * lead;
        }
        // A gentle fade in and out, then soft clipping.
        const double fade = std::min({1.0, t / 2.0, (frames / double(kSampleRate) - t) / 2.0});
        left[i] = float(std::tanh(l * fade));
        right[i] = float(std::tanh(r * fade));
    }

    QSaveFile file(QString::fromLocal8Bit(argv[1]));
    if (!file.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "tessera-demo-song: %s: %s\n", argv[1], qPrintable(file.errorString()));
        return 1;
    }
    QDataStream out(&file);
    out.setByteOrder(QDataStream::LittleEndian);
    const quint32 dataBytes = quint32(frames) * 4u;
    out.writeRawData("RIFF", 4);
    out << quint32(36 + dataBytes);
    out.writeRawData("WAVEfmt ", 8);
    out << quint32(16) << quint16(1) << quint16(2) << quint32(kSampleRate) << quint32(kSampleRate * 4) << quint16(4) << quint16(16);
    out.writeRawData("data", 4);
    out << dataBytes;
    for (int i = 0; i < frames; ++i)
        out << qint16(std::lround(left[i] * 32000.0)) << qint16(std::lround(right[i] * 32000.0));
    if (out.status() != QDataStream::Ok || !file.commit()) {
        std::fprintf(stderr, "tessera-demo-song: %s: cannot write\n", argv[1]);
        return 1;
    }
    return 0;
}
