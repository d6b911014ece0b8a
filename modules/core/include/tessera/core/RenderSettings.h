#pragma once

#include <QJsonObject>
#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace tessera {

//! How a cell's image is placed in a frame of another aspect ratio.
enum class FrameFit {
    Fill, //!< cover the whole frame, cropping the overflow (no bars)
    Fit,  //!< show the whole image, with black bars where the aspects differ
};

//! Burned-in lyrics: the current line, with the current word highlighted when words are timed.
struct CaptionStyle
{
    bool enabled = false;
    QString fontFamily = QStringLiteral("DejaVu Sans");
    double sizeFraction = 0.055;   //!< text height as a fraction of the frame height
    double bottomFraction = 0.08;  //!< baseline distance from the bottom, fraction of the height
    QString textColor = QStringLiteral("#ffffff");
    QString highlightColor = QStringLiteral("#ffd23f");
    QString outlineColor = QStringLiteral("#000000");
    friend bool operator==(const CaptionStyle& a, const CaptionStyle& b);
    friend bool operator!=(const CaptionStyle& a, const CaptionStyle& b) { return !(a == b); }
};

//! What the compositor needs beyond the timeline: placement, the video's display transform and
//! captions. Shared by the studio's preview and the exporter, so both render the same frame.
struct RenderSettings
{
    FrameFit fit = FrameFit::Fill;
    //! The display the video is encoded for; empty means Rec.709 video (the config's
    //! "Rec.1886 Rec.709" display when it has one, else the project's display).
    QString videoDisplay;
    QString videoView; //!< empty means the project's view, else the display's default
    CaptionStyle captions;
    //! The super-resolution network (ESRGAN) that enlarges cells smaller than the frame, once per
    //! version, before the compositor scales them: "slim", "medium" or "thick" (upscaleNetworks();
    //! slower and sharper in that order), empty for plain resampling only.
    QString upscale;

    //! The networks upscale takes.
    static const QStringList& upscaleNetworks();
    //! The upscale factor (2, 3, 4 or 8: what the ESRGAN models offer) that makes a cell of size
    //! `cell` cover a frame of size `frame` (fill): the smallest that does, else 8. 0 when the cell
    //! already covers the frame.
    static int upscaleFactorFor(QSize cell, QSize frame);

    //! Empty when valid, else the first problem in words.
    QString validationError() const;
    QJsonObject toJson() const;
    //! Reads what toJson wrote; missing keys keep their defaults, bad values give a reason.
    static RenderSettings fromJson(const QJsonObject& json, QString* error = nullptr);
    friend bool operator==(const RenderSettings& a, const RenderSettings& b);
    friend bool operator!=(const RenderSettings& a, const RenderSettings& b) { return !(a == b); }
};

QString frameFitName(FrameFit fit);
std::optional<FrameFit> frameFitFromName(const QString& name);

} // namespace tessera
