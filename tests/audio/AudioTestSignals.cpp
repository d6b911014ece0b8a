#include "AudioTestSignals.h"

#include <QDataStream>
#include <QFile>
#include <QProcess>

#include <cmath>
#include <random>

namespace tessera::testing {

Signal clickTrack(double bpm, double seconds, int sampleRate, std::vector<double>* beats, double firstBeat)
{
    Signal signal;
    signal.sampleRate = sampleRate;
    signal.samples.assign(size_t(seconds * sampleRate), 0.0f);
    std::mt19937 random(97);
    std::uniform_real_distribution<float> noise(-1.0f, 1.0f);
    beats->clear();
    for (double t = firstBeat; t < seconds - 0.1; t += 60.0 / bpm) {
        beats->push_back(t);
        const size_t start = size_t(std::llround(t * sampleRate));
        for (size_t i = 0; i < size_t(0.04 * sampleRate) && start + i < signal.samples.size(); ++i) {
            const double s = double(i) / sampleRate;
            const double envelope = std::exp(-s / 0.005);
            signal.samples[start + i] += float(0.8 * envelope * (0.6 * noise(random) + 0.4 * std::sin(2 * M_PI * 1500 * s)));
        }
    }
    return signal;
}

Signal kickTrack(double bpm, double seconds, int sampleRate, std::vector<double>* beats, double firstBeat)
{
    Signal signal;
    signal.sampleRate = sampleRate;
    signal.samples.assign(size_t(seconds * sampleRate), 0.0f);
    beats->clear();
    const size_t length = size_t(0.1 * sampleRate);
    const size_t fade = size_t(0.005 * sampleRate); // no click where the burst is cut
    for (double t = firstBeat; t < seconds - 0.1; t += 60.0 / bpm) {
        beats->push_back(t);
        const size_t start = size_t(std::llround(t * sampleRate));
        double phase = 0.0;
        for (size_t i = 0; i < length && start + i < signal.samples.size(); ++i) {
            const double s = double(i) / sampleRate;
            const double hz = 55.0 + 95.0 * std::exp(-s / 0.02);
            const double envelope = std::exp(-s / 0.03) * std::min(1.0, double(length - i) / double(fade));
            signal.samples[start + i] += float(0.9 * envelope * std::sin(phase));
            phase += 2 * M_PI * hz / sampleRate;
        }
    }
    return signal;
}

Signal toneBursts(const std::vector<Burst>& bursts, double seconds, int sampleRate)
{
    Signal signal;
    signal.sampleRate = sampleRate;
    signal.samples.resize(size_t(seconds * sampleRate));
    std::mt19937 random(7);
    std::uniform_real_distribution<float> noise(-0.003f, 0.003f);
    for (float& v : signal.samples)
        v = noise(random);
    for (const Burst& burst : bursts) {
        const size_t start = size_t(burst.start * sampleRate);
        const size_t end = std::min(signal.samples.size(), size_t(burst.end * sampleRate));
        const size_t ramp = size_t(0.005 * sampleRate); // 5 ms fades: no clicks at the edges
        for (size_t i = start; i < end; ++i) {
            const double fade = std::min({1.0, double(i - start) / ramp, double(end - i) / ramp});
            signal.samples[i] += float(0.5 * fade * std::sin(2 * M_PI * burst.hz * double(i - start) / sampleRate));
        }
    }
    return signal;
}

Signal sine(double hz, double seconds, int sampleRate, int channels)
{
    Signal signal;
    signal.sampleRate = sampleRate;
    signal.channels = channels;
    const size_t frames = size_t(seconds * sampleRate);
    signal.samples.resize(frames * size_t(channels));
    for (size_t f = 0; f < frames; ++f)
        for (int c = 0; c < channels; ++c)
            signal.samples[f * size_t(channels) + size_t(c)] = float(0.5 * std::sin(2 * M_PI * hz * double(f) / sampleRate + c));
    return signal;
}

Signal withChannels(const Signal& mono, int channels)
{
    Signal signal = mono;
    signal.channels = channels;
    signal.samples.resize(mono.samples.size() * size_t(channels));
    for (size_t f = 0; f < mono.samples.size(); ++f)
        for (int c = 0; c < channels; ++c)
            signal.samples[f * size_t(channels) + size_t(c)] = mono.samples[f];
    return signal;
}

bool writeWav(const QString& path, const Signal& signal)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QDataStream out(&file);
    out.setByteOrder(QDataStream::LittleEndian);
    const quint32 dataBytes = quint32(signal.samples.size() * 2);
    out.writeRawData("RIFF", 4);
    out << quint32(36 + dataBytes);
    out.writeRawData("WAVEfmt ", 8);
    out << quint32(16) << quint16(1) << quint16(signal.channels) << quint32(signal.sampleRate)
        << quint32(signal.sampleRate * signal.channels * 2) << quint16(signal.channels * 2) << quint16(16);
    out.writeRawData("data", 4);
    out << dataBytes;
    for (float v : signal.samples)
        out << qint16(std::lround(std::clamp(v, -1.0f, 1.0f) * 32767.0f));
    return out.status() == QDataStream::Ok && file.flush();
}

QString encode(const QString& input, const QString& output, const QStringList& arguments)
{
    QProcess ffmpeg;
    ffmpeg.setProcessChannelMode(QProcess::MergedChannels);
    ffmpeg.start(QStringLiteral("ffmpeg"),
        QStringList{QStringLiteral("-nostdin"), QStringLiteral("-y"), QStringLiteral("-v"), QStringLiteral("error"),
            QStringLiteral("-i"), input}
            + arguments + QStringList{output});
    if (!ffmpeg.waitForFinished(60000))
        return QStringLiteral("ffmpeg did not finish: ") + ffmpeg.errorString();
    if (ffmpeg.exitStatus() != QProcess::NormalExit || ffmpeg.exitCode() != 0)
        return QString::fromLocal8Bit(ffmpeg.readAll());
    return {};
}

} // namespace tessera::testing
