#pragma once

#include "tessera/audio/LiveFeatureAnalyzer.h"
#include "tessera/audio/RunningFeatureRange.h"
#include "tessera/live/ShowCue.h"
#include "tessera/render/Composition.h"
#include "tessera/render/FramePlan.h"

#include <array>
#include <memory>

namespace tessera {

//! How a show normalises its input's features.
struct LiveShowOptions
{
    //! Each feature maps to 0..1 by the percentiles of the last rangeSeconds heard (as a song's
    //! curve maps by the whole song's), after warmupSeconds; until then by the song's own range.
    double rangeSeconds = 60.0;
    double warmupSeconds = 5.0;
    //! Keep the song's ranges throughout: for a show that plays the project's own song.
    bool keepSongRanges = false;
};

//! What a live show puts on screen: the project's segments, their axes and camera moves driven by
//! an input's live features exactly as the song's features drive them offline (the same
//! normalisation, the same attack/release), and which segment plays: the timeline followed from a
//! start cue, or segments jumped to by cues, crossfaded as the timeline crossfades them. Pure
//! state over a clock the caller gives (seconds, any origin), so tests drive it frame by frame.
class LiveShow
{
public:
    explicit LiveShow(Composition composition, const LiveShowOptions& options = {});
    ~LiveShow();
    LiveShow(const LiveShow&) = delete;
    LiveShow& operator=(const LiveShow&) = delete;

    //! One frame of the input's features: normalises them and moves every segment's axes.
    void addFeatures(const LiveFeatureFrame& frame);
    //! Acts on a cue at the instant now.
    void apply(const ShowCue& cue, double now);

    //! The layers of the frame at now, ready for FrameCompositor::frameFor.
    QVector<SegmentLayer> planAt(double now) const;
    //! The segment on screen at now (the incoming one while a crossfade runs), -1 without segments.
    int segmentAt(double now) const;
    //! The segment that plays after it (the timeline's next, or the next one down the list).
    int nextSegmentAt(double now) const;
    //! Whether the timeline is being followed (else a segment is held).
    bool isFollowing() const;
    //! Where the followed timeline stands at now, in the song's seconds; for a held segment, its
    //! start plus the time held (so its caption's words advance).
    double timelineSecondsAt(double now) const;
    //! The segment whose caption shows at now, or -1.
    int captionSegmentAt(double now) const;

    //! The newest normalised value of a feature (0..1) and its range, for meters.
    float featureValue(AudioFeature feature) const;
    RunningFeatureRange::Range featureRange(AudioFeature feature) const;
    //! Where a segment's axes and camera moves stand now.
    const SegmentPositions& positions(int segment) const;
    const Composition& composition() const;
    const FramePlanner& planner() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace tessera
