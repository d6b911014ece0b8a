#include "tessera/core/AxisDefinition.h"
#include "tessera/core/AxisSpec.h"
#include "tessera/core/CameraMotion.h"
#include "tessera/core/CellState.h"
#include "tessera/core/FileCheck.h"
#include "tessera/core/Grade.h"
#include "tessera/core/GridGeometry.h"
#include "tessera/core/Parallel.h"
#include "tessera/core/ProjectSettings.h"
#include "tessera/core/Segment.h"

#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>

#include <QtTest>
#include <stdexcept>

using namespace tessera;

class TestCore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fileProblemNamesWhatIsWrongWithAFile()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("missing.flac"));
        QCOMPARE(fileProblem(missing, QStringLiteral("an audio file")), QStringLiteral("no such file"));
        QCOMPARE(fileProblem(dir.path(), QStringLiteral("an audio file")),
            QStringLiteral("is a directory, not an audio file"));
        const QString empty = dir.filePath(QStringLiteral("empty.flac"));
        QFile file(empty);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QCOMPARE(fileProblem(empty, QStringLiteral("an audio file")), QString()); // readable is enough
        QCOMPARE(fileProblem(empty, QStringLiteral("an audio file"), FileCheck::ReadableNonEmpty),
            QStringLiteral("is an empty file, not an audio file"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("x");
        file.close();
        QCOMPARE(fileProblem(empty, QStringLiteral("an audio file"), FileCheck::ReadableNonEmpty), QString());
    }

    void parallelRowsCoverEveryRowOnce()
    {
        for (const int threads : {1, 2, 3, 7}) {
            std::vector<std::atomic<int>> visits(101);
            std::mutex mutex;
            QSet<QThread*> seen;
            parallelRows(101, threads, [&](int first, int end) {
                for (int row = first; row < end; ++row)
                    ++visits[std::size_t(row)];
                const std::lock_guard<std::mutex> lock(mutex);
                seen.insert(QThread::currentThread());
            });
            for (const auto& count : visits)
                QCOMPARE(count.load(), 1);
            // no more threads than asked for (a fast thread may take two bands)
            QVERIFY(int(seen.size()) >= 1 && int(seen.size()) <= threads);
        }
    }

    void runInParallelRunsEveryTaskAndRethrowsTheFirstFailureAfterAllStopped()
    {
        std::atomic<int> ran{0};
        std::vector<std::function<void()>> tasks;
        for (int i = 0; i < 20; ++i) {
            tasks.emplace_back([&ran, i] {
                ++ran;
                if (i == 5)
                    throw std::runtime_error("task 5 failed");
            });
        }
        try {
            runInParallel(tasks, 3);
            QFAIL("no exception");
        } catch (const std::runtime_error& error) {
            QCOMPARE(QString::fromLatin1(error.what()), QStringLiteral("task 5 failed"));
        }
        QCOMPARE(ran.load(), 20); // the others still ran
    }

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

    void stopsShowTheirSign()
    {
        QCOMPARE(formatStops(1.0), QStringLiteral("+1.00"));
        QCOMPARE(formatStops(-0.5), QStringLiteral("-0.50"));
        QCOMPARE(formatStops(0.0), QStringLiteral("+0.00"));
        // a rounding-sized negative is zero, not "-0.00"
        QCOMPARE(formatStops(-0.001), QStringLiteral("+0.00"));
    }

    void gridValidity()
    {
        QVERIFY(GridGeometry(1, 1).isValid());
        QVERIFY(GridGeometry(128, 128).isValid());
        QVERIFY(!GridGeometry(0, 4).isValid());
        QVERIFY(!GridGeometry(4, 129).isValid());
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

    void axisSpecsParseEveryKindAndOption()
    {
        // given a term weight with every playback option
        QString error;
        const auto term = parseAxisSpec(
            QStringLiteral("term:storm:0.2:1.4:feature=low:curve=ease-in:range=0.1-0.9:attack=20:release=250"), &error);
        // then each part lands in its field
        QVERIFY2(term.has_value(), qPrintable(error));
        QCOMPARE(term->variation, AxisVariation::TermWeight);
        QCOMPARE(term->term, QStringLiteral("storm"));
        QCOMPARE(term->from, 0.2);
        QCOMPARE(term->to, 1.4);
        QCOMPARE(term->feature, AudioFeature::LowBand);
        QCOMPARE(term->curve, ResponseCurve::EaseIn);
        QCOMPARE(term->inputMin, 0.1);
        QCOMPARE(term->inputMax, 0.9);
        QCOMPARE(term->attackMs, 20.0);
        QCOMPARE(term->releaseMs, 250.0);
        // a blend prompt may hold colons and weights: the numbers are read from the right
        const auto blend = parseAxisSpec(QStringLiteral("blend:a (calm:1.2) sea: at dawn:0:1:feature=high:source=drums"), &error);
        QVERIFY2(blend.has_value(), qPrintable(error));
        QCOMPARE(blend->variation, AxisVariation::PromptBlend);
        QCOMPARE(blend->term, QStringLiteral("a (calm:1.2) sea: at dawn"));
        QCOMPARE(blend->source, QStringLiteral("drums"));
        QCOMPARE(blend->feature, AudioFeature::HighBand);
        const auto guidance = parseAxisSpec(QStringLiteral("guidance:3:9"), &error);
        QVERIFY2(guidance && guidance->variation == AxisVariation::Guidance && guidance->from == 3.0 && guidance->to == 9.0, qPrintable(error));
        // a seed walk with and without a target, and an axis that varies nothing
        const auto walk = parseAxisSpec(QStringLiteral("seed:0:1"), &error);
        QVERIFY2(walk && walk->variation == AxisVariation::SeedWalk && walk->term.isEmpty(), qPrintable(error));
        const auto targeted = parseAxisSpec(QStringLiteral("SEED:77:0:0.5:attack=5ms"), &error);
        QVERIFY2(targeted && targeted->term == QStringLiteral("77") && targeted->to == 0.5 && targeted->attackMs == 5.0, qPrintable(error));
        // a LoRA strength names the LoRA (a project LoRA's name or a path, colons allowed) and
        // takes strengths from -10 to 10
        const auto lora = parseAxisSpec(QStringLiteral("lora:C:/loras/ink style:-0.5:1.5:feature=low"), &error);
        QVERIFY2(lora.has_value(), qPrintable(error));
        QCOMPARE(lora->variation, AxisVariation::LoraStrength);
        QCOMPARE(lora->term, QStringLiteral("C:/loras/ink style"));
        QCOMPARE(lora->from, -0.5);
        QCOMPARE(lora->to, 1.5);
        QCOMPARE(lora->feature, AudioFeature::LowBand);
        const auto none = parseAxisSpec(QStringLiteral("none:feature=rms"), &error);
        QVERIFY2(none && none->term.isEmpty() && none->feature == AudioFeature::Rms, qPrintable(error));
        // options left out take the defaults: a SPEC is the whole axis
        QCOMPARE(*parseAxisSpec(QStringLiteral("term:storm:0:1")), [] {
            AxisDefinition axis;
            axis.term = QStringLiteral("storm");
            return axis;
        }());
    }

    void axisSpecTextRoundTrips()
    {
        for (const QString& spec : {QStringLiteral("term:storm:0.2:1.4:feature=low:curve=ease-in:range=0.1-0.9:attack=15:release=300"),
                 QStringLiteral("blend:a calm sea:0:1"), QStringLiteral("guidance:3:9:feature=onset:range=0.9-0.1"),
                 QStringLiteral("seed:0:0.6"), QStringLiteral("seed:4294967295:0.25:1:feature=mid:source=bass"),
                 QStringLiteral("none"), QStringLiteral("term:(glitter:1.1):-0.5:0.123456789"),
                 QStringLiteral("lora:tiny-sd-kohya:0:1.5:feature=high")}) {
            // given the axis a SPEC describes
            QString error;
            const auto axis = parseAxisSpec(spec, &error);
            QVERIFY2(axis.has_value(), qPrintable(spec + QStringLiteral(": ") + error));
            // when it is written back as text and read again, it is the same axis
            const QString text = axisSpecText(*axis);
            const auto again = parseAxisSpec(text, &error);
            QVERIFY2(again.has_value(), qPrintable(text + QStringLiteral(": ") + error));
            QVERIFY2(*again == *axis, qPrintable(spec + QStringLiteral(" -> ") + text));
        }
        // the canonical text leaves the defaults out
        QCOMPARE(axisSpecText(*parseAxisSpec(QStringLiteral("term:storm:0.2:1.4:curve=linear:attack=20"))), QStringLiteral("term:storm:0.2:1.4"));
        QCOMPARE(axisSpecText(AxisDefinition{}), QStringLiteral("none"));
    }

    void axisSpecsRefuseMalformedText_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("kind") << QStringLiteral("storm:0:1") << QStringLiteral("unknown axis kind \"storm\"");
        QTest::newRow("no range") << QStringLiteral("term:storm") << QStringLiteral("term needs TERM:FROM:TO");
        QTest::newRow("no term") << QStringLiteral("term:0.2:1.4") << QStringLiteral("needs the prompt term");
        QTest::newRow("not numbers") << QStringLiteral("term:storm:low:high") << QStringLiteral("numbers FROM:TO");
        QTest::newRow("infinite") << QStringLiteral("term:storm:0:inf") << QStringLiteral("numbers FROM:TO");
        QTest::newRow("blend range") << QStringLiteral("blend:sea:0:1.5") << QStringLiteral("from 0 to 1");
        QTest::newRow("negative guidance") << QStringLiteral("guidance:-1:9") << QStringLiteral("0 or more");
        QTest::newRow("guidance text") << QStringLiteral("guidance:x:3:9") << QStringLiteral("only FROM:TO");
        QTest::newRow("seed target") << QStringLiteral("seed:abc:0:1") << QStringLiteral("not a seed");
        QTest::newRow("seed too big") << QStringLiteral("seed:4294967296:0:1") << QStringLiteral("not a seed");
        QTest::newRow("lora name") << QStringLiteral("lora:ink") << QStringLiteral("lora needs NAME:FROM:TO");
        QTest::newRow("lora blank") << QStringLiteral("lora:0:1") << QStringLiteral("needs the LoRA it varies");
        QTest::newRow("lora range") << QStringLiteral("lora:ink:0:12") << QStringLiteral("from -10 to 10");
        QTest::newRow("none values") << QStringLiteral("none:0:1") << QStringLiteral("takes no values");
        QTest::newRow("feature") << QStringLiteral("term:storm:0:1:feature=vibes") << QStringLiteral("unknown feature \"vibes\"");
        QTest::newRow("curve") << QStringLiteral("term:storm:0:1:curve=wobbly") << QStringLiteral("unknown curve");
        QTest::newRow("range form") << QStringLiteral("term:storm:0:1:range=0.1") << QStringLiteral("MIN-MAX");
        QTest::newRow("range bounds") << QStringLiteral("term:storm:0:1:range=0-2") << QStringLiteral("MIN-MAX");
        QTest::newRow("range empty") << QStringLiteral("term:storm:0:1:range=0.5-0.5") << QStringLiteral("empty");
        QTest::newRow("attack") << QStringLiteral("term:storm:0:1:attack=-5") << QStringLiteral("milliseconds");
        QTest::newRow("release") << QStringLiteral("term:storm:0:1:release=99999") << QStringLiteral("milliseconds");
        QTest::newRow("option") << QStringLiteral("term:storm:0:1:speed=2") << QStringLiteral("unknown option \"speed=\"");
        QTest::newRow("twice") << QStringLiteral("term:storm:0:1:curve=ease-in:curve=linear") << QStringLiteral("twice");
        QTest::newRow("source alone") << QStringLiteral("term:storm:0:1:source=drums") << QStringLiteral("needs a feature");
    }

    void axisSpecsRefuseMalformedText()
    {
        QFETCH(QString, spec);
        QFETCH(QString, reason);
        // when a malformed SPEC is parsed, it is refused with a reason naming the problem
        QString error;
        QVERIFY(!parseAxisSpec(spec, &error).has_value());
        QVERIFY2(error.contains(reason), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
    }

    void cameraMovesParseRoundTripAndRefuseMalformedText()
    {
        // given moves written as the command line takes them
        QString error;
        const auto zoom = parseCameraMoveSpec(QStringLiteral("zoom:0:0.15:feature=onset:attack=0:release=120"), &error);
        QVERIFY2(zoom, qPrintable(error));
        QCOMPARE(zoom->kind, CameraMoveKind::Zoom);
        QCOMPARE(zoom->axis.from, 0.0);
        QCOMPARE(zoom->axis.to, 0.15);
        QCOMPARE(zoom->axis.feature, AudioFeature::Onset);
        QCOMPARE(zoom->axis.releaseMs, 120.0);
        QVERIFY(zoom->axis.term.isEmpty());
        QCOMPARE(zoom->amountAt(0.5), 0.075);
        const auto rotate = parseCameraMoveSpec(QStringLiteral("rotate:-5:5:feature=low:curve=smoothstep"), &error);
        QVERIFY2(rotate, qPrintable(error));
        QCOMPARE(rotate->axis.from, -5.0); // amounts may be negative: the axes' unbounded range
        // then their text reads back as the same move
        for (const CameraMove& move : {*zoom, *rotate}) {
            const auto again = parseCameraMoveSpec(cameraMoveSpecText(move), &error);
            QVERIFY2(again && *again == move, qPrintable(cameraMoveSpecText(move)));
        }
        QCOMPARE(cameraMoveSpecText(*zoom), QStringLiteral("zoom:0:0.15:feature=onset:attack=0:release=120"));
        // and a camera keeps one move per kind, in the kinds' order, ":none" removing one
        CameraMotion camera;
        camera.setMove(*rotate);
        camera.setMove(*zoom);
        QCOMPARE(camera.moves.size(), 2);
        QCOMPARE(camera.moves.first().kind, CameraMoveKind::Zoom);
        const auto none = parseCameraMoveSpec(QStringLiteral("rotate:none"), &error);
        QVERIFY(none && !none->isActive());
        camera.setMove(*none);
        QCOMPARE(camera.moves.size(), 1);
        // and it round-trips through JSON; an unknown kind there is refused with its name
        QVERIFY(CameraMotion::fromJson(camera.toJson()) == camera);
        QVERIFY(CameraMotion::fromJson(QJsonObject{}).value().isStill());
        QJsonObject bad = camera.toJson();
        QJsonArray moves = bad.value(QStringLiteral("moves")).toArray();
        QJsonObject first = moves.first().toObject();
        first.insert(QStringLiteral("kind"), QStringLiteral("dolly"));
        moves[0] = first;
        bad.insert(QStringLiteral("moves"), moves);
        QVERIFY(!CameraMotion::fromJson(bad, &error));
        QVERIFY2(error.contains(QStringLiteral("dolly")), qPrintable(error));
        // when malformed, each says what is wrong
        const struct {
            const char* spec;
            const char* reason;
        } malformed[] = {{"spin:0:1", "unknown camera move \"spin\""}, {"zoom:0", "KIND:FROM:TO"},
            {"zoom:abc:1", "zoom needs numbers FROM:TO"}, {"zoom:0:1:feature=loud", "unknown feature \"loud\""}};
        for (const auto& wrong : malformed) {
            QVERIFY2(!parseCameraMoveSpec(QString::fromLatin1(wrong.spec), &error), wrong.spec);
            QVERIFY2(error.contains(QString::fromLatin1(wrong.reason)), qPrintable(error));
        }
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

        // LoRAs need a file, a strength from -10 to 10 and each file once; embeddings a file and
        // a token, each once
        settings.loras = {{QStringLiteral("/l/ink.safetensors"), 0.8}, {QStringLiteral("/l/glow.safetensors"), -1.0}};
        settings.embeddings = {{QStringLiteral("/e/style.pt"), QStringLiteral("<style>")}};
        QVERIFY(settings.validationError().isEmpty());
        settings.loras[1].strength = 10.5;
        QVERIFY(settings.validationError().contains(QStringLiteral("strength 10.5")));
        settings.loras[1] = settings.loras[0];
        QVERIFY(settings.validationError().contains(QStringLiteral("listed twice")));
        settings.loras.removeLast();
        settings.embeddings.append({QStringLiteral("/e/other.pt"), QStringLiteral("<style>")});
        QVERIFY(settings.validationError().contains(QStringLiteral("two embeddings use the token <style>")));
        settings.embeddings.last().token = QString();
        QVERIFY(settings.validationError().contains(QStringLiteral("has no token")));
        settings.embeddings.removeLast();
        QVERIFY(settings.validationError().isEmpty());

        // axes name a LoRA by its file's name without extension, or by its file
        QCOMPARE(settings.loraNamed(QStringLiteral("ink"))->file, QStringLiteral("/l/ink.safetensors"));
        QCOMPARE(settings.loraNamed(QStringLiteral("/l/ink.safetensors"))->strength, 0.8);
        QVERIFY(!settings.loraNamed(QStringLiteral("glow")));

        // the catalog's JSON of them reads back as written
        ProjectSettings read;
        QString error;
        QVERIFY2(read.readAddOnsJson(settings.addOnsJson(), &error), qPrintable(error));
        QVERIFY(read.loras == settings.loras);
        QVERIFY(read.embeddings == settings.embeddings);
        QVERIFY(!read.readAddOnsJson(QJsonObject{{QStringLiteral("loras"), QJsonArray{QJsonObject{{QStringLiteral("file"), QStringLiteral("x")}, {QStringLiteral("strength"), QStringLiteral("strong")}}}}}, &error));
        QVERIFY(error.contains(QStringLiteral("not a number")));
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
