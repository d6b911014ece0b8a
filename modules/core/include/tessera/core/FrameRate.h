#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace tessera {

//! A video frame rate as an exact rational (30000/1001, not 29.97): every frame time and the
//! video's length are derived from it, so long exports never drift against the audio.
struct FrameRate
{
    int numerator = 30;
    int denominator = 1;

    double fps() const { return denominator > 0 ? double(numerator) / denominator : 0.0; }
    double framesPerSecond() const { return fps(); }
    bool isValid() const { return numerator > 0 && denominator > 0; }
    //! The time of frame `index`, index * denominator / numerator seconds from the start.
    double secondsAt(qint64 index) const;
    //! The first frame shown at or after `seconds` (ceil(seconds * rate)).
    qint64 firstFrameAtOrAfter(double seconds) const;
    //! Empty when usable (1 to 240 frames per second), else the problem in words.
    QString validationError() const;
    //! "30" for whole rates, else "30000/1001".
    QString toString() const;
    //! Reads "25", "30000/1001", and the usual decimal NTSC rates "23.976", "29.97", "59.94".
    static std::optional<FrameRate> fromString(const QString& text);
    friend bool operator==(const FrameRate& a, const FrameRate& b)
    {
        return qint64(a.numerator) * b.denominator == qint64(b.numerator) * a.denominator;
    }
    friend bool operator!=(const FrameRate& a, const FrameRate& b) { return !(a == b); }
};

} // namespace tessera
