#include "tessera/live/MidiCueListener.h"

#include "tessera/live/LiveError.h"

#include <QMetaObject>

#include <rtmidi/RtMidi.h>

#include <memory>

namespace tessera {

namespace {

const char* kClientName = "Tessera";
const char* kPortName = "Tessera cues";

} // namespace

struct MidiCueListener::Private
{
    std::unique_ptr<RtMidiIn> own;       //!< the port others connect to
    std::unique_ptr<RtMidiIn> connected; //!< connected to a source by name, when asked
    RtMidi::Api api = RtMidi::UNSPECIFIED;
    MidiCueMap map;
};

MidiCueListener::MidiCueListener(const MidiCueMap& map, const QString& connectTo, QObject* parent)
    : QObject(parent)
    , d(new Private)
{
    d->map = map;
    const auto deliver = [](double, std::vector<unsigned char>* message, void* user) {
        auto* self = static_cast<MidiCueListener*>(user);
        const std::optional<ShowCue> cue = showCueFromMidi(message->data(), message->size(), self->d->map);
        if (cue)
            QMetaObject::invokeMethod(self, [self, cue] { Q_EMIT self->cueReceived(*cue); }, Qt::QueuedConnection);
    };
    // The first compiled system that opens a port: ALSA's sequencer where the kernel has it,
    // else a running JACK server. RtMidi's own choice would settle on ALSA and fail there.
    std::vector<RtMidi::Api> apis;
    RtMidi::getCompiledApi(apis);
    QStringList failures;
    for (const RtMidi::Api api : apis) {
        if (api == RtMidi::RTMIDI_DUMMY)
            continue;
        try {
            auto in = std::make_unique<RtMidiIn>(api, kClientName);
            in->openVirtualPort(kPortName);
            in->setCallback(deliver, this);
            d->own = std::move(in);
            d->api = api;
            break;
        } catch (const RtMidiError& error) {
            failures << QStringLiteral("%1: %2").arg(QString::fromStdString(RtMidi::getApiDisplayName(api)),
                QString::fromStdString(error.getMessage()));
        }
    }
    if (!d->own) {
        delete d;
        throw LiveError(QStringLiteral("MIDI"), QStringLiteral("no MIDI system to listen on: load the ALSA sequencer (modprobe snd-seq) or start a "
                                                              "JACK server (%1)").arg(failures.join(QStringLiteral("; "))));
    }
    if (connectTo.isEmpty())
        return;
    try {
        auto in = std::make_unique<RtMidiIn>(d->api, kClientName);
        for (unsigned int i = 0; i < in->getPortCount(); ++i) {
            const QString name = QString::fromStdString(in->getPortName(i));
            if (name.contains(connectTo, Qt::CaseInsensitive) && !name.contains(QLatin1String(kPortName))) {
                in->openPort(i, "Tessera in");
                in->setCallback(deliver, this);
                d->connected = std::move(in);
                return;
            }
        }
    } catch (const RtMidiError& error) {
        const QString systemName = system();
        delete d;
        throw LiveError(connectTo, QStringLiteral("cannot connect to this MIDI source (%1: %2)")
                                       .arg(systemName, QString::fromStdString(error.getMessage())));
    }
    const QString offered = sources().join(QStringLiteral(", "));
    delete d;
    throw LiveError(connectTo, QStringLiteral("no MIDI source has this name (offered: %1)")
                                   .arg(offered.isEmpty() ? QStringLiteral("none") : offered));
}

MidiCueListener::~MidiCueListener()
{
    delete d; // closes the ports, which stops RtMidi's thread before this object goes
}

QString MidiCueListener::system() const
{
    return QString::fromStdString(RtMidi::getApiDisplayName(d->api));
}

QString MidiCueListener::portName() const
{
    return QString::fromLatin1(kPortName);
}

QStringList MidiCueListener::sources() const
{
    QStringList names;
    for (unsigned int i = 0; i < d->own->getPortCount(); ++i) {
        const QString name = QString::fromStdString(d->own->getPortName(i));
        if (!name.contains(QLatin1String(kPortName)))
            names << name;
    }
    return names;
}

} // namespace tessera
