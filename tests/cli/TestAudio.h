#pragma once

// Songs the CLI tests make themselves: a click track at a known tempo with low tone bursts,
// written as 16-bit PCM WAV (the simplest real format every decoder reads).

#include <QByteArray>
#include <QDataStream>
#include <QFile>
#include <QString>
#include <QtMath>

namespace tessera::testing {

inline bool writeClickTrackWav(const QString& path, double seconds, double bpm, int sampleRate = 44100)
{
    const int frames = int(seconds * sampleRate);
    const int channels = 2;
    QByteArray pcm;
    pcm.reserve(frames * channels * 2);
    const double beatFrames = 60.0 / bpm * sampleRate;
    for (int i = 0; i < frames; ++i) {
        const double sinceBeat = std::fmod(double(i), beatFrames);
        // A short decaying 1.5 kHz click on every beat, over a quiet 110 Hz pad.
        double value = 0.05 * std::sin(2.0 * M_PI * 110.0 * i / sampleRate);
        if (sinceBeat < 0.03 * sampleRate)
            value += 0.8 * std::exp(-sinceBeat / (0.005 * sampleRate)) * std::sin(2.0 * M_PI * 1500.0 * i / sampleRate);
        const qint16 sample = qint16(qBound(-1.0, value, 1.0) * 32000.0);
        for (int c = 0; c < channels; ++c) {
            pcm.append(char(sample & 0xff));
            pcm.append(char((sample >> 8) & 0xff));
        }
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QDataStream out(&file);
    out.setByteOrder(QDataStream::LittleEndian);
    out.writeRawData("RIFF", 4);
    out << quint32(36 + pcm.size());
    out.writeRawData("WAVEfmt ", 8);
    out << quint32(16) << quint16(1) << quint16(channels) << quint32(sampleRate)
        << quint32(sampleRate * channels * 2) << quint16(channels * 2) << quint16(16);
    out.writeRawData("data", 4);
    out << quint32(pcm.size());
    out.writeRawData(pcm.constData(), int(pcm.size()));
    return out.status() == QDataStream::Ok;
}

} // namespace tessera::testing
