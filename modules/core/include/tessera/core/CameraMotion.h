#pragma once

#include "tessera/core/AxisDefinition.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

#include <optional>

namespace tessera {

//! What the virtual camera does to a segment's frame.
enum class CameraMoveKind
{
    Zoom,   //!< magnification - 1 (0.15: 15% closer); negative pulls back
    Shake,  //!< jitter, as a fraction of the frame's width, in a direction that wanders
    Rotate, //!< degrees, counter-clockwise
    PanX,   //!< a fraction of the frame's width, to the right
    PanY,   //!< a fraction of the frame's height, downwards
};
inline constexpr CameraMoveKind kCameraMoveKinds[] = {
    CameraMoveKind::Zoom, CameraMoveKind::Shake, CameraMoveKind::Rotate, CameraMoveKind::PanX, CameraMoveKind::PanY};
QString cameraMoveKindName(CameraMoveKind kind); //!< "zoom", "shake", "rotate", "pan-x", "pan-y"
std::optional<CameraMoveKind> cameraMoveKindFromName(const QString& name);

//! One move of the camera, driven by the music exactly as a grid axis is: the axis's playback
//! part (feature, source, range, curve, attack, release) gives a position in [0, 1] at each
//! instant, and the move's amount is `axis.from` at position 0 and `axis.to` at 1. So a kick that
//! drives feature=onset with from 0 to 0.15 pulses the zoom by 15%.
struct CameraMove
{
    CameraMoveKind kind = CameraMoveKind::Zoom;
    AxisDefinition axis; //!< variation and term unused

    //! The move's amount at an axis position.
    double amountAt(double position) const { return axis.from + (axis.to - axis.from) * position; }
    //! Does something: an amount other than zero somewhere in its range.
    bool isActive() const { return axis.from != 0.0 || axis.to != 0.0; }
    friend bool operator==(const CameraMove& a, const CameraMove& b) { return a.kind == b.kind && a.axis == b.axis; }
};

//! A segment's camera: at most one move of each kind, applied together to its frame.
struct CameraMotion
{
    QVector<CameraMove> moves;

    bool isStill() const;
    //! The move of a kind, or nullptr.
    const CameraMove* move(CameraMoveKind kind) const;
    //! Replaces the move of its kind (an inactive move removes it).
    void setMove(const CameraMove& move);

    QJsonObject toJson() const;
    //! Reads what toJson wrote; an unknown kind or malformed axis gives std::nullopt and *error.
    static std::optional<CameraMotion> fromJson(const QJsonObject& json, QString* error = nullptr);
    friend bool operator==(const CameraMotion& a, const CameraMotion& b) { return a.moves == b.moves; }
    friend bool operator!=(const CameraMotion& a, const CameraMotion& b) { return !(a == b); }
};

// A camera move as one line of text, for the command line:
//
//   SPEC := KIND ":" FROM ":" TO [":" OPTION]...   KIND: zoom, shake, rotate, pan-x or pan-y
//         | KIND ":none"                            removes the move
//
// with the axis OPTIONs (feature=, source=, curve=, range=, attack=, release=; AxisSpec.h), e.g.
// "zoom:0:0.15:feature=onset:attack=0:release=120" pulses the zoom 15% on every onset.

//! Parses a move SPEC; std::nullopt with the reason in *error when it is malformed. A ":none"
//! spec gives an inactive move of its kind (setMove removes it).
std::optional<CameraMove> parseCameraMoveSpec(const QString& spec, QString* error = nullptr);
//! The canonical SPEC of a move: parseCameraMoveSpec(cameraMoveSpecText(m)) gives m back.
QString cameraMoveSpecText(const CameraMove& move);

} // namespace tessera
