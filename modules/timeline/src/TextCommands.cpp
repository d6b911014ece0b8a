#include "tessera/timeline/TimelineCommands.h"

#include "tessera/timeline/SegmentDefaults.h"
#include "tessera/timeline/TimelineError.h"
#include "tessera/timeline/TimelineModel.h"

namespace tessera {

SetLyricCommand::SetLyricCommand(TimelineModel& model, int index, const QString& lyric)
    : TimelineCommand(model)
{
    model.requireIndex(index, QStringLiteral("change the lyric of"));
    const Segment& current = model.segment(index);
    Segment edited = current;
    edited.lyric = lyric.trimmed();
    if (edited.lyric != current.lyric)
        edited.words.clear();
    if (hasDerivedPrompt(current))
        edited.prompt = promptFromLyric(edited.lyric);
    setEdit(index, 1, {edited}, QStringLiteral("Change lyric of segment %1").arg(index + 1));
}

SetPromptCommand::SetPromptCommand(TimelineModel& model, int index, const QString& prompt)
    : TimelineCommand(model)
{
    model.requireIndex(index, QStringLiteral("change the prompt of"));
    Segment edited = model.segment(index);
    edited.prompt = prompt.trimmed();
    setEdit(index, 1, {edited}, QStringLiteral("Change prompt of segment %1").arg(index + 1));
}

EditSegmentCommand::EditSegmentCommand(TimelineModel& model, int index, const Segment& edited)
    : TimelineCommand(model)
{
    model.requireIndex(index, QStringLiteral("edit"));
    const Segment& current = model.segment(index);
    if (edited.id != current.id || edited.range != current.range) {
        throw TimelineError(QStringLiteral("cannot edit segment %1: its id and time range change only through the "
                                           "timing commands (split, merge, move, snap, retime)")
                                .arg(index + 1));
    }
    if (!edited.grid.isValid()) {
        throw TimelineError(QStringLiteral("cannot edit segment %1: grid %2x%3 is outside 1x1..%4x%4")
                                .arg(index + 1)
                                .arg(edited.grid.rows())
                                .arg(edited.grid.cols())
                                .arg(GridGeometry::kMaxSide));
    }
    setEdit(index, 1, {edited}, QStringLiteral("Edit segment %1").arg(index + 1));
}

} // namespace tessera
