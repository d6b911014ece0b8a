#include "tessera/live/LiveAudioInput.h"

#include "tessera/live/LiveError.h"

#include <QAudioSource>

namespace tessera {

namespace {

//! The format to record in: 44.1 kHz before 48 kHz (a 2048-sample window, so 30 ms of spectral
//! lag instead of 50), float before 16-bit, mono or stereo as the device prefers.
QAudioFormat chosenFormat(const QAudioDevice& device)
{
    QAudioFormat format;
    format.setChannelCount(std::clamp(device.preferredFormat().channelCount(), 1, 2));
    for (const int rate : {44100, 48000}) {
        for (const QAudioFormat::SampleFormat sample : {QAudioFormat::Float, QAudioFormat::Int16}) {
            format.setSampleRate(rate);
            format.setSampleFormat(sample);
            if (device.isFormatSupported(format))
                return format;
        }
    }
    return {};
}

} // namespace

LiveAudioInput::LiveAudioInput(const QAudioDevice& device, FrameCallback callback, QObject* parent)
    : QObject(parent)
    , m_device(device)
    , m_callback(std::move(callback))
{
    const QString name = device.description().isEmpty() ? QString::fromUtf8(device.id()) : device.description();
    if (device.isNull())
        throw LiveError(QStringLiteral("audio input"), QStringLiteral("no input device: the system offers none"));
    const QAudioFormat format = chosenFormat(device);
    if (!format.isValid())
        throw LiveError(name, QStringLiteral("records neither 44.1 nor 48 kHz, the rates the analysis runs at"));
    m_analyzer = std::make_unique<LiveFeatureAnalyzer>(format.sampleRate(), format.channelCount(), AnalysisParameters{}, name);
    m_source = std::make_unique<QAudioSource>(device, format);
    // Small device buffers: each 10 ms of sound should reach the analysis within a few ms.
    m_source->setBufferSize(format.bytesForDuration(20000));
    m_io = m_source->start();
    if (!m_io || m_source->error() != QAudio::NoError)
        throw LiveError(name, QStringLiteral("cannot start recording (Qt Multimedia error %1)").arg(int(m_source->error())));
    connect(m_io, &QIODevice::readyRead, this, &LiveAudioInput::readAvailable);
    connect(m_source.get(), &QAudioSource::stateChanged, this, [this, name](QAudio::State state) {
        if (state == QAudio::StoppedState && m_source->error() != QAudio::NoError)
            Q_EMIT failed(QStringLiteral("%1: the input stopped (Qt Multimedia error %2)").arg(name).arg(int(m_source->error())));
    });
}

LiveAudioInput::~LiveAudioInput()
{
    if (m_source)
        m_source->stop();
}

QString LiveAudioInput::deviceName() const { return m_device.description(); }
int LiveAudioInput::sampleRate() const { return m_analyzer->sampleRate(); }
int LiveAudioInput::channels() const { return m_analyzer->channels(); }
const LiveFeatureAnalyzer& LiveAudioInput::analyzer() const { return *m_analyzer; }

void LiveAudioInput::readAvailable()
{
    const QAudioFormat format = m_source->format();
    const int bytesPerFrame = format.bytesPerFrame();
    QByteArray bytes = m_pending + m_io->readAll();
    const qint64 frameCount = bytes.size() / bytesPerFrame;
    m_pending = bytes.mid(frameCount * bytesPerFrame);
    if (frameCount == 0)
        return;
    const qint64 values = frameCount * format.channelCount();
    m_samples.resize(size_t(values));
    for (qint64 i = 0; i < values; ++i)
        m_samples[size_t(i)] = format.normalizedSampleValue(bytes.constData() + i * format.bytesPerSample());
    for (const LiveFeatureFrame& frame : m_analyzer->push(m_samples.data(), frameCount)) {
        ++m_frames;
        if (m_callback)
            m_callback(frame);
    }
}

} // namespace tessera
