#include "tessera/core/AxisDefinition.h"
#include "tessera/core/CellState.h"
#include "tessera/core/Grade.h"
#include "tessera/core/GridGeometry.h"
#include "tessera/core/ProjectSettings.h"
#include "tessera/core/Segment.h"

#include <QtTest>

using namespace tessera;

class TestCore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gridLinearIndexRoundTrips()
    {
        // given a 3x5 grid
        const GridGeometry grid(3, 5);
        // when every linear index is mapped to a cell and back
        for (int i = 0; i < grid.cellCount(); ++i) {
            // then it comes back unchanged and the cell lies inside the grid
            const CellIndex cell = grid.cellAt(i);
            QVERIFY(grid.contains(cell));
            QCOMPARE(grid.linearIndex(cell), i);
        }
        QCOMPARE(grid.cellAt(7), (CellIndex{1, 2}));
    }

    void gridValidity()
    {
        QVERIFY(GridGeometry(1, 1).isValid());
        QVERIFY(GridGeometry(64, 64).isValid());
        QVERIFY(!GridGeometry(0, 4).isValid());
        QVERIFY(!GridGeometry(4, 65).isValid());
    }

    void neighboursStayInsideTheGrid()
    {
        const GridGeometry grid(3, 3);
        QCOMPARE(grid.neighbours({0, 0}).size(), 2);
        QCOMPARE(grid.neighbours({0, 1}).size(), 3);
        QCOMPARE(grid.neighbours({1, 1}).size(), 4);
        QVERIFY(grid.neighbours({1, 1}).contains(CellIndex{0, 1}));
        QVERIFY(!grid.neighbours({1, 1}).contains(CellIndex{0, 0}));
    }

    void bilinearWeightsSumToOneAndPickNeighbours()
    {
        // given a 4x4 grid and a position between columns 1-2 and rows 2-3
        const GridGeometry grid(4, 4);
        const double x = (1.0 + 0.25) / 3.0;
        const double y = (2.0 + 0.5) / 3.0;
        // when blended
        const QVector<WeightedCell> cells = grid.bilinear(x, y);
        // then the four neighbours carry the bilinear weights
        QCOMPARE(cells.size(), 4);
        double sum = 0.0;
        for (const WeightedCell& cell : cells) {
            sum += cell.weight;
            if (cell.cell == CellIndex{2, 1})
                QVERIFY(qFuzzyCompare(cell.weight, 0.75 * 0.5));
            if (cell.cell == CellIndex{3, 2})
                QVERIFY(qFuzzyCompare(cell.weight, 0.25 * 0.5));
        }
        QVERIFY(qFuzzyCompare(sum, 1.0));
    }

    void bilinearOnACellCentreIsThatCell()
    {
        const GridGeometry grid(3, 3);
        const QVector<WeightedCell> cells = grid.bilinear(0.5, 1.0);
        QCOMPARE(cells.size(), 1);
        QCOMPARE(cells[0].cell, (CellIndex{2, 1}));
        QCOMPARE(cells[0].weight, 1.0);
        // outside [0, 1] clamps to the edge
        QCOMPARE(grid.bilinear(-3.0, 7.0).constFirst().cell, (CellIndex{2, 0}));
        // a single-cell grid always gives that cell
        QCOMPARE(GridGeometry(1, 1).bilinear(0.3, 0.9).constFirst().cell, (CellIndex{0, 0}));
    }

    void gradesCombineExposuresInStops()
    {
        const Grade project{1.0, 1.0, 1.0};
        const Grade cell{-0.25, 1.1, 0.5};
        const Grade combined = project.combinedWith(cell);
        QCOMPARE(combined.exposureStops, 0.75);
        QVERIFY(qFuzzyCompare(combined.gamma, 1.1));
        QCOMPARE(combined.saturation, 0.5);
        QVERIFY(Grade{}.isIdentity());
        QVERIFY(!combined.isIdentity());
    }

    void cellStateNamesRoundTrip()
    {
        for (CellState state : {CellState::Empty, CellState::Queued, CellState::Generating,
                 CellState::Done, CellState::Rejected, CellState::Locked}) {
            QCOMPARE(cellStateFromName(cellStateName(state)), std::optional<CellState>(state));
        }
        QVERIFY(!cellStateFromName(QStringLiteral("shiny")).has_value());
        QVERIFY(cellStateNeedsVersion(CellState::Locked));
        QVERIFY(!cellStateNeedsVersion(CellState::Rejected));
    }

    void axisJsonRoundTrips()
    {
        AxisDefinition axis;
        axis.variation = AxisVariation::PromptBlend;
        axis.term = QStringLiteral("a storm over the sea");
        axis.from = 0.2;
        axis.to = 1.4;
        axis.feature = AudioFeature::HighBand;
        axis.source = QStringLiteral("drums");
        axis.curve = ResponseCurve::SmoothStep;
        axis.attackMs = 5;
        axis.releaseMs = 400;
        const auto restored = AxisDefinition::fromJson(axis.toJson());
        QVERIFY(restored.has_value());
        QVERIFY(*restored == axis);
    }

    void axisJsonRejectsUnknownNames()
    {
        QJsonObject json = AxisDefinition{}.toJson();
        json[QStringLiteral("feature")] = QStringLiteral("vibes");
        QString error;
        QVERIFY(!AxisDefinition::fromJson(json, &error).has_value());
        QVERIFY2(error.contains(QStringLiteral("vibes")), qPrintable(error));
    }

    void axisParametersAndPositions()
    {
        AxisDefinition axis;
        axis.from = 0.5;
        axis.to = 1.5;
        QCOMPARE(axis.parameterAt(0, 5), 0.5);
        QCOMPARE(axis.parameterAt(4, 5), 1.5);
        QCOMPARE(axis.parameterAt(2, 5), 1.0);
        QCOMPARE(axis.parameterAt(0, 1), 0.5);

        axis.inputMin = 0.2;
        axis.inputMax = 0.6;
        QCOMPARE(axis.positionFor(0.1), 0.0);
        QCOMPARE(axis.positionFor(0.4), 0.5);
        QCOMPARE(axis.positionFor(0.9), 1.0);
        axis.curve = ResponseCurve::EaseIn;
        QCOMPARE(axis.positionFor(0.4), 0.25);
        axis.curve = ResponseCurve::SmoothStep;
        QCOMPARE(axis.positionFor(0.4), 0.5);
    }

    void settingsValidation()
    {
        ProjectSettings settings;
        QVERIFY(settings.validationError().isEmpty());
        settings.width = 1919;
        QVERIFY(settings.validationError().contains(QStringLiteral("even")));
        settings.width = 1920;
        settings.frameRate = {0, 1};
        QVERIFY(!settings.validationError().isEmpty());
        settings.frameRate = {30000, 1001};
        QVERIFY(settings.validationError().isEmpty());
        QCOMPARE(settings.frameRate.toString(), QStringLiteral("30000/1001"));
    }

    void timeRanges()
    {
        const TimeRange range{1000, 2500};
        QVERIFY(range.isValid());
        QCOMPARE(range.durationMs(), 1500);
        QVERIFY(range.contains(1000));
        QVERIFY(!range.contains(2500));
        QVERIFY(range.overlaps({2400, 3000}));
        QVERIFY(!range.overlaps({2500, 3000}));
        QVERIFY(!TimeRange({5, 5}).isValid());
    }
};

QTEST_GUILESS_MAIN(TestCore)
#include "tst_core.moc"
