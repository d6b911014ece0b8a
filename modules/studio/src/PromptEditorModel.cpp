#include "tessera/studio/PromptEditorModel.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/generation/CellRecipe.h"
#include "tessera/generation/GenerationError.h"
#include "tessera/render/AxisMotion.h"
#include "tessera/render/Composition.h"
#include "tessera/studio/EditHistory.h"
#include "tessera/studio/ProjectComposition.h"

#include <QRandomGenerator>

#include <algorithm>

namespace tessera {

PromptEditorModel::PromptEditorModel(Catalog& catalog, EditHistory& history, ProjectComposition* composition,
    QObject* parent)
    : QObject(parent)
    , m_catalog(catalog)
    , m_history(history)
    , m_composition(composition)
{
    connect(&m_history, &EditHistory::edited, this, &PromptEditorModel::reload);
    connect(&m_history, &EditHistory::errorOccurred, this, &PromptEditorModel::errorOccurred);
    if (m_composition)
        connect(m_composition, &ProjectComposition::loaded, this, &PromptEditorModel::plotsChanged);
    reload();
}

PromptEditorModel::~PromptEditorModel() = default;

SegmentPromptSettings PromptEditorModel::settings() const
{
    return promptSettingsOf(m_segment);
}

QStringList PromptEditorModel::stemNames() const
{
    QStringList names;
    for (const Stem& stem : m_catalog.stems())
        names.append(stem.name);
    return names;
}

QVector<PromptSyntaxError> PromptEditorModel::syntaxErrors(PromptField field) const
{
    return m_errors[int(field)];
}

void PromptEditorModel::setSegment(qint64 segmentId)
{
    m_segment = Segment{};
    m_segment.id = segmentId;
    for (auto& errors : m_errors)
        errors.clear();
    reload();
    Q_EMIT syntaxErrorsChanged();
}

void PromptEditorModel::reload()
{
    try {
        const ProjectSettings project = m_catalog.settings();
        m_style = project.stylePrompt;
        m_negative = project.negativePrompt;
        const qint64 id = m_segment.id;
        m_segment = Segment{};
        m_number = 0;
        if (id != 0) {
            const QVector<Segment> segments = m_catalog.segments();
            for (int i = 0; i < segments.size(); ++i) {
                if (segments[i].id == id) {
                    m_segment = segments[i];
                    m_number = i + 1;
                }
            }
        }
    } catch (const CatalogError& error) {
        Q_EMIT errorOccurred(error.message());
    }
    Q_EMIT changed();
}

bool PromptEditorModel::checkSyntax(PromptField field, const QString& text)
{
    QVector<PromptSyntaxError> errors = checkPromptSyntax(text);
    const bool ok = errors.isEmpty();
    const bool changedErrors = errors.size() != m_errors[int(field)].size()
        || !std::equal(errors.cbegin(), errors.cend(), m_errors[int(field)].cbegin(),
            [](const PromptSyntaxError& a, const PromptSyntaxError& b) {
                return a.position == b.position && a.length == b.length && a.message == b.message;
            });
    m_errors[int(field)] = std::move(errors);
    if (changedErrors)
        Q_EMIT syntaxErrorsChanged();
    return ok;
}

bool PromptEditorModel::setPrompt(const QString& prompt)
{
    if (!hasSegment() || !checkSyntax(PromptField::Segment, prompt))
        return false;
    SegmentPromptSettings after = settings();
    after.prompt = prompt;
    return apply(SetSegmentPromptCommand::Field::Prompt, after);
}

bool PromptEditorModel::setStylePrompt(const QString& prompt)
{
    if (!checkSyntax(PromptField::Style, prompt))
        return false;
    if (prompt == m_style)
        return true;
    return m_history.execute(std::make_unique<SetProjectPromptCommand>(SetProjectPromptCommand::Field::Style, m_style, prompt));
}

bool PromptEditorModel::setNegativePrompt(const QString& prompt)
{
    if (!checkSyntax(PromptField::Negative, prompt))
        return false;
    if (prompt == m_negative)
        return true;
    return m_history.execute(
        std::make_unique<SetProjectPromptCommand>(SetProjectPromptCommand::Field::Negative, m_negative, prompt));
}

bool PromptEditorModel::setSeed(quint32 seed)
{
    SegmentPromptSettings after = settings();
    after.seed = seed;
    return hasSegment() && apply(SetSegmentPromptCommand::Field::Seed, after);
}

bool PromptEditorModel::setCellBlend(CellBlend blend)
{
    SegmentPromptSettings after = settings();
    after.cellBlend = blend;
    return hasSegment() && apply(SetSegmentPromptCommand::Field::CellBlend, after);
}

bool PromptEditorModel::setCameraMove(const CameraMove& move)
{
    SegmentPromptSettings after = settings();
    after.camera.setMove(move);
    return hasSegment() && apply(SetSegmentPromptCommand::Field::Camera, after);
}

bool PromptEditorModel::newSeed()
{
    quint32 seed = m_segment.seed;
    while (seed == m_segment.seed)
        seed = QRandomGenerator::global()->generate();
    return setSeed(seed);
}

bool PromptEditorModel::setGrid(int rows, int cols)
{
    const GridGeometry grid(rows, cols);
    if (!hasSegment())
        return false;
    if (!grid.isValid()) {
        Q_EMIT errorOccurred(tr("%1: a grid has 1 to %2 rows and columns, not %3 x %4")
                                 .arg(m_catalog.path()).arg(GridGeometry::kMaxSide).arg(rows).arg(cols));
        return false;
    }
    SegmentPromptSettings after = settings();
    after.grid = grid;
    return apply(SetSegmentPromptCommand::Field::Grid, after);
}

bool PromptEditorModel::setAxis(GridAxis axis, const AxisDefinition& definition)
{
    if (!hasSegment())
        return false;
    if (!definition.source.isEmpty() && !stemNames().contains(definition.source)) {
        Q_EMIT errorOccurred(tr("%1: the project has no stem \"%2\"").arg(m_catalog.path(), definition.source));
        return false;
    }
    SegmentPromptSettings after = settings();
    (axis == GridAxis::X ? after.axisX : after.axisY) = definition;
    return apply(axis == GridAxis::X ? SetSegmentPromptCommand::Field::AxisX : SetSegmentPromptCommand::Field::AxisY, after);
}

bool PromptEditorModel::apply(SetSegmentPromptCommand::Field field, const SegmentPromptSettings& after)
{
    const SegmentPromptSettings before = settings();
    if (after == before)
        return true;
    // Refuse what no cell could be generated from (both axes blending prompts...), as the CLI does.
    Segment planned = m_segment;
    planned.prompt = after.prompt;
    planned.seed = after.seed;
    planned.grid = after.grid;
    planned.axisX = after.axisX;
    planned.axisY = after.axisY;
    try {
        checkPlannable(planned, m_catalog.settings()); // reads no LoRA file: an edit stays instant
    } catch (const GenerationError& error) {
        Q_EMIT errorOccurred(tr("%1: segment %2: %3").arg(m_catalog.path()).arg(m_number).arg(error.problem()));
        return false;
    }
    return m_history.execute(std::make_unique<SetSegmentPromptCommand>(m_segment.id, m_number, field, before, after));
}

AxisPlotData PromptEditorModel::axisPlot(GridAxis axis, int samples) const
{
    return plotOf(axis == GridAxis::X ? m_segment.axisX : m_segment.axisY, samples);
}

AxisPlotData PromptEditorModel::cameraPlot(CameraMoveKind kind, int samples) const
{
    const CameraMove* move = m_segment.camera.move(kind);
    return move ? plotOf(move->axis, samples) : AxisPlotData{};
}

AxisPlotData PromptEditorModel::plotOf(const AxisDefinition& definition, int samples) const
{
    AxisPlotData plot;
    if (!hasSegment() || samples < 2)
        return plot;
    const std::shared_ptr<const Composition> composition = m_composition ? m_composition->composition() : nullptr;
    // The compositor's own choice of curve (FramePlanner): the axis's source, else the song.
    static const FeatureCurve noCurve;
    const AudioAnalysis* analysis = composition ? composition->analysis(definition.source) : nullptr;
    plot.analysed = analysis != nullptr;
    const AxisMotion motion(definition, analysis ? analysis->curve(definition.feature) : noCurve);
    plot.driven = motion.isDriven();
    const double start = m_segment.range.startMs / 1000.0;
    const double end = m_segment.range.endMs / 1000.0;
    plot.points.reserve(samples);
    for (int i = 0; i < samples; ++i) {
        const double t = start + (end - start) * i / (samples - 1);
        plot.points.append(QPointF(t, motion.positionAt(t)));
    }
    return plot;
}

} // namespace tessera
