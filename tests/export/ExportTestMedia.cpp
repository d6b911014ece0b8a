#include "ExportTestMedia.h"

#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <cmath>
#include <stdexcept>

namespace tessera::testing {

std::vector<double> clickTimes(double first, double interval, double end)
{
    std::vector<double> times;
    for (int k = 0; first + k * interval < end; ++k)
        times.push_back(first + k * interval);
    return times;
}

void writeClickTrack(
    const QString& path, int sampleRate, int channels, double seconds, const std::vector<double>& clicks)
{
    const qint64 frames = std::llround(seconds * sampleRate);
    std::vector<qint16> pcm(size_t(frames * channels), 0);
    const qint64 burst = std::llround(0.008 * sampleRate);
    for (double click : clicks) {
        const qint64 start = std::llround(click * sampleRate);
        for (qint64 i = 0; i < burst && start + i < frames; ++i) {
            const double value = 0.8 * std::sin(2.0 * M_PI * 2000.0 * double(i) / sampleRate);
            for (int c = 0; c < channels; ++c)
                pcm[size_t((start + i) * channels + c)] = qint16(std::lround(value * 32767.0));
        }
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw std::runtime_error("cannot write the click track");
    QDataStream out(&file);
    out.setByteOrder(QDataStream::LittleEndian);
    const quint32 dataBytes = quint32(pcm.size() * 2);
    out.writeRawData("RIFF", 4);
    out << quint32(36 + dataBytes);
    out.writeRawData("WAVEfmt ", 8);
    out << quint32(16) << quint16(1) << quint16(channels) << quint32(sampleRate)
        << quint32(sampleRate * channels * 2) << quint16(channels * 2) << quint16(16);
    out.writeRawData("data", 4);
    out << dataBytes;
    for (qint16 s : pcm)
        out << s;
}

std::vector<double> findOnsets(
    const std::vector<float>& samples, int sampleRate, const std::vector<double>& expected)
{
    std::vector<double> onsets;
    for (double t : expected) {
        const qint64 from = std::max<qint64>(0, std::llround((t - 0.05) * sampleRate));
        const qint64 to = std::min<qint64>(qint64(samples.size()), std::llround((t + 0.05) * sampleRate));
        double found = -1.0;
        for (qint64 i = from; i < to; ++i) {
            if (std::abs(samples[size_t(i)]) > 0.3f) {
                found = double(i) / sampleRate;
                break;
            }
        }
        onsets.push_back(found);
    }
    return onsets;
}

FlashFrameSource::FlashFrameSource(
    int width, int height, FrameRate rate, double songStart, std::vector<double> clicks, double flashSeconds)
    : m_width(width)
    , m_height(height)
    , m_rate(rate)
    , m_songStart(songStart)
    , m_clicks(std::move(clicks))
    , m_flashSeconds(flashSeconds)
{ }

QImage FlashFrameSource::frame(qint64 index)
{
    // Frame i spans [i, i+1) / rate; it is white when it starts inside a flash. Compare in frame
    // units from the exact rational so a click exactly on a frame time lights that frame.
    const double songTime = m_songStart + m_rate.secondsAt(index);
    bool white = false;
    for (double click : m_clicks) {
        const qint64 first = m_rate.firstFrameAtOrAfter(click - m_songStart);
        white = white || (index >= first && songTime < click + m_flashSeconds);
    }
    QImage image(m_width, m_height, QImage::Format_RGB888);
    image.fill(white ? Qt::white : Qt::black);
    return image;
}

PatternFrameSource::PatternFrameSource(
    int width, int height, std::function<QColor(qint64)> colourAt, QImage::Format format)
    : m_width(width)
    , m_height(height)
    , m_colourAt(std::move(colourAt))
    , m_format(format)
{ }

QImage PatternFrameSource::frame(qint64 index)
{
    ++calls;
    if (index == throwAt)
        throw std::runtime_error("the compositor failed");
    QImage image(m_width, m_height, m_format);
    if (noise) {
        auto* random = QRandomGenerator::global();
        for (int y = 0; y < image.height(); ++y)
            random->fillRange(reinterpret_cast<quint32*>(image.scanLine(y)), image.bytesPerLine() / 4);
    } else {
        image.fill(m_colourAt ? m_colourAt(index) : QColor(Qt::darkCyan));
    }
    return image;
}

ProgramResult runProgram(const QString& program, const QStringList& arguments, int timeoutMs)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        process.readAllStandardOutput(), QString::fromUtf8(process.readAllStandardError()) };
}

QJsonObject probe(const QString& path)
{
    const ProgramResult result = runProgram(QStringLiteral(TESSERA_FFPROBE),
        { QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_streams"),
            QStringLiteral("-show_format"), QStringLiteral("-of"), QStringLiteral("json"), path });
    return result.exitCode == 0 ? QJsonDocument::fromJson(result.out).object() : QJsonObject();
}

QJsonObject streamOf(const QJsonObject& probed, const QString& type)
{
    for (const auto& stream : probed.value(QStringLiteral("streams")).toArray()) {
        if (stream.toObject().value(QStringLiteral("codec_type")).toString() == type)
            return stream.toObject();
    }
    return {};
}

std::vector<double> frameLumas(const QString& path)
{
    constexpr int kSide = 8; // scaled down: a frame's mean is all the tests need
    const ProgramResult result = runProgram(QStringLiteral(TESSERA_FFMPEG),
        { QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), path, QStringLiteral("-map"),
            QStringLiteral("0:v:0"), QStringLiteral("-fps_mode"), QStringLiteral("passthrough"),
            QStringLiteral("-vf"), QStringLiteral("scale=%1:%1").arg(kSide), QStringLiteral("-pix_fmt"),
            QStringLiteral("gray"), QStringLiteral("-f"), QStringLiteral("rawvideo"), QStringLiteral("-") });
    std::vector<double> lumas;
    if (result.exitCode != 0)
        return lumas;
    for (qsizetype at = 0; at + kSide * kSide <= result.out.size(); at += kSide * kSide) {
        double sum = 0.0;
        for (int i = 0; i < kSide * kSide; ++i)
            sum += quint8(result.out[at + i]);
        lumas.push_back(sum / (kSide * kSide));
    }
    return lumas;
}

std::vector<double> videoFrameTimes(const QString& path)
{
    const ProgramResult result = runProgram(QStringLiteral(TESSERA_FFPROBE),
        { QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-select_streams"), QStringLiteral("v:0"),
            QStringLiteral("-show_entries"), QStringLiteral("frame=pts_time"), QStringLiteral("-of"),
            QStringLiteral("json"), path });
    std::vector<double> times;
    if (result.exitCode != 0)
        return times;
    for (const auto& frame : QJsonDocument::fromJson(result.out).object().value(QStringLiteral("frames")).toArray()) {
        bool ok = false;
        times.push_back(frame.toObject().value(QStringLiteral("pts_time")).toString().toDouble(&ok));
        if (!ok)
            return {};
    }
    return times;
}

std::vector<float> decodedAudio(const QString& path, int channels, const QStringList& inputOptions)
{
    const ProgramResult result = runProgram(QStringLiteral(TESSERA_FFMPEG),
        QStringList { QStringLiteral("-v"), QStringLiteral("error") } + inputOptions
            + QStringList { QStringLiteral("-i"), path, QStringLiteral("-map"), QStringLiteral("0:a:0"),
                QStringLiteral("-f"), QStringLiteral("f32le"), QStringLiteral("-") });
    std::vector<float> mono;
    if (result.exitCode != 0 || channels <= 0)
        return mono;
    const auto* all = reinterpret_cast<const float*>(result.out.constData());
    const qsizetype frames = result.out.size() / qsizetype(sizeof(float)) / channels;
    for (qsizetype i = 0; i < frames; ++i)
        mono.push_back(all[i * channels]);
    return mono;
}

QStringList topLevelBoxes(const QString& path)
{
    QStringList boxes;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return boxes;
    while (!file.atEnd()) {
        const QByteArray header = file.read(16);
        if (header.size() < 8)
            break;
        quint64 size = (quint64(quint8(header[0])) << 24) | (quint64(quint8(header[1])) << 16)
            | (quint64(quint8(header[2])) << 8) | quint64(quint8(header[3]));
        boxes << QString::fromLatin1(header.mid(4, 4));
        if (size == 1 && header.size() == 16) {
            size = 0;
            for (int i = 8; i < 16; ++i)
                size = (size << 8) | quint8(header[i]);
        } else if (size == 0) {
            break; // to the end of the file
        }
        if (size < 8 || !file.seek(file.pos() - header.size() + qint64(size)))
            break;
    }
    return boxes;
}

QStringList temporaries(const QString& folder)
{
    QStringList found;
    for (const QString& name :
        QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)) {
        if (name.contains(QStringLiteral(".partial-")))
            found << name;
    }
    return found;
}

} // namespace tessera::testing
