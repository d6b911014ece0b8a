#pragma once

// Real songs for tests: short WAV files written sample by sample, decodable by the real decoder.

#include <QByteArray>
#include <QDataStream>
#include <QFile>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <vector>

namespace tessera::testing {

//! A 16-bit stereo WAV: a quiet 110 Hz pad with a 120 ms 1 kHz burst at each click, so the RMS
//! curve's robust range (5th..95th percentile) spans pad to burst.
inline void writeBurstTrack(const QString& path, double seconds, const std::vector<double>& clicks, int rate = 44100)
{
    QByteArray pcm;
    const int frames = int(seconds * rate);
    for (int i = 0; i < frames; ++i) {
        const double t = double(i) / rate;
        double value = 0.02 * std::sin(2 * M_PI * 110 * t);
        for (const double click : clicks)
            if (t >= click && t < click + 0.12)
                value += 0.7 * std::sin(2 * M_PI * 1000 * (t - click));
        const auto sample = qint16(std::clamp(value, -1.0, 1.0) * 32000);
        for (int c = 0; c < 2; ++c) {
            pcm.append(char(sample & 0xff));
            pcm.append(char((sample >> 8) & 0xff));
        }
    }
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QDataStream out(&file);
    out.setByteOrder(QDataStream::LittleEndian);
    out.writeRawData("RIFF", 4);
    out << quint32(36 + pcm.size());
    out.writeRawData("WAVEfmt ", 8);
    out << quint32(16) << quint16(1) << quint16(2) << quint32(rate) << quint32(rate * 4) << quint16(4) << quint16(16);
    out.writeRawData("data", 4);
    out << quint32(pcm.size());
    out.writeRawData(pcm.constData(), int(pcm.size()));
}

} // namespace tessera::testing
