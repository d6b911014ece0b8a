#include "tessera/project/PromptEditCommands.h"

#include "tessera/catalog/Catalog.h"

#include <QCoreApplication>
#include <QDateTime>

namespace tessera {

namespace {

// Keystrokes closer together than this are one edit for undo; a pause starts a new step.
constexpr qint64 kMergeWindowMs = 2000;

int mergeIdOf(int base, int field)
{
    return 0x50450000 + base * 16 + field; // unique among the studio's commands ("PE")
}

} // namespace

SegmentPromptSettings promptSettingsOf(const Segment& segment)
{
    return {segment.prompt, segment.seed, segment.grid, segment.axisX, segment.axisY, segment.transition.cellBlend, segment.camera};
}

SetSegmentPromptCommand::SetSegmentPromptCommand(qint64 segmentId, int segmentNumber, Field field,
    SegmentPromptSettings before, SegmentPromptSettings after, GridShrink shrink)
    : m_segmentId(segmentId)
    , m_segmentNumber(segmentNumber)
    , m_field(field)
    , m_shrink(shrink)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_madeAtMs(QDateTime::currentMSecsSinceEpoch())
{
}

QString SetSegmentPromptCommand::text() const
{
    switch (m_field) {
    case Field::Prompt:
        return tr("Edit prompt of segment %1").arg(m_segmentNumber);
    case Field::Seed:
        return tr("Set seed of segment %1 to %2").arg(m_segmentNumber).arg(m_after.seed);
    case Field::Grid:
        return tr("Set grid of segment %1 to %2 x %3").arg(m_segmentNumber).arg(m_after.grid.rows()).arg(m_after.grid.cols());
    case Field::AxisX:
        return tr("Edit X axis of segment %1").arg(m_segmentNumber);
    case Field::AxisY:
        return tr("Edit Y axis of segment %1").arg(m_segmentNumber);
    case Field::Camera:
        return tr("Edit camera of segment %1").arg(m_segmentNumber);
    case Field::CellBlend:
        return m_after.cellBlend == CellBlend::Morph ? tr("Morph between the cells of segment %1").arg(m_segmentNumber)
                                                     : tr("Dissolve between the cells of segment %1").arg(m_segmentNumber);
    }
    return {};
}

void SetSegmentPromptCommand::redo(Catalog& catalog)
{
    write(catalog, m_after);
}

void SetSegmentPromptCommand::undo(Catalog& catalog)
{
    write(catalog, m_before);
}

void SetSegmentPromptCommand::write(Catalog& catalog, const SegmentPromptSettings& settings) const
{
    catalog.transact([&] {
        std::optional<Segment> segment = catalog.segment(m_segmentId);
        if (!segment)
            throw CatalogError(catalog.path(), tr("segment %1 no longer exists").arg(m_segmentNumber));
        if (settings.grid != segment->grid && m_shrink == GridShrink::Refuse) {
            // Cells outside a smaller grid are deleted with their versions: never silently.
            int generated = 0;
            for (const Cell& cell : catalog.cells(m_segmentId))
                if (!settings.grid.contains(cell.index) && !catalog.versions(cell.id).isEmpty())
                    ++generated;
            if (generated > 0)
                throw CatalogError(catalog.path(),
                    tr("a %1 x %2 grid would delete %n generated cell(s) of segment %3; reject or regenerate them "
                       "in the grid browser first",
                        nullptr, generated)
                        .arg(settings.grid.rows())
                        .arg(settings.grid.cols())
                        .arg(m_segmentNumber));
        }
        segment->prompt = settings.prompt;
        segment->seed = settings.seed;
        segment->grid = settings.grid;
        segment->axisX = settings.axisX;
        segment->axisY = settings.axisY;
        segment->transition.cellBlend = settings.cellBlend;
        segment->camera = settings.camera;
        catalog.updateSegment(*segment);
    });
}

int SetSegmentPromptCommand::mergeId() const
{
    // Only typed fields merge; a seed, grid or axis change is a step of its own... except axes,
    // whose spin boxes fire once per arrow click: those merge too, per axis.
    return m_field == Field::Seed || m_field == Field::Grid || m_field == Field::CellBlend ? -1 : mergeIdOf(1, int(m_field));
}

bool SetSegmentPromptCommand::mergeWith(const CatalogCommand& next)
{
    const auto* other = dynamic_cast<const SetSegmentPromptCommand*>(&next);
    if (!other || other->m_segmentId != m_segmentId || other->m_field != m_field
        || other->m_madeAtMs - m_madeAtMs > kMergeWindowMs)
        return false;
    m_after = other->m_after;
    m_madeAtMs = other->m_madeAtMs;
    return true;
}

SetProjectPromptCommand::SetProjectPromptCommand(Field field, QString before, QString after)
    : m_field(field)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_madeAtMs(QDateTime::currentMSecsSinceEpoch())
{
}

QString SetProjectPromptCommand::text() const
{
    return m_field == Field::Style ? tr("Edit style prompt") : tr("Edit negative prompt");
}

void SetProjectPromptCommand::redo(Catalog& catalog)
{
    write(catalog, m_after);
}

void SetProjectPromptCommand::undo(Catalog& catalog)
{
    write(catalog, m_before);
}

void SetProjectPromptCommand::write(Catalog& catalog, const QString& value) const
{
    ProjectSettings settings = catalog.settings();
    (m_field == Field::Style ? settings.stylePrompt : settings.negativePrompt) = value;
    catalog.setSettings(settings);
}

int SetProjectPromptCommand::mergeId() const
{
    return mergeIdOf(2, int(m_field));
}

bool SetProjectPromptCommand::mergeWith(const CatalogCommand& next)
{
    const auto* other = dynamic_cast<const SetProjectPromptCommand*>(&next);
    if (!other || other->m_field != m_field || other->m_madeAtMs - m_madeAtMs > kMergeWindowMs)
        return false;
    m_after = other->m_after;
    m_madeAtMs = other->m_madeAtMs;
    return true;
}

} // namespace tessera
