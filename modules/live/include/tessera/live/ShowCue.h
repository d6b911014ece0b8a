#pragma once

#include <QString>

#include <optional>

namespace tessera {

//! One instruction to a live show, from a key, a MIDI message or an OSC message.
struct ShowCue
{
    enum class Kind
    {
        Start,    //!< follow the timeline from the current segment's start, now
        Stop,     //!< hold the segment on screen, the timeline stopped
        Next,     //!< the next segment
        Previous, //!< the previous segment
        Segment,  //!< the segment numbered value (0-based), holding it
        Nudge,    //!< move the followed timeline by value seconds (positive: later)
    };
    Kind kind = Kind::Start;
    double value = 0.0;

    static ShowCue segment(int index) { return {Kind::Segment, double(index)}; }
    static ShowCue nudge(double seconds) { return {Kind::Nudge, seconds}; }
    friend bool operator==(const ShowCue& a, const ShowCue& b) { return a.kind == b.kind && a.value == b.value; }
};

//! The cue an OSC message asks for: /tessera/start, /tessera/stop, /tessera/next,
//! /tessera/previous, /tessera/segment N (1-based, as the studio numbers segments; an int or a
//! float) and /tessera/nudge SECONDS. Anything else is nullopt.
std::optional<ShowCue> showCueFromOsc(const QString& path, const std::optional<double>& argument);

//! What the MIDI cues listen to: a note-on of baseNote + N, or a program change N, picks segment
//! N + 1 (as the studio numbers them), on channel (1-16; 0: any).
struct MidiCueMap
{
    int baseNote = 36; //!< C1 in MIDI's numbering (C2 on some keyboards), the first pad of most controllers
    int channel = 0;
};

//! The cue one MIDI message (status byte first) asks for under map, or nullopt.
std::optional<ShowCue> showCueFromMidi(const unsigned char* message, size_t size, const MidiCueMap& map);

} // namespace tessera
