#include "tessera/live/OscCueListener.h"

#include "tessera/live/LiveError.h"

#include <QMetaObject>

#include <lo/lo.h>

namespace tessera {

namespace {

//! liblo reports why a server could not start through a handler without user data; the
//! constructor reads it on the same thread right after.
thread_local QString lastLibloError;

void recordLibloError(int number, const char* message, const char* where)
{
    lastLibloError = QStringLiteral("%1 (liblo error %2%3)")
                         .arg(QString::fromUtf8(message ? message : "unknown error"))
                         .arg(number)
                         .arg(where ? QStringLiteral(" at ") + QString::fromUtf8(where) : QString());
}

std::optional<double> firstNumber(const char* types, lo_arg** argv, int argc)
{
    if (argc < 1 || !types)
        return std::nullopt;
    switch (types[0]) {
    case LO_INT32:
        return double(argv[0]->i);
    case LO_FLOAT:
        return double(argv[0]->f);
    case LO_DOUBLE:
        return argv[0]->d;
    case LO_INT64:
        return double(argv[0]->h);
    default:
        return std::nullopt;
    }
}

} // namespace

struct OscCueListener::Private
{
    lo_server_thread server = nullptr;
};

OscCueListener::OscCueListener(int port, QObject* parent)
    : QObject(parent)
    , d(new Private)
{
    const QByteArray portText = QByteArray::number(port);
    lastLibloError.clear();
    d->server = lo_server_thread_new_with_proto(port > 0 ? portText.constData() : nullptr, LO_UDP, recordLibloError);
    if (!d->server) {
        delete d;
        throw LiveError(QStringLiteral("OSC port %1").arg(port),
            QStringLiteral("cannot listen for cues: %1").arg(lastLibloError.isEmpty() ? QStringLiteral("liblo refused") : lastLibloError));
    }
    lo_server_thread_add_method(d->server, nullptr, nullptr,
        [](const char* path, const char* types, lo_arg** argv, int argc, lo_message, void* user) -> int {
            auto* self = static_cast<OscCueListener*>(user);
            const QString address = QString::fromUtf8(path);
            const std::optional<ShowCue> cue = showCueFromOsc(address, firstNumber(types, argv, argc));
            // Delivered on the listener's thread; dropped if it is gone by then.
            if (cue)
                QMetaObject::invokeMethod(self, [self, cue] { Q_EMIT self->cueReceived(*cue); }, Qt::QueuedConnection);
            else if (address.startsWith(QLatin1String("/tessera/")))
                QMetaObject::invokeMethod(self, [self, address] { Q_EMIT self->unknownMessage(address); }, Qt::QueuedConnection);
            return 0;
        },
        this);
    lo_server_thread_start(d->server);
}

OscCueListener::~OscCueListener()
{
    lo_server_thread_free(d->server); // stops its thread first
    delete d;
}

int OscCueListener::port() const
{
    return lo_server_thread_get_port(d->server);
}

} // namespace tessera
