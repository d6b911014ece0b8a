#pragma once

#include "tessera/live/ShowCue.h"

#include <QObject>

namespace tessera {

//! Receives show cues as OSC messages over UDP (liblo), so a lighting desk, TouchDesigner or a
//! phone app can drive the show: see showCueFromOsc for the addresses. Messages arrive on
//! liblo's thread and are delivered as cueReceived on this object's thread.
class OscCueListener : public QObject
{
    Q_OBJECT
public:
    //! Listens on port (0: a free one, see port()). Throws LiveError naming the port when it
    //! cannot (in use, not allowed).
    explicit OscCueListener(int port, QObject* parent = nullptr);
    ~OscCueListener() override;

    int port() const;

Q_SIGNALS:
    void cueReceived(tessera::ShowCue cue);
    //! A message under /tessera/ that names no cue (a typo on the desk), for the console.
    void unknownMessage(const QString& path);

private:
    struct Private;
    Private* d;
};

} // namespace tessera
