#include "tessera/timeline/TimelineCommands.h"

#include "tessera/timeline/SegmentDefaults.h"
#include "tessera/timeline/TimelineError.h"
#include "tessera/timeline/TimelineModel.h"

namespace tessera {

namespace {

QString spell(const QVector<TimedWord>& words)
{
    QString text;
    for (const TimedWord& word : words)
        text += word.text;
    return text.trimmed();
}

} // namespace

SplitSegmentCommand::SplitSegmentCommand(TimelineModel& model, int index, qint64 atMs)
    : TimelineCommand(model)
{
    model.requireIndex(index, QStringLiteral("split"));
    const Segment& segment = model.segment(index);
    const qint64 minimum = model.options().minimumLengthMs;
    if (atMs < segment.range.startMs + minimum || atMs > segment.range.endMs - minimum) {
        throw TimelineError(QStringLiteral("cannot split segment %1 at %2: both parts must be at least %3 long "
                                           "(the segment spans %4 to %5)")
                                .arg(index + 1)
                                .arg(formatSongTime(atMs), formatSongTime(minimum), formatSongTime(segment.range.startMs),
                                     formatSongTime(segment.range.endMs)));
    }
    Segment left = segment;
    Segment right = segment;
    left.range.endMs = atMs;
    right.range.startMs = atMs;
    right.id = 0;
    left.words.clear();
    right.words.clear();
    for (const TimedWord& word : segment.words)
        (word.startMs < atMs ? left.words : right.words).append(word);
    if (!left.words.isEmpty() && !right.words.isEmpty()) {
        left.lyric = spell(left.words);
        right.lyric = spell(right.words);
        if (hasDerivedPrompt(segment)) {
            left.prompt = promptFromLyric(left.lyric);
            right.prompt = promptFromLyric(right.lyric);
        }
    }
    right.seed = deriveSeed(right.lyric, atMs);
    setEdit(index, 1, {left, right}, QStringLiteral("Split segment %1 at %2").arg(index + 1).arg(formatSongTime(atMs)));
}

MergeSegmentsCommand::MergeSegmentsCommand(TimelineModel& model, int index)
    : TimelineCommand(model)
{
    model.requireIndex(index, QStringLiteral("merge"));
    if (index + 1 >= model.count())
        throw TimelineError(QStringLiteral("cannot merge segment %1 with the next: it is the last").arg(index + 1));
    const Segment& first = model.segment(index);
    const Segment& second = model.segment(index + 1);
    const Segment& survivor = first.isInstrumental() && !second.isInstrumental() ? second : first;
    Segment merged = survivor;
    merged.range = {first.range.startMs, second.range.endMs};
    QStringList lyrics;
    for (const Segment* part : {&first, &second}) {
        if (!part->isInstrumental())
            lyrics << part->lyric;
    }
    merged.lyric = lyrics.join(QLatin1Char('\n'));
    merged.words = first.words + second.words;
    if (hasDerivedPrompt(survivor))
        merged.prompt = promptFromLyric(merged.lyric);
    setEdit(index, 2, {merged}, QStringLiteral("Merge segments %1 and %2").arg(index + 1).arg(index + 2));
}

} // namespace tessera
