#pragma once

#include "tessera/core/Segment.h"
#include "tessera/generation/PromptSyntax.h"
#include "tessera/project/PromptEditCommands.h"

#include <QObject>
#include <QPointF>
#include <QVector>

#include <memory>

namespace tessera {

class Catalog;
class EditHistory;
class ProjectComposition;

//! An axis's position over its segment's time, as the compositor will move along it.
struct AxisPlotData
{
    QVector<QPointF> points; //!< (seconds from the song's start, position in [0, 1])
    bool driven = false;     //!< false: no feature drives it (it holds the centre) or no analysis yet
    bool analysed = false;   //!< the song's analysis was available to compute it
};

//! The prompt editor's model: reads the selected segment and the project's global prompts from the
//! catalog and writes every change as an undoable command through EditHistory. Prompts with syntax
//! errors are not written; the errors are kept for the editor to show inline. No widgets here.
class PromptEditorModel : public QObject
{
    Q_OBJECT
public:
    enum class PromptField { Segment, Style, Negative };

    //! composition may be null (no axis plots); it is the one the preview composes from.
    PromptEditorModel(Catalog& catalog, EditHistory& history, ProjectComposition* composition,
        QObject* parent = nullptr);
    ~PromptEditorModel() override;

    qint64 segmentId() const { return m_segment.id; }
    bool hasSegment() const { return m_segment.id != 0; }
    int segmentNumber() const { return m_number; } //!< counting from 1, 0 when none
    const Segment& segment() const { return m_segment; }
    SegmentPromptSettings settings() const;
    QString stylePrompt() const { return m_style; }
    QString negativePrompt() const { return m_negative; }
    QStringList stemNames() const;
    //! The syntax errors of the text last offered for a field (empty when it was written).
    QVector<PromptSyntaxError> syntaxErrors(PromptField field) const;

    //! The axis's position over the segment's time, sampled at `samples` instants from its start
    //! to its end, computed with render's AxisMotion from the composition's analysis exactly as
    //! the compositor does, but with the axis as edited here (before the composition reloads).
    AxisPlotData axisPlot(GridAxis axis, int samples = 200) const;
    //! The same for a camera move's position (empty when the segment has no such move).
    AxisPlotData cameraPlot(CameraMoveKind kind, int samples = 200) const;
    //! The same for any axis over this segment (a camera move not set yet, as edited).
    AxisPlotData plotOf(const AxisDefinition& axis, int samples = 200) const;

public Q_SLOTS:
    //! Shows the segment with this catalog id (0 clears).
    void setSegment(qint64 segmentId);
    //! Re-reads the catalog (after an undo, a redo or a timeline edit).
    void reload();

    //! Each returns true when the edit was written (false: refused, see errorOccurred / syntaxErrors).
    bool setPrompt(const QString& prompt);
    bool setStylePrompt(const QString& prompt);
    bool setNegativePrompt(const QString& prompt);
    bool setSeed(quint32 seed);
    bool newSeed(); //!< a random seed different from the current one
    bool setGrid(int rows, int cols);
    bool setAxis(tessera::GridAxis axis, const tessera::AxisDefinition& definition);
    //! How the segment's cells give way to each other in the preview and the video.
    bool setCellBlend(tessera::CellBlend blend);
    //! Sets one camera move (an inactive one, from 0 to 0, removes its kind).
    bool setCameraMove(const tessera::CameraMove& move);

Q_SIGNALS:
    //! The segment or the global prompts changed (selection, edit, undo, redo).
    void changed();
    //! The composition the plots come from changed.
    void plotsChanged();
    void syntaxErrorsChanged();
    //! An edit was refused or failed: the message is ready for the user.
    void errorOccurred(const QString& message);

private:
    bool checkSyntax(PromptField field, const QString& text);
    bool apply(SetSegmentPromptCommand::Field field, const SegmentPromptSettings& after);

    Catalog& m_catalog;
    EditHistory& m_history;
    ProjectComposition* m_composition = nullptr;
    Segment m_segment;
    int m_number = 0;
    QString m_style;
    QString m_negative;
    QVector<PromptSyntaxError> m_errors[3];
};

} // namespace tessera
