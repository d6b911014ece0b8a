#include "tessera/studio/GradeModel.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/CatalogCommand.h"
#include "tessera/core/Error.h"
#include "tessera/project/ExposureMatching.h"
#include "tessera/studio/EditHistory.h"

#include <cmath>

namespace tessera {

GradeModel::GradeModel(Catalog& catalog, EditHistory& history, QObject* parent)
    : QObject(parent)
    , m_catalog(catalog)
    , m_history(history)
{
}

qint64 GradeModel::ownerId() const
{
    switch (m_scope) {
    case GradeScope::Project:
        return 0;
    case GradeScope::Segment:
        return m_segmentId;
    case GradeScope::Cell:
        return m_cellId;
    }
    return 0;
}

bool GradeModel::canEdit() const
{
    return m_scope == GradeScope::Project || ownerId() != 0;
}

Grade GradeModel::grade() const
{
    if (!canEdit())
        return {};
    return m_catalog.grade(m_scope, ownerId());
}

Grade GradeModel::effectiveGrade() const
{
    return m_cellId ? m_catalog.effectiveGrade(m_cellId) : Grade{};
}

int GradeModel::segmentNumber() const
{
    const QVector<Segment> segments = m_catalog.segments();
    for (int i = 0; i < segments.size(); ++i) {
        if (segments[i].id == m_segmentId)
            return i + 1;
    }
    return 0;
}

QString GradeModel::scopeLabel() const
{
    switch (m_scope) {
    case GradeScope::Project:
        return tr("Project");
    case GradeScope::Segment:
        return m_segmentId ? tr("Segment %1").arg(segmentNumber()) : tr("No segment selected");
    case GradeScope::Cell:
        if (const auto cell = m_cellId ? m_catalog.cellById(m_cellId) : std::nullopt)
            return tr("Cell %1,%2 of segment %3").arg(cell->index.row).arg(cell->index.col).arg(segmentNumber());
        return tr("No cell selected");
    }
    return {};
}

void GradeModel::setScope(GradeScope scope)
{
    if (scope == m_scope)
        return;
    m_scope = scope;
    Q_EMIT changed();
}

void GradeModel::setSegment(qint64 segmentId)
{
    if (segmentId == m_segmentId)
        return;
    m_segmentId = segmentId;
    m_cellId = 0; // a cell belongs to its segment
    Q_EMIT changed();
}

void GradeModel::setCell(qint64 cellId)
{
    if (cellId == m_cellId)
        return;
    m_cellId = cellId;
    Q_EMIT changed();
}

bool GradeModel::setGrade(const Grade& grade)
{
    if (!canEdit()) {
        Q_EMIT errorOccurred(tr("%1: select what to grade first").arg(m_catalog.path()));
        return false;
    }
    if (grade == this->grade())
        return true; // no empty undo steps
    if (!m_history.execute(makeSetGradeCommand(m_scope, ownerId(), grade)))
        return false; // EditHistory reported why
    Q_EMIT changed();
    return true;
}

bool GradeModel::setExposureStops(double stops)
{
    Grade next = grade();
    next.exposureStops = stops;
    return setGrade(next);
}

bool GradeModel::setGamma(double gamma)
{
    Grade next = grade();
    next.gamma = gamma;
    return setGrade(next);
}

bool GradeModel::setSaturation(double saturation)
{
    Grade next = grade();
    next.saturation = saturation;
    return setGrade(next);
}

bool GradeModel::resetGrade()
{
    return setGrade(Grade{});
}

bool GradeModel::matchExposure()
{
    const auto segment = m_segmentId ? m_catalog.segment(m_segmentId) : std::nullopt;
    if (!segment) {
        Q_EMIT errorOccurred(tr("%1: select a segment to match its grid's exposure").arg(m_catalog.path()));
        return false;
    }
    try {
        SegmentExposureMatch plan = planExposureMatch(m_catalog, *segment, tr("segment %1").arg(segmentNumber()));
        double largest = 0.0;
        for (double offset : plan.match.offsetStops)
            largest = std::max(largest, std::abs(offset));
        const int cells = int(plan.cells.size());
        if (!m_history.execute(std::move(plan.command)))
            return false;
        Q_EMIT reported(tr("Matched the exposure of %n cell(s); the largest correction is %1 stops", nullptr, cells)
                            .arg(largest, 0, 'f', 2));
        Q_EMIT changed();
        return true;
    } catch (const Error& error) {
        Q_EMIT errorOccurred(error.message());
        return false;
    }
}

void GradeModel::reload()
{
    if (m_cellId && !m_catalog.cellById(m_cellId))
        m_cellId = 0; // removed by an undo or a grid change
    Q_EMIT changed();
}

} // namespace tessera
