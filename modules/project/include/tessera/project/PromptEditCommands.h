#pragma once

#include "tessera/catalog/CatalogCommand.h"
#include "tessera/core/AxisDefinition.h"
#include "tessera/core/GridGeometry.h"
#include "tessera/core/Segment.h"

#include <QCoreApplication>
#include <QString>

namespace tessera {

//! What the prompt editor edits on a segment: everything that decides its grid's images and how
//! they play (cell blend, camera), and nothing of its timing, so a timeline edit between this edit and its undo is kept.
struct SegmentPromptSettings
{
    QString prompt;
    quint32 seed = 0;
    GridGeometry grid{4, 4};
    AxisDefinition axisX;
    AxisDefinition axisY;
    CellBlend cellBlend = CellBlend::Morph; //!< how the cells give way to each other in the video
    CameraMotion camera;                    //!< the camera moves the music drives

    friend bool operator==(const SegmentPromptSettings& a, const SegmentPromptSettings& b)
    {
        return a.prompt == b.prompt && a.seed == b.seed && a.grid == b.grid && a.axisX == b.axisX
            && a.axisY == b.axisY && a.cellBlend == b.cellBlend && a.camera == b.camera;
    }
};

//! A segment's prompt settings as the catalog holds them.
SegmentPromptSettings promptSettingsOf(const Segment& segment);

//! Changes one field of a segment's prompt settings (the prompt, seed, grid or an axis). Reads
//! the segment afresh at each redo/undo and writes only these fields. Consecutive edits of the
//! same field of the same segment within a few seconds merge into one undo step (typing).
//! A grid that would delete generated cells is refused (their versions could not come back),
//! unless the command is made with GridShrink::Discard (`tessera-cli segment --discard`, which
//! has no undo to lose).
class SetSegmentPromptCommand : public CatalogCommand
{
    Q_DECLARE_TR_FUNCTIONS(tessera::SetSegmentPromptCommand) // the context lupdate files its strings under

public:
    enum class Field { Prompt, Seed, Grid, AxisX, AxisY, CellBlend, Camera };
    //! What a smaller grid does to generated cells outside it.
    enum class GridShrink { Refuse, Discard };

    SetSegmentPromptCommand(qint64 segmentId, int segmentNumber, Field field,
        SegmentPromptSettings before, SegmentPromptSettings after, GridShrink shrink = GridShrink::Refuse);

    QString text() const override;
    void redo(Catalog& catalog) override;
    void undo(Catalog& catalog) override;
    int mergeId() const override;
    bool mergeWith(const CatalogCommand& next) override;

private:
    void write(Catalog& catalog, const SegmentPromptSettings& settings) const;

    qint64 m_segmentId = 0;
    int m_segmentNumber = 0; //!< counting from 1, as the studio shows segments
    Field m_field = Field::Prompt;
    GridShrink m_shrink = GridShrink::Refuse;
    SegmentPromptSettings m_before;
    SegmentPromptSettings m_after;
    qint64 m_madeAtMs = 0; //!< when the latest merged keystroke came
};

//! Changes the project's global style prompt and negative prompt (one field per command);
//! consecutive keystrokes in one field merge.
class SetProjectPromptCommand : public CatalogCommand
{
    Q_DECLARE_TR_FUNCTIONS(tessera::SetProjectPromptCommand)

public:
    enum class Field { Style, Negative };

    SetProjectPromptCommand(Field field, QString before, QString after);

    QString text() const override;
    void redo(Catalog& catalog) override;
    void undo(Catalog& catalog) override;
    int mergeId() const override;
    bool mergeWith(const CatalogCommand& next) override;

private:
    void write(Catalog& catalog, const QString& value) const;

    Field m_field = Field::Style;
    QString m_before;
    QString m_after;
    qint64 m_madeAtMs = 0;
};

} // namespace tessera
