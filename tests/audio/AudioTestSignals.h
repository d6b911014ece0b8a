#pragma once

// Real audio the tests make themselves: synthesised signals written as WAV, then encoded to
// other formats with the ffmpeg command-line tool.
#include <QString>
#include <QStringList>

#include <vector>

namespace tessera::testing {

//! Interleaved float samples with their format.
struct Signal
{
    int sampleRate = 44100;
    int channels = 1;
    std::vector<float> samples;
    double seconds() const { return double(samples.size()) / channels / sampleRate; }
};

//! Clicks (5 ms decaying noise bursts over a 1.5 kHz ping) at bpm from firstBeat for seconds;
//! the click times go to *beats.
Signal clickTrack(double bpm, double seconds, int sampleRate, std::vector<double>* beats, double firstBeat = 0.5);

//! Kick drums (100 ms sine bursts falling from 150 Hz to 55 Hz within ~20 ms, decaying with a
//! 30 ms time constant) at bpm from firstBeat for seconds; the kick onsets go to *beats.
Signal kickTrack(double bpm, double seconds, int sampleRate, std::vector<double>* beats, double firstBeat = 0.5);

//! A faint noise floor with a sine burst per (frequency, start, end) entry.
struct Burst { double hz; double start; double end; };
Signal toneBursts(const std::vector<Burst>& bursts, double seconds, int sampleRate);

//! A steady sine (amplitude 0.5) on every channel, with a different phase per channel.
Signal sine(double hz, double seconds, int sampleRate, int channels);

//! The same signal with each channel copied (mono to stereo etc.).
Signal withChannels(const Signal& mono, int channels);

//! Writes 16-bit PCM WAV; false on failure.
bool writeWav(const QString& path, const Signal& signal);

//! Runs ffmpeg -i input <arguments> output; returns ffmpeg's error text, empty on success.
QString encode(const QString& input, const QString& output, const QStringList& arguments);

} // namespace tessera::testing
