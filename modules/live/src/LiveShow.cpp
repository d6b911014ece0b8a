#include "tessera/live/LiveShow.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tessera {

namespace {

constexpr std::array<AudioFeature, 6> kFeatures{AudioFeature::Rms, AudioFeature::LowBand, AudioFeature::MidBand,
    AudioFeature::HighBand, AudioFeature::Onset, AudioFeature::Centroid};

//! One driven thing of a segment (an axis or a camera move): its definition and its envelope.
struct DrivenAxis
{
    AxisDefinition axis;
    EnvelopeFollower follower;

    explicit DrivenAxis(const AxisDefinition& definition)
        : axis(definition)
        , follower(AnalysisParameters::kFrameRateHz, definition.attackMs, definition.releaseMs)
    {
    }
    double position = 0.5; //!< an axis no feature drives holds its centre, as AxisMotion's does

    //! Steps with this frame's normalised features, as AxisMotion steps through the song's; a
    //! feature without a value yet (the first spectral window filling) leaves it where it is.
    double step(const LiveFeatureFrame& frame, const std::array<float, 7>& normalized)
    {
        if (frame.hasValue(axis.feature))
            position = axis.positionFor(double(follower.step(normalized[size_t(axis.feature)])));
        return position;
    }
};

struct SegmentDrive
{
    std::vector<DrivenAxis> axes; //!< x, y, then the active camera moves
};

} // namespace

struct LiveShow::Private
{
    explicit Private(Composition c)
        : composition(std::move(c))
        , planner(composition)
    {
    }

    Composition composition; // before the planner, which keeps a reference to it
    FramePlanner planner;
    std::vector<RunningFeatureRange> ranges; //!< indexed by AudioFeature
    std::array<float, 7> normalized{};
    std::vector<SegmentDrive> drives;
    QVector<SegmentPositions> positions;

    bool following = false;
    double cueTime = 0.0;        //!< the clock when the timeline was (re)started
    double cueTimeline = 0.0;    //!< the timeline's seconds then
    int held = 0;                //!< the segment held (when not following)
    int previous = -1;           //!< the segment a jump crossfades from, -1 for none
    double jumpTime = 0.0; //!< the clock when the held segment was cued (its words are timed from there)
    double jumpLength = 0.0;

    int segments() const { return int(composition.segments.size()); }
    double timelineAt(double now) const
    {
        if (following)
            return cueTimeline + (now - cueTime);
        return segments() > 0 ? planner.segmentStartSeconds(held) + std::max(0.0, now - jumpTime) : 0.0;
    }
    int followedSegmentAt(double now) const
    {
        const QVector<SegmentLayer> layers = planner.planAt(timelineAt(now));
        return layers.isEmpty() ? -1 : layers.last().segment;
    }
    int currentAt(double now) const
    {
        if (segments() == 0)
            return -1;
        return following ? followedSegmentAt(now) : held;
    }
    void jumpTo(int segment, double now)
    {
        if (segments() == 0)
            return;
        segment = std::clamp(segment, 0, segments() - 1);
        const int from = currentAt(now);
        const double timeline = timelineAt(now);
        following = false;
        if (segment == from) {
            // Held where it is: no crossfade, and its caption's words go on from here.
            if (held != segment || previous >= 0) {
                held = segment;
                previous = -1;
                jumpTime = now - std::max(0.0, timeline - planner.segmentStartSeconds(segment));
            }
            return;
        }
        previous = from;
        held = segment;
        jumpTime = now;
        jumpLength = planner.crossfadeSeconds(segment);
    }
};

LiveShow::LiveShow(Composition composition, const LiveShowOptions& options)
    : d(std::make_unique<Private>(std::move(composition)))
{
    const AudioAnalysis* song = d->composition.analysis(QString());
    const AnalysisParameters parameters = song ? song->parameters : AnalysisParameters();
    for (size_t f = 0; f < d->normalized.size(); ++f) {
        std::optional<RunningFeatureRange::Range> seed;
        const auto feature = AudioFeature(f);
        if (song && feature != AudioFeature::None && !song->curve(feature).isEmpty())
            seed = RunningFeatureRange::Range{song->curve(feature).floor(), song->curve(feature).ceiling()};
        const double warmup = options.keepSongRanges && seed ? std::numeric_limits<double>::infinity() : options.warmupSeconds;
        d->ranges.emplace_back(parameters, options.rangeSeconds, warmup, seed);
    }
    for (const CompositionSegment& entry : d->composition.segments) {
        SegmentDrive drive;
        drive.axes.emplace_back(entry.segment.axisX);
        drive.axes.emplace_back(entry.segment.axisY);
        for (const CameraMove& move : entry.segment.camera.moves)
            if (move.isActive())
                drive.axes.emplace_back(move.axis);
        d->drives.push_back(std::move(drive));
        SegmentPositions positions;
        positions.camera.resize(int(d->drives.back().axes.size()) - 2);
        std::fill(positions.camera.begin(), positions.camera.end(), 0.5);
        d->positions.append(positions);
    }
}

LiveShow::~LiveShow() = default;

void LiveShow::addFeatures(const LiveFeatureFrame& frame)
{
    for (const AudioFeature feature : kFeatures)
        if (frame.hasValue(feature))
            d->normalized[size_t(feature)] = d->ranges[size_t(feature)].add(frame.value(feature));
    for (size_t s = 0; s < d->drives.size(); ++s) {
        std::vector<DrivenAxis>& axes = d->drives[s].axes;
        SegmentPositions& positions = d->positions[int(s)];
        positions.x = axes[0].step(frame, d->normalized);
        positions.y = axes[1].step(frame, d->normalized);
        for (size_t m = 2; m < axes.size(); ++m)
            positions.camera[int(m - 2)] = axes[m].step(frame, d->normalized);
    }
}

void LiveShow::apply(const ShowCue& cue, double now)
{
    const int segments = d->segments();
    if (segments == 0)
        return;
    const int current = d->currentAt(now);
    switch (cue.kind) {
    case ShowCue::Kind::Start:
        d->following = true;
        d->previous = -1;
        d->cueTime = now;
        d->cueTimeline = d->planner.segmentStartSeconds(std::max(0, current));
        break;
    case ShowCue::Kind::Stop:
        d->jumpTo(current, now);
        break;
    case ShowCue::Kind::Next:
    case ShowCue::Kind::Previous: {
        const int target = std::clamp(current + (cue.kind == ShowCue::Kind::Next ? 1 : -1), 0, segments - 1);
        if (d->following) {
            d->cueTime = now;
            d->cueTimeline = d->planner.segmentStartSeconds(target);
        } else {
            d->jumpTo(target, now);
        }
        break;
    }
    case ShowCue::Kind::Segment:
        if (cue.value >= 0.0 && cue.value < segments)
            d->jumpTo(int(cue.value), now);
        break;
    case ShowCue::Kind::Nudge:
        if (d->following)
            d->cueTimeline += cue.value;
        break;
    }
}

QVector<SegmentLayer> LiveShow::planAt(double now) const
{
    if (d->segments() == 0)
        return {};
    const double timeline = d->timelineAt(now);
    QVector<SegmentLayer> layers;
    if (d->following) {
        for (const SegmentLayer& planned : d->planner.planAt(timeline))
            layers.append(d->planner.layerFor(planned.segment, d->positions[planned.segment], timeline, planned.weight));
        return layers;
    }
    const double elapsed = now - d->jumpTime;
    if (d->previous >= 0 && d->jumpLength > 0.0 && elapsed < d->jumpLength) {
        const double incoming = crossfadeShare(elapsed / d->jumpLength);
        layers.append(d->planner.layerFor(d->previous, d->positions[d->previous], timeline, 1.0 - incoming));
        layers.append(d->planner.layerFor(d->held, d->positions[d->held], timeline, incoming));
        return layers;
    }
    layers.append(d->planner.layerFor(d->held, d->positions[d->held], timeline, 1.0));
    return layers;
}

int LiveShow::segmentAt(double now) const { return d->currentAt(now); }

int LiveShow::nextSegmentAt(double now) const
{
    const int current = d->currentAt(now);
    return current >= 0 && current + 1 < d->segments() ? current + 1 : -1;
}

bool LiveShow::isFollowing() const { return d->following; }
double LiveShow::timelineSecondsAt(double now) const { return d->timelineAt(now); }

int LiveShow::captionSegmentAt(double now) const
{
    if (d->following)
        return d->planner.captionSegmentAt(d->timelineAt(now));
    return d->segments() > 0 ? d->held : -1;
}

float LiveShow::featureValue(AudioFeature feature) const { return d->normalized[size_t(feature)]; }
RunningFeatureRange::Range LiveShow::featureRange(AudioFeature feature) const { return d->ranges[size_t(feature)].range(); }
const SegmentPositions& LiveShow::positions(int segment) const { return d->positions[segment]; }
const Composition& LiveShow::composition() const { return d->composition; }
const FramePlanner& LiveShow::planner() const { return d->planner; }

} // namespace tessera
