// The prompt editor: edits through the panel land in the catalog at once and undo/redo restores
// them; syntax errors show inline and are not written; the axis plots move as the compositor will.
#include "StudioTestProject.h"

#include "tessera/generation/PromptSyntax.h"
#include "tessera/render/AxisMotion.h"
#include "tessera/render/Composition.h"
#include "tessera/render/FramePlan.h"
#include "tessera/studio/EditHistory.h"
#include "tessera/studio/ProjectComposition.h"
#include "tessera/studio/PromptEditorModel.h"
#include "tessera/ui/AxisEditor.h"
#include "tessera/ui/AxisPlot.h"
#include "tessera/ui/CameraEditor.h"
#include "tessera/ui/PromptEditorPanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

using namespace tessera;
using namespace tessera::testing;

namespace {

//! The panel over a fresh project, with everything it needs alive as long as it.
struct Editor
{
    QTemporaryDir dir;
    StudioTestProject project{dir};
    EditHistory history{*project.catalog};
    ProjectComposition composition;
    PromptEditorModel model{*project.catalog, history, &composition};
    PromptEditorPanel panel{model};

    Editor()
    {
        panel.resize(640, 900);
        panel.setSegment(project.firstId);
    }
    Segment stored(qint64 id = 0) const { return *project.catalog->segment(id ? id : project.firstId); }
    bool waitForComposition()
    {
        QSignalSpy loaded(&composition, &ProjectComposition::loaded);
        composition.setProjectPath(project.path);
        return loaded.wait(20000) && composition.composition();
    }
};

} // namespace

class TestPromptEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void syntaxCheckFindsWhatTheEngineWouldMisread()
    {
        // given prompts in the "(word:1.3)" syntax, right and wrong
        // then only the wrong ones have errors, at the offending characters
        QVERIFY(checkPromptSyntax(QStringLiteral("a (storm:1.3) over [calm] \\(sea\\)")).isEmpty());
        QVERIFY(checkPromptSyntax(QStringLiteral("(time: dawn) light")).isEmpty());
        const auto unclosed = checkPromptSyntax(QStringLiteral("a (storm:1.3"));
        QCOMPARE(unclosed.size(), 1);
        QCOMPARE(unclosed[0].position, 2);
        QVERIFY(unclosed[0].message.contains(QStringLiteral("never closed")));
        const auto unmatched = checkPromptSyntax(QStringLiteral("ñ storm)"));
        QCOMPARE(unmatched.size(), 1);
        QCOMPARE(unmatched[0].position, 7); // QChars, though "ñ" is two UTF-8 bytes
        const auto badWeight = checkPromptSyntax(QStringLiteral("(storm:1.3x) sky"));
        QCOMPARE(badWeight.size(), 1);
        QCOMPARE(badWeight[0].position, 6);
        QCOMPARE(badWeight[0].length, 5);
        QVERIFY(badWeight[0].message.contains(QStringLiteral(":1.3x")));
    }

    void typedPromptIsWrittenAsOneUndoStep()
    {
        // given the editor on segment 1, whose prompt is its lyric
        Editor editor;
        QCOMPARE(editor.panel.promptEdit()->toPlainText(), QStringLiteral("moon over the water"));
        // when the artist types a weighted term at the end
        editor.panel.promptEdit()->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor.panel.promptEdit(), QStringLiteral(", (storm:1.3)"));
        // then the catalog has it at once, as one undo step
        QCOMPARE(editor.stored().prompt, QStringLiteral("moon over the water, (storm:1.3)"));
        QCOMPARE(editor.history.stack()->count(), 1);
        // and undo restores the lyric, redo the edit, in the catalog and the panel
        editor.history.stack()->undo();
        QCOMPARE(editor.stored().prompt, QStringLiteral("moon over the water"));
        QCOMPARE(editor.panel.promptEdit()->toPlainText(), QStringLiteral("moon over the water"));
        editor.history.stack()->redo();
        QCOMPARE(editor.stored().prompt, QStringLiteral("moon over the water, (storm:1.3)"));
        QCOMPARE(editor.panel.promptEdit()->toPlainText(), QStringLiteral("moon over the water, (storm:1.3)"));
    }

    void invalidPromptShowsTheErrorInlineAndIsNotWritten()
    {
        // given the editor on segment 1
        Editor editor;
        editor.panel.show();
        // when the artist types an unclosed group
        editor.panel.promptEdit()->setPlainText(QStringLiteral("(storm:1.3 over the sea"));
        // then the error shows under the prompt, underlined in place, and nothing is written
        QVERIFY(editor.panel.promptErrorLabel()->isVisible());
        QVERIFY2(editor.panel.promptErrorLabel()->text().contains(QStringLiteral("never closed")),
            qPrintable(editor.panel.promptErrorLabel()->text()));
        QCOMPARE(editor.panel.promptEdit()->extraSelections().size(), 1);
        QCOMPARE(editor.stored().prompt, QStringLiteral("moon over the water"));
        QCOMPARE(editor.history.stack()->count(), 0);
        // when it is fixed, it is written and the error goes
        editor.panel.promptEdit()->setPlainText(QStringLiteral("(storm:1.3) over the sea"));
        QVERIFY(!editor.panel.promptErrorLabel()->isVisible());
        QCOMPARE(editor.stored().prompt, QStringLiteral("(storm:1.3) over the sea"));
        // and a bad style prompt is refused the same way
        editor.panel.styleEdit()->setPlainText(QStringLiteral("cinematic]"));
        QCOMPARE(editor.project.catalog->settings().stylePrompt, QStringLiteral("cinematic, film grain"));
    }

    void styleAndNegativePromptsAreUndoable()
    {
        Editor editor;
        QCOMPARE(editor.panel.styleEdit()->toPlainText(), QStringLiteral("cinematic, film grain"));
        editor.panel.styleEdit()->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor.panel.styleEdit(), QStringLiteral(", teal"));
        editor.panel.negativeEdit()->setPlainText(QStringLiteral("blurry"));
        QCOMPARE(editor.project.catalog->settings().stylePrompt, QStringLiteral("cinematic, film grain, teal"));
        QCOMPARE(editor.project.catalog->settings().negativePrompt, QStringLiteral("blurry"));
        QCOMPARE(editor.history.stack()->count(), 2);
        editor.history.stack()->undo();
        editor.history.stack()->undo();
        QCOMPARE(editor.project.catalog->settings().stylePrompt, QStringLiteral("cinematic, film grain"));
        QCOMPARE(editor.project.catalog->settings().negativePrompt, QStringLiteral("text, watermark"));
        QCOMPARE(editor.panel.negativeEdit()->toPlainText(), QStringLiteral("text, watermark"));
    }

    void seedGridAndAxesAreWrittenAndUndone()
    {
        // given the editor on segment 2 (no images yet)
        Editor editor;
        editor.panel.setSegment(editor.project.secondId);
        const Segment before = editor.stored(editor.project.secondId);
        // when the artist types a seed, asks for a new one, grows the grid and drives Y by the bass
        editor.panel.seedEdit()->setText(QStringLiteral("4000000000"));
        Q_EMIT editor.panel.seedEdit()->editingFinished();
        QCOMPARE(editor.stored(editor.project.secondId).seed, quint32(4000000000u));
        editor.panel.newSeedButton()->click();
        QVERIFY(editor.stored(editor.project.secondId).seed != quint32(4000000000u));
        editor.panel.colsBox()->setValue(3);
        QCOMPARE(editor.stored(editor.project.secondId).grid, GridGeometry(2, 3));
        QCOMPARE(editor.project.catalog->cells(editor.project.secondId).size(), 6);
        AxisEditor* y = editor.panel.axisEditor(GridAxis::Y);
        y->featureBox()->setCurrentIndex(y->featureBox()->findData(int(AudioFeature::LowBand)));
        y->releaseBox()->setValue(400);
        QCOMPARE(editor.stored(editor.project.secondId).axisY.feature, AudioFeature::LowBand);
        QCOMPARE(editor.stored(editor.project.secondId).axisY.releaseMs, 400.0);
        // then each is one step (the axis's two changes merge), and undoing all restores the segment
        QCOMPARE(editor.history.stack()->count(), 4);
        while (editor.history.stack()->canUndo())
            editor.history.stack()->undo();
        const Segment after = editor.stored(editor.project.secondId);
        QCOMPARE(after.seed, before.seed);
        QCOMPARE(after.grid, before.grid);
        QVERIFY(after.axisY == before.axisY);
        QCOMPARE(editor.project.catalog->cells(editor.project.secondId).size(), 4);
        QCOMPARE(editor.panel.colsBox()->value(), 2);
    }

    void cellBlendIsChosenPerSegmentAndUndone()
    {
        // given the editor on segment 1, which morphs between its cells (a new segment's default)
        Editor editor;
        QCOMPARE(editor.stored().transition.cellBlend, CellBlend::Morph);
        QComboBox* blend = editor.panel.cellBlendBox();
        QCOMPARE(blend->currentData().toInt(), int(CellBlend::Morph));
        // when the artist picks Dissolve
        blend->setCurrentIndex(blend->findData(int(CellBlend::Dissolve)));
        Q_EMIT blend->activated(blend->currentIndex());
        // then it is stored as one named step, the other segment untouched
        QCOMPARE(editor.stored().transition.cellBlend, CellBlend::Dissolve);
        QCOMPARE(editor.stored(editor.project.secondId).transition.cellBlend, CellBlend::Morph);
        QCOMPARE(editor.history.stack()->undoText(), QStringLiteral("Dissolve between the cells of segment 1"));
        // and undo brings the morph back, in the store and in the panel
        editor.history.stack()->undo();
        QCOMPARE(editor.stored().transition.cellBlend, CellBlend::Morph);
        QCOMPARE(blend->currentData().toInt(), int(CellBlend::Morph));
    }

    void cameraMovesAreSetPerKindPlottedAndUndone()
    {
        // given the editor on segment 1, whose camera is still
        Editor editor;
        QVERIFY(editor.waitForComposition());
        QVERIFY(editor.stored().camera.isStill());
        CameraEditor* camera = editor.panel.cameraEditor();
        QCOMPARE(camera->currentKind(), CameraMoveKind::Zoom);
        // when the artist sets the zoom to pulse 20% on the onsets
        AxisEditor* zoom = camera->moveEditor(CameraMoveKind::Zoom);
        QCOMPARE(zoom->featureBox()->currentData().toInt(), int(AudioFeature::Onset)); // a pulse, once it has an amount
        zoom->toBox()->setValue(0.2);
        // then it is stored as one step, driven by the onsets, and the list marks the zoom in use
        const CameraMove* stored = editor.stored().camera.move(CameraMoveKind::Zoom);
        QVERIFY(stored);
        QCOMPARE(stored->axis.to, 0.2);
        QCOMPARE(stored->axis.feature, AudioFeature::Onset);
        QCOMPARE(editor.history.stack()->undoText(), QStringLiteral("Edit camera of segment 1"));
        QVERIFY(camera->kindBox()->itemText(0).endsWith(QStringLiteral("•")));
        // and its plot follows the song's onsets over the segment
        const AxisPlotData plot = editor.model.cameraPlot(CameraMoveKind::Zoom);
        QVERIFY(plot.driven);
        QCOMPARE(plot.points.size(), 200);
        // when a second move is set on another kind, both are kept
        camera->kindBox()->setCurrentIndex(camera->kindBox()->findData(int(CameraMoveKind::Rotate)));
        camera->moveEditor(CameraMoveKind::Rotate)->toBox()->setValue(5.0);
        QCOMPARE(editor.stored().camera.moves.size(), 2);
        // and undoing both leaves the camera still, the editor showing it
        editor.history.stack()->undo();
        editor.history.stack()->undo();
        QVERIFY(editor.stored().camera.isStill());
        QCOMPARE(camera->moveEditor(CameraMoveKind::Zoom)->toBox()->value(), 0.0);
    }

    void anAxisVariesTheStrengthOfAProjectLora()
    {
        // given a project listing a LoRA, and the editor on segment 2
        Editor editor;
        ProjectSettings settings = editor.project.catalog->settings();
        settings.loras = {{QStringLiteral("/loras/ink-wash.safetensors"), 0.8}};
        editor.project.catalog->setSettings(settings);
        editor.panel.setSegment(editor.project.secondId);
        AxisEditor* x = editor.panel.axisEditor(GridAxis::X);
        QSignalSpy errors(&editor.model, &PromptEditorModel::errorOccurred);
        // when the artist names the LoRA and picks "LoRA strength" from 0 to 1.5
        const int lora = x->variationBox()->findData(int(AxisVariation::LoraStrength));
        QVERIFY(lora >= 0);
        QCOMPARE(x->variationBox()->itemText(lora), QStringLiteral("LoRA strength"));
        x->termEdit()->setText(QStringLiteral("ink-wash"));
        x->variationBox()->setCurrentIndex(lora);
        x->fromBox()->setValue(0.0);
        x->toBox()->setValue(1.5);
        // then the segment's X axis varies that LoRA's strength over that range
        QCOMPARE(errors.size(), 0);
        Segment stored = editor.stored(editor.project.secondId);
        QCOMPARE(stored.axisX.variation, AxisVariation::LoraStrength);
        QCOMPARE(stored.axisX.term, QStringLiteral("ink-wash"));
        QCOMPARE(stored.axisX.to, 1.5);
        // and a name the project does not list is refused, naming the project's LoRAs
        x->termEdit()->setText(QStringLiteral("glitter"));
        Q_EMIT x->termEdit()->editingFinished();
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.at(0).at(0).toString().contains(QStringLiteral("(ink-wash)")), qPrintable(errors.at(0).at(0).toString()));
        QCOMPARE(editor.stored(editor.project.secondId).axisX.term, QStringLiteral("ink-wash"));
    }

    void gridThatWouldDeleteGeneratedCellsIsRefused()
    {
        // given segment 1, whose 1x2 grid is generated
        Editor editor;
        QSignalSpy errors(&editor.model, &PromptEditorModel::errorOccurred);
        // when the artist shrinks it to one column
        editor.panel.colsBox()->setValue(1);
        // then the edit is refused with the reason, the catalog and the panel keep 1x2
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.at(0).at(0).toString().contains(QStringLiteral("generated cell")), qPrintable(errors.at(0).at(0).toString()));
        QCOMPARE(editor.stored().grid, GridGeometry(1, 2));
        QCOMPARE(editor.panel.colsBox()->value(), 2);
        QCOMPARE(editor.history.stack()->count(), 0);
    }

    void axisPlotFollowsTheCompositorsMotion()
    {
        // given the editor on segment 1, its X axis following the loudness, the composition loaded
        Editor editor;
        QVERIFY(editor.waitForComposition());
        const std::shared_ptr<const Composition> composition = editor.composition.composition();
        // when the plot is computed
        const AxisPlotData plot = editor.model.axisPlot(GridAxis::X, 81);
        QVERIFY(plot.analysed);
        QVERIFY(plot.driven);
        QCOMPARE(plot.points.size(), 81);
        // then it equals AxisMotion on the song's analysis, and where the planner puts the grid
        const Segment segment = editor.stored();
        const AxisMotion motion(segment.axisX, composition->analysis(QString())->curve(AudioFeature::Rms));
        const FramePlanner planner(*composition);
        double lowest = 1.0;
        double highest = 0.0;
        for (const QPointF& point : plot.points) {
            QCOMPARE(point.y(), motion.positionAt(point.x()));
            lowest = std::min(lowest, point.y());
            highest = std::max(highest, point.y());
            if (point.x() < 1.7) { // before the crossfade into segment 2
                const QVector<SegmentLayer> layers = planner.planAt(point.x());
                QCOMPARE(layers.size(), 1);
                QVERIFY2(std::abs(layers[0].column - point.y()) < 1e-9,
                    qPrintable(QStringLiteral("t %1: plot %2, planner %3").arg(point.x()).arg(point.y()).arg(layers[0].column)));
            }
        }
        QVERIFY2(highest - lowest > 0.5, "the clicks move the axis across the grid");
        // and the widget shows that data, and follows an edit before the composition reloads
        QCOMPARE(editor.panel.axisEditor(GridAxis::X)->plot()->plot().points, editor.model.axisPlot(GridAxis::X).points);
        AxisEditor* x = editor.panel.axisEditor(GridAxis::X);
        x->featureBox()->setCurrentIndex(x->featureBox()->findData(int(AudioFeature::None)));
        QVERIFY(!x->plot()->plot().driven);
        QCOMPARE(x->plot()->plot().points.constFirst().y(), 0.5);
    }

    void screenshot()
    {
        // Renders the panel for review when TESSERA_SCREENSHOT_DIR is set (./prompt-shot.png);
        // TESSERA_SCREENSHOT_PROJECT picks a project (a copy of the demo's: it is edited), and
        // TESSERA_SCREENSHOT_SEGMENT its segment (from 1), else the test project's first.
        const QString shots = qEnvironmentVariable("TESSERA_SCREENSHOT_DIR");
        if (shots.isEmpty())
            QSKIP("set TESSERA_SCREENSHOT_DIR to write prompt-shot.png");
        QTemporaryDir dir;
        StudioTestProject project(dir);
        const QString path = qEnvironmentVariable("TESSERA_SCREENSHOT_PROJECT", project.path);
        const auto catalog = Catalog::open(path);
        EditHistory history(*catalog);
        ProjectComposition composition;
        PromptEditorModel model(*catalog, history, &composition);
        PromptEditorPanel panel(model);
        QSignalSpy loaded(&composition, &ProjectComposition::loaded);
        composition.setProjectPath(path);
        QVERIFY(loaded.wait(60000) && composition.composition());
        const int number = qEnvironmentVariableIntValue("TESSERA_SCREENSHOT_SEGMENT");
        panel.setSegment(catalog->segments().at(std::max(1, number) - 1).id);
        panel.resize(640, 820);
        panel.show();
        // a typing mistake, to show how errors read
        panel.promptEdit()->setPlainText(panel.promptEdit()->toPlainText() + QStringLiteral(", (neon:1.3x) glow)"));
        QTest::qWait(50);
        QVERIFY(panel.grab().save(shots + QStringLiteral("/prompt-shot.png")));
    }
};

QTEST_MAIN(TestPromptEditor)
#include "tst_prompteditor.moc"
