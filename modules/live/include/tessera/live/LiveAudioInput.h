#pragma once

#include "tessera/audio/LiveFeatureAnalyzer.h"

#include <QAudioDevice>
#include <QObject>

#include <functional>
#include <memory>

class QAudioSource;
class QIODevice;

namespace tessera {

//! An audio input device (Qt Multimedia: any device the system offers, a monitor of the
//! system's output included) analysed as it records: each completed 100 Hz feature frame goes to
//! the callback, on this object's thread, as soon as the device delivers its samples.
class LiveAudioInput : public QObject
{
    Q_OBJECT
public:
    using FrameCallback = std::function<void(const LiveFeatureFrame&)>;

    //! Opens and starts device at 44.1 kHz where it offers it (the shortest spectral lag), else
    //! 48 kHz, in float or 16-bit samples. Throws LiveError naming the device when it cannot.
    LiveAudioInput(const QAudioDevice& device, FrameCallback callback, QObject* parent = nullptr);
    ~LiveAudioInput() override;

    QString deviceName() const;
    int sampleRate() const;
    int channels() const;
    const LiveFeatureAnalyzer& analyzer() const;
    //! Feature frames delivered so far.
    qint64 frames() const { return m_frames; }

Q_SIGNALS:
    //! The device stopped delivering ("<device>: <problem>").
    void failed(const QString& message);

private:
    void readAvailable();

    QAudioDevice m_device;
    FrameCallback m_callback;
    std::unique_ptr<LiveFeatureAnalyzer> m_analyzer;
    std::unique_ptr<QAudioSource> m_source;
    QIODevice* m_io = nullptr;
    std::vector<float> m_samples;
    QByteArray m_pending; //!< bytes of an incomplete sample frame
    qint64 m_frames = 0;
};

} // namespace tessera
