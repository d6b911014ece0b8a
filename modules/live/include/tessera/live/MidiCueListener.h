#pragma once

#include "tessera/live/ShowCue.h"

#include <QObject>
#include <QStringList>

namespace tessera {

//! Receives show cues as MIDI (RtMidi: the ALSA sequencer, else JACK): a pad's note or a program
//! change picks a segment, as MidiCueMap says. It opens a port of its own ("Tessera cues") that
//! any controller or sequencer can be connected to, and connects to a source by name when asked.
//! Messages arrive on RtMidi's thread and are delivered as cueReceived on this object's thread.
class MidiCueListener : public QObject
{
    Q_OBJECT
public:
    //! connectTo: part of a MIDI source's name to connect to as well (empty: none). Throws
    //! LiveError when no MIDI system can be reached or no source matches connectTo.
    explicit MidiCueListener(const MidiCueMap& map, const QString& connectTo = {}, QObject* parent = nullptr);
    ~MidiCueListener() override;

    //! The MIDI system in use ("ALSA", "JACK") and this listener's own port's name there.
    QString system() const;
    QString portName() const;
    //! The sources the system offers (to connect to by name).
    QStringList sources() const;

Q_SIGNALS:
    void cueReceived(tessera::ShowCue cue);

private:
    struct Private;
    Private* d;
};

} // namespace tessera
