// The colour module against the real OpenColorIO: the bundled config, configs written to
// temporary files, and OCIO's own command-line tool (ocioconvert) as the reference.
#include "tessera/color/ColorConfig.h"
#include "tessera/color/ColorError.h"
#include "tessera/color/ColorProcessor.h"
#include "tessera/color/ConfigResolver.h"
#include "tessera/color/ColorShader.h"
#include "tessera/color/ExposureMatch.h"

#include "GpuRender.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace tessera;

namespace {

const QString kResources = QStringLiteral(TESSERA_RESOURCES_DIR);

QString bundledPath() { return kResources + QStringLiteral("/ocio/config.ocio"); }

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

//! An 8-bit sRGB test card: every code value on grey, red, green and blue ramps, then noise
//! that covers the whole cube, so every region of every transform is exercised.
QImage testCard(int width = 256, int height = 64)
{
    QImage image(width, height, QImage::Format_RGBA8888);
    quint32 state = 12345u;
    for (int y = 0; y < height; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < width; ++x) {
            const int code = x * 255 / std::max(1, width - 1);
            int rgb[3] = {code, code, code};
            if (y == 1) { rgb[1] = rgb[2] = 0; }
            if (y == 2) { rgb[0] = rgb[2] = 0; }
            if (y == 3) { rgb[0] = rgb[1] = 0; }
            if (y >= 4) {
                for (int& channel : rgb) {
                    state = state * 1664525u + 1013904223u;
                    channel = int(state >> 24);
                }
            }
            line[4 * x] = uchar(rgb[0]);
            line[4 * x + 1] = uchar(rgb[1]);
            line[4 * x + 2] = uchar(rgb[2]);
            line[4 * x + 3] = 255;
        }
    }
    return image;
}

//! A cell whose linear-light content is a smooth texture scaled by 2^stops, encoded sRGB.
QImage plantedCell(int seed, double stops, int size = 96)
{
    QImage image(size, size, QImage::Format_RGBA8888);
    for (int y = 0; y < size; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < size; ++x) {
            // log-luminance varies by about +-2 stops across the cell, around 0.1 linear
            const double shade = std::sin(x * 0.07 + seed) * std::cos(y * 0.05 - seed * 0.3) * 2.0;
            const double base = 0.1 * std::pow(2.0, shade + stops);
            const double tint[3] = {1.0 + 0.2 * std::sin(seed), 1.0, 1.0 - 0.15 * std::cos(seed)};
            for (int c = 0; c < 3; ++c) {
                const double linear = std::clamp(base * tint[c], 0.0, 1.0);
                const double encoded = linear <= 0.0031308 ? linear * 12.92 : 1.055 * std::pow(linear, 1 / 2.4) - 0.055;
                line[4 * x + c] = uchar(std::lround(encoded * 255.0));
            }
            line[4 * x + 3] = 255;
        }
    }
    return image;
}

//! Expects work to throw a ColorError whose message contains every fragment.
template <typename Work>
void expectColorError(Work work, const QStringList& fragments)
{
    try {
        work();
    } catch (const ColorError& error) {
        for (const QString& fragment : fragments)
            QVERIFY2(error.message().contains(fragment), qPrintable(error.message() + " lacks " + fragment));
        return;
    }
    QFAIL("expected a ColorError");
}

} // namespace

class TestColor : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const ColorConfig> m_bundled;

    //! Runs OCIO's ocioconvert with config; returns its combined output, failing on error.
    QString ocioconvert(const QString& config, const QStringList& arguments)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("OCIO"), config);
        process.setProcessEnvironment(environment);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral("ocioconvert"), arguments);
        if (!process.waitForFinished(120000) || process.exitCode() != 0)
            return QStringLiteral("FAILED: ") + QString::fromLocal8Bit(process.readAll());
        return QString::fromLocal8Bit(process.readAll());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_bundled = ColorConfig::load(bundledPath());
    }

    void listsTheBundledDisplaysAndViews()
    {
        // given the bundled config, when it is listed, then it offers the three displays, each
        // with the standard, filmic and raw views, and its working and cell spaces
        QCOMPARE(m_bundled->displays(), (QStringList{"sRGB", "Rec.1886 Rec.709", "Display P3"}));
        for (const QString& display : m_bundled->displays())
            QCOMPARE(m_bundled->views(display), (QStringList{"Standard", "Filmic", "Raw"}));
        QCOMPARE(m_bundled->defaultDisplay(), QStringLiteral("sRGB"));
        QCOMPARE(m_bundled->defaultView(QStringLiteral("sRGB")), QStringLiteral("Standard"));
        QCOMPARE(m_bundled->workingSpace(), QStringLiteral("Linear Rec.709"));
        QCOMPARE(m_bundled->cellSpace(), QStringLiteral("sRGB - Texture"));
        QVERIFY(m_bundled->views(QStringLiteral("no such display")).isEmpty());
        // and the search next to the executable / in the resources dir finds the same file
        QCOMPARE(ColorConfig::bundledConfigPath(kResources), QFileInfo(bundledPath()).absoluteFilePath());
    }

    void exposureStopsScaleSceneLinearLight()
    {
        // given a cell and processors at 0, +1 and -1 stop
        const QImage cell = testCard();
        const ColorProcessor neutral(m_bundled, {});
        const ColorProcessor up(m_bundled, {}, Grade{1.0, 1.0, 1.0});
        const ColorProcessor down(m_bundled, {}, Grade{-1.0, 1.0, 1.0});
        // when each decodes it to scene-linear light
        const LinearImage base = neutral.toLinear(cell);
        const LinearImage doubled = up.toLinear(cell);
        const LinearImage halved = down.toLinear(cell);
        // then +1 stop doubles every value and -1 halves it
        QCOMPARE(base.rgb.size(), std::size_t(cell.width()) * cell.height() * 3);
        double maxBase = 0.0;
        for (std::size_t i = 0; i < base.rgb.size(); ++i) {
            maxBase = std::max(maxBase, double(base.rgb[i]));
            QVERIFY2(std::abs(doubled.rgb[i] - 2.0f * base.rgb[i]) <= 1e-6f * (1.0f + base.rgb[i]), qPrintable(QString::number(i)));
            QVERIFY2(std::abs(halved.rgb[i] - 0.5f * base.rgb[i]) <= 1e-6f * (1.0f + base.rgb[i]), qPrintable(QString::number(i)));
        }
        QVERIFY(std::abs(maxBase - 1.0) < 1e-6); // code 255 decodes to 1
        // and exposures from project, segment and cell scopes add in stops
        const Grade combined = Grade{0.5, 1.0, 1.0}.combinedWith(Grade{0.5, 1.0, 1.0});
        const LinearImage viaScopes = ColorProcessor(m_bundled, {}, combined).toLinear(cell);
        for (std::size_t i = 0; i < base.rgb.size(); ++i)
            QVERIFY(std::abs(viaScopes.rgb[i] - doubled.rgb[i]) <= 1e-6f * (1.0f + base.rgb[i]));
    }

    void gammaPivotsOnMiddleGreyAndSaturationUsesRec709Luma()
    {
        // given linear middle grey, two stops above it, and a saturated colour
        LinearImage linear(3, 1);
        const float values[9] = {0.18f, 0.18f, 0.18f, 0.72f, 0.72f, 0.72f, 0.8f, 0.2f, 0.1f};
        std::copy(values, values + 9, linear.rgb.begin());
        // when cells holding exactly these are graded: encode them, then decode with the grade
        const ColorProcessor neutral(m_bundled, {});
        const QImage cell = neutral.encodeToCell(linear);
        const LinearImage decoded = neutral.toLinear(cell);
        const LinearImage brighter = ColorProcessor(m_bundled, {}, Grade{0.0, 2.0, 1.0}).toLinear(cell);
        const LinearImage grey = ColorProcessor(m_bundled, {}, Grade{0.0, 1.0, 0.0}).toLinear(cell);
        // then gamma 2 keeps middle grey and halves the stops away from it (2 stops -> 1 stop):
        // v -> 0.18 * (v / 0.18)^(1 / gamma)
        for (int x = 0; x < 2; ++x) {
            const double before = decoded.pixel(x, 0)[1];
            const double expected = 0.18 * std::pow(before / 0.18, 0.5);
            QVERIFY2(std::abs(brighter.pixel(x, 0)[1] - expected) < 1e-5 * (1 + expected), qPrintable(QString::number(brighter.pixel(x, 0)[1])));
        }
        QVERIFY(std::abs(brighter.pixel(0, 0)[1] - 0.18) < 0.002);
        QVERIFY(std::abs(std::log2(brighter.pixel(1, 0)[1] / 0.18) - 1.0) < 0.01);
        // and saturation 0 leaves the Rec.709 luminance in every channel
        const float* colour = decoded.pixel(2, 0);
        const double luma = 0.2126 * colour[0] + 0.7152 * colour[1] + 0.0722 * colour[2];
        for (int c = 0; c < 3; ++c)
            QVERIFY(std::abs(grey.pixel(2, 0)[c] - luma) < 1e-5);
    }

    void srgbDecodeAndEncodeRoundTripEvery8BitValue()
    {
        // given every 8-bit code value in every channel (and mixed)
        QImage codes(256, 4, QImage::Format_RGBA8888);
        for (int x = 0; x < 256; ++x) {
            for (int y = 0; y < 4; ++y) {
                uchar* pixel = codes.scanLine(y) + 4 * x;
                pixel[0] = uchar(y == 1 ? 255 - x : x);
                pixel[1] = uchar(y == 2 ? (x * 7) % 256 : x);
                pixel[2] = uchar(y == 3 ? 0 : x);
                pixel[3] = 255;
            }
        }
        // when decoded to scene-linear light and encoded back
        const ColorProcessor processor(m_bundled, {});
        const QImage back = processor.encodeToCell(processor.toLinear(codes));
        // then every value comes back exactly, and the decode is the IEC 61966-2-1 curve
        QCOMPARE(back, codes);
        for (int code = 0; code < 256; ++code)
            QVERIFY(std::abs(processor.decodeTable()[std::size_t(code)] - srgbDecodeTable()[std::size_t(code)]) < 2e-6f);
        // and the standard sRGB view of an ungraded cell shows the cell as it is, on every path
        QCOMPARE(processor.toDisplay(codes), codes);
        QCOMPARE(processor.linearToDisplay8(processor.toLinear(codes)), codes);
    }

    void acceptsAnyImageFormatSizeAndKeepsAlpha()
    {
        // given cells in other formats, with alpha, tiny, and empty, and more threads than rows
        QImage translucent(5, 3, QImage::Format_ARGB32);
        translucent.fill(QColor(200, 120, 40, 128));
        const QImage grey = testCard(7, 2).convertToFormat(QImage::Format_Grayscale8);
        ColorProcessorOptions options;
        options.threads = 8;
        for (const QString& view : {QStringLiteral("Standard"), QStringLiteral("Filmic")}) {
            const ColorProcessor processor(m_bundled, {"", "", "sRGB", view}, Grade{0.5, 1.0, 1.0}, options);
            // when each goes through the export path
            const QImage out = processor.toDisplay(translucent);
            // then the size is kept, alpha passes untouched and the colour equals the opaque one's
            QCOMPARE(out.size(), translucent.size());
            QCOMPARE(out.format(), QImage::Format_RGBA8888);
            QImage opaque(1, 1, QImage::Format_RGBA8888);
            opaque.fill(QColor(200, 120, 40, 255));
            const QImage opaqueOut = processor.toDisplay(opaque);
            for (int c = 0; c < 3; ++c)
                QCOMPARE(out.constScanLine(2)[4 * 4 + c], opaqueOut.constScanLine(0)[c]);
            QCOMPARE(int(out.constScanLine(2)[4 * 4 + 3]), 128);
            QCOMPARE(processor.toDisplay(grey).size(), grey.size());
            QCOMPARE(processor.toLinear(grey).width, 7);
            QVERIFY(processor.toDisplay(QImage()).isNull());
            QVERIFY(processor.toLinear(QImage()).isNull());
            QVERIFY(processor.linearToDisplay8(LinearImage()).isNull());
        }
    }

    void filmicViewCompressesHighlightsTheStandardViewClips()
    {
        // given scene-linear values at 1 and 4 (two stops over white)
        LinearImage linear(2, 1);
        std::fill(linear.rgb.begin(), linear.rgb.begin() + 3, 1.0f);
        std::fill(linear.rgb.begin() + 3, linear.rgb.end(), 4.0f);
        // when shown through each view on sRGB
        const LinearImage standard = ColorProcessor(m_bundled, {"", "", "sRGB", "Standard"}).linearToDisplay(linear);
        const LinearImage filmic = ColorProcessor(m_bundled, {"", "", "sRGB", "Filmic"}).linearToDisplay(linear);
        const LinearImage raw = ColorProcessor(m_bundled, {"", "", "sRGB", "Raw"}).linearToDisplay(linear);
        // then Standard clips both to white, Filmic keeps them apart below white, Raw passes them
        QVERIFY(std::abs(standard.pixel(0, 0)[1] - 1.0f) < 1e-4f);
        QVERIFY(standard.pixel(1, 0)[1] >= 1.0f - 1e-4f);
        QVERIFY2(filmic.pixel(0, 0)[1] < filmic.pixel(1, 0)[1], qPrintable(QString::number(filmic.pixel(0, 0)[1])));
        QVERIFY(filmic.pixel(1, 0)[1] < 1.0f);
        QCOMPARE(raw.pixel(1, 0)[1], 4.0f);
    }

    void matchesOcioconvert_data()
    {
        QTest::addColumn<QString>("display");
        QTest::addColumn<QString>("view");
        QTest::addColumn<double>("exposure");
        QTest::addColumn<double>("gamma");
        QTest::addColumn<double>("saturation");
        QTest::addColumn<QString>("workingSpace");
        QTest::newRow("sRGB Standard") << "sRGB" << "Standard" << 0.0 << 1.0 << 1.0 << "";
        QTest::newRow("sRGB Filmic") << "sRGB" << "Filmic" << 0.0 << 1.0 << 1.0 << "";
        QTest::newRow("sRGB Filmic +1.5 stops") << "sRGB" << "Filmic" << 1.5 << 1.0 << 1.0 << "";
        QTest::newRow("Rec.1886 Filmic graded") << "Rec.1886 Rec.709" << "Filmic" << -0.75 << 1.4 << 0.6 << "";
        QTest::newRow("Display P3 Standard +1") << "Display P3" << "Standard" << 1.0 << 0.8 << 1.3 << "";
        // exposure commutes with the change of primaries, so the reference (graded in linear
        // Rec.709) holds for grading in ACEScg, where decoding the cells mixes channels
        QTest::newRow("ACEScg working space, sRGB Standard +1") << "sRGB" << "Standard" << 1.0 << 1.0 << 1.0 << "ACEScg";
        QTest::newRow("ACEScg working space, Rec.1886 Filmic -0.5") << "Rec.1886 Rec.709" << "Filmic" << -0.5 << 1.0 << 1.0 << "ACEScg";
    }

    void matchesOcioconvert()
    {
        QFETCH(QString, display);
        QFETCH(QString, view);
        QFETCH(double, exposure);
        QFETCH(double, gamma);
        QFETCH(double, saturation);
        QFETCH(QString, workingSpace);
        if (QStandardPaths::findExecutable(QStringLiteral("ocioconvert")).isEmpty())
            QSKIP("ocioconvert (opencolorio-tools) is not installed");
        // given the bundled config plus a colour space that decodes the cells and applies the
        // grade, written independently of our code as OCIO transforms in the config file
        const QString tag = QString::number(qHash(QTest::currentDataTag()));
        const QString config = m_dir.filePath(tag + QStringLiteral("-config.ocio"));
        const double g = 1.0 / gamma;
        const double s = saturation;
        const double luma[3] = {0.2126, 0.7152, 0.0722};
        QStringList sat;
        for (int row = 0; row < 3; ++row) {
            for (int col = 0; col < 3; ++col)
                sat << QString::number((1 - s) * luma[col] + (row == col ? s : 0.0), 'g', 17);
            sat << QStringLiteral("0");
        }
        sat << QStringLiteral("0") << QStringLiteral("0") << QStringLiteral("0") << QStringLiteral("1");
        const QString scale = QString::number(std::pow(2.0, exposure) / 0.18, 'g', 17);
        const QString graded = QStringLiteral(
            "colorspaces:\n"
            "  - !<ColorSpace>\n"
            "    name: Test Graded Cells\n"
            "    isdata: false\n"
            "    to_scene_reference: !<GroupTransform>\n"
            "      children:\n"
            "        - !<ExponentWithLinearTransform> {gamma: 2.4, offset: 0.055}\n"
            "        - !<MatrixTransform> {matrix: [%1, 0, 0, 0, 0, %1, 0, 0, 0, 0, %1, 0, 0, 0, 0, 1]}\n"
            "        - !<ExponentTransform> {value: [%2, %2, %2, 1]}\n"
            "        - !<MatrixTransform> {matrix: [0.18, 0, 0, 0, 0, 0.18, 0, 0, 0, 0, 0.18, 0, 0, 0, 0, 1]}\n"
            "        - !<MatrixTransform> {matrix: [%3]}\n"
            "        - !<RangeTransform> {min_in_value: 0, min_out_value: 0}\n\n")
            .arg(scale, QString::number(g, 'g', 17), sat.join(QStringLiteral(", ")));
        QByteArray text = readFile(bundledPath());
        QVERIFY(text.contains("\ncolorspaces:\n"));
        text.replace(QByteArray("\ncolorspaces:\n"), QByteArray(QByteArray("\n") + graded.toUtf8()));
        QVERIFY(writeFile(config, text));
        // and the test card as 8-bit and 16-bit PNGs (the same values: code * 257 / 65535)
        const QImage card = testCard();
        const QString in8 = m_dir.filePath(tag + QStringLiteral("-in8.png"));
        const QString in16 = m_dir.filePath(tag + QStringLiteral("-in16.png"));
        QVERIFY(card.save(in8));
        QVERIFY(card.convertToFormat(QImage::Format_RGBA64).save(in16));
        const QString out8 = m_dir.filePath(tag + QStringLiteral("-out8.png"));
        const QString out16 = m_dir.filePath(tag + QStringLiteral("-out16.png"));

        // when OCIO's own ocioconvert converts them to the display and view
        for (const auto& [in, out] : {std::pair{in16, out16}, std::pair{in8, out8}}) {
            const QString log = ocioconvert(config, {QStringLiteral("--view"), in, QStringLiteral("Test Graded Cells"), out, display, view});
            QVERIFY2(!log.startsWith(QStringLiteral("FAILED")), qPrintable(log));
        }
        const QImage reference16 = QImage(out16).convertToFormat(QImage::Format_RGBA64);
        const QImage reference8 = QImage(out8).convertToFormat(QImage::Format_RGBA8888);
        QCOMPARE(reference16.size(), card.size());
        // and our processor (loading the same file) does the same with the grade as a Grade
        const auto loaded = ColorConfig::load(config);
        const Grade grade{exposure, gamma, saturation};
        const ColorProcessor ours(loaded, {"", workingSpace, display, view}, grade);
        ColorProcessorOptions exactOptions;
        exactOptions.displayPath = DisplayPathMode::Exact;
        const ColorProcessor exact(loaded, {"", workingSpace, display, view}, grade, exactOptions);
        const LinearImage floatPath = ours.linearToDisplay(ours.toLinear(card));
        const QImage exportPath = ours.toDisplay(card);
        const QImage exactExportPath = exact.toDisplay(card);
        const QImage compositorPath = ours.linearToDisplay8(ours.toLinear(card));

        // then the float path equals ocioconvert within 1/1023; the exact 8-bit path within one
        // code value (rounding); the default export path (a baked 3D LUT where channels mix)
        // within one code value on 99% of channels, its largest error reported
        double maxFloatError = 0.0;
        int maxExactError = 0;
        QVector<int> exportErrors(256, 0);
        int compositorWithinOne = 0;
        int maxCompositorError = 0;
        for (int y = 0; y < card.height(); ++y) {
            const auto* ref16 = reinterpret_cast<const quint16*>(reference16.constScanLine(y));
            const uchar* ref8 = reference8.constScanLine(y);
            const uchar* out = exportPath.constScanLine(y);
            const uchar* outExact = exactExportPath.constScanLine(y);
            for (int x = 0; x < card.width(); ++x) {
                for (int c = 0; c < 3; ++c) {
                    const double reference = ref16[4 * x + c] / 65535.0;
                    maxFloatError = std::max(maxFloatError, std::abs(std::clamp(double(floatPath.pixel(x, y)[c]), 0.0, 1.0) - reference));
                    ++exportErrors[std::abs(int(out[4 * x + c]) - int(ref8[4 * x + c]))];
                    maxExactError = std::max(maxExactError, std::abs(int(outExact[4 * x + c]) - int(ref8[4 * x + c])));
                    const int compositorError = std::abs(int(compositorPath.constScanLine(y)[4 * x + c]) - int(ref8[4 * x + c]));
                    compositorWithinOne += compositorError <= 1;
                    maxCompositorError = std::max(maxCompositorError, compositorError);
                }
                QCOMPARE(out[4 * x + 3], uchar(255));
            }
        }
        const int channels = card.width() * card.height() * 3;
        int maxExportError = 0;
        for (int e = 0; e < 256; ++e)
            maxExportError = exportErrors[e] ? e : maxExportError;
        const double withinOne = double(exportErrors[0] + exportErrors[1]) / channels;
        qInfo("%s: float path max error %.3f/1023; exact 8-bit max %d code; export path (%s) max %d codes, "
              "%.2f%% exact, %.2f%% within 1 code; compositor path (%s) max %d codes, %.2f%% within 1 code",
            QTest::currentDataTag(), maxFloatError * 1023.0, maxExactError,
            ours.usesBakedDisplayPath() ? qPrintable(QStringLiteral("baked 3D LUT %1^3").arg(ours.bakedLutSize())) : "per-channel tables", maxExportError,
            100.0 * exportErrors[0] / channels, 100.0 * withinOne,
            ours.linearLutSize() ? qPrintable(QStringLiteral("linear LUT %1^3").arg(ours.linearLutSize())) : "exact OCIO", maxCompositorError,
            100.0 * compositorWithinOne / channels);
        QCOMPARE(ours.workingSpace(), workingSpace.isEmpty() ? QStringLiteral("Linear Rec.709") : workingSpace);
        QVERIFY2(maxFloatError <= 1.0 / 1023.0, qPrintable(QString::number(maxFloatError * 1023.0)));
        QVERIFY2(maxExactError <= 1, qPrintable(QString::number(maxExactError)));
        QVERIFY2(withinOne >= 0.99, qPrintable(QString::number(withinOne)));
        QVERIFY2(compositorWithinOne >= 0.99 * channels, qPrintable(QString::number(compositorWithinOne / double(channels))));
    }

    void usesTheConfigGivenThroughOcioEnvironment()
    {
        // given a valid config whose display has another name, named by $OCIO
        QByteArray text = readFile(bundledPath());
        text.replace("  Display P3:\n", "  Studio Projector:\n");
        text.replace("    name: Display P3\n", "    name: Studio Projector\n");
        const QString path = m_dir.filePath(QStringLiteral("studio.ocio"));
        QVERIFY(writeFile(path, text));
        const QByteArray previous = qgetenv("OCIO");
        qputenv("OCIO", path.toLocal8Bit());
        // when the project names no config
        const ResolvedColorConfig fromEnvironment = resolveColorConfig({}, {std::nullopt, kResources, true, QString()});
        // then $OCIO's config is used, with no fallback
        QCOMPARE(fromEnvironment.origin, ConfigOrigin::Environment);
        QCOMPARE(fromEnvironment.config->path(), path);
        QVERIFY(fromEnvironment.config->displays().contains(QStringLiteral("Studio Projector")));
        QVERIFY(!fromEnvironment.fellBack());
        QCOMPARE(fromEnvironment.settings.display, QStringLiteral("sRGB"));
        QCOMPARE(fromEnvironment.settings.view, QStringLiteral("Standard"));
        // and a project's own config wins over $OCIO
        ColorSettings project;
        project.ocioConfig = bundledPath();
        project.display = QStringLiteral("Display P3");
        project.view = QStringLiteral("Filmic");
        const ResolvedColorConfig fromProject = resolveColorConfig(project, {std::nullopt, kResources, true, QString()});
        QCOMPARE(fromProject.origin, ConfigOrigin::Project);
        QCOMPARE(fromProject.settings.display, QStringLiteral("Display P3"));
        QCOMPARE(fromProject.settings.view, QStringLiteral("Filmic"));
        // and processors build from the environment's config and its new display
        const ColorProcessor processor(fromEnvironment.config, {"", "", "Studio Projector", "Filmic"});
        QCOMPARE(processor.display(), QStringLiteral("Studio Projector"));
        if (previous.isEmpty())
            qunsetenv("OCIO");
        else
            qputenv("OCIO", previous);
        // and without $OCIO or a project config the bundled one is used
        const ResolvedColorConfig bundled = resolveColorConfig({}, {QString(), kResources, true, QString()});
        QCOMPARE(bundled.origin, ConfigOrigin::Bundled);
        QCOMPARE(bundled.config->path(), QFileInfo(bundledPath()).absoluteFilePath());
    }

    void loadsAnOcioV1StudioConfigThroughTheSameCode()
    {
        // given a version 1 config as older studio pipelines have, with other names throughout,
        // named by the project relative to its folder
        const QByteArray v1 =
            "ocio_profile_version: 1\n"
            "search_path: \"\"\n"
            "strictparsing: true\n"
            "luma: [0.2126, 0.7152, 0.0722]\n"
            "roles:\n"
            "  default: raw\n"
            "  scene_linear: lnf\n"
            "  color_picking: sRGB\n"
            "displays:\n"
            "  Monitor:\n"
            "    - !<View> {name: Film, colorspace: vd8}\n"
            "    - !<View> {name: Raw, colorspace: raw}\n"
            "active_displays: []\n"
            "active_views: []\n"
            "colorspaces:\n"
            "  - !<ColorSpace> {name: raw, bitdepth: 32f, isdata: true}\n"
            "  - !<ColorSpace> {name: lnf, bitdepth: 32f, isdata: false}\n"
            "  - !<ColorSpace>\n"
            "    name: sRGB\n"
            "    bitdepth: 8ui\n"
            "    isdata: false\n"
            "    to_reference: !<ExponentTransform> {value: [2.2, 2.2, 2.2, 1]}\n"
            "  - !<ColorSpace>\n"
            "    name: vd8\n"
            "    bitdepth: 8ui\n"
            "    isdata: false\n"
            "    from_reference: !<ExponentTransform> {value: [2.2, 2.2, 2.2, 1], direction: inverse}\n";
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("studio")));
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("studio/config.ocio")), v1));
        ColorSettings settings;
        settings.ocioConfig = QStringLiteral("studio/config.ocio");
        settings.view = QStringLiteral("Film");
        // when it is resolved and listed
        const ResolvedColorConfig resolved = resolveColorConfig(settings, {QString(), kResources, false, m_dir.path()});
        // then its displays, views, working space and cell encoding come from it
        QCOMPARE(resolved.origin, ConfigOrigin::Project);
        QCOMPARE(resolved.config->displays(), QStringList{QStringLiteral("Monitor")});
        QCOMPARE(resolved.config->views(QStringLiteral("Monitor")), (QStringList{"Film", "Raw"}));
        QCOMPARE(resolved.config->workingSpace(), QStringLiteral("lnf"));
        QCOMPARE(resolved.config->cellSpace(), QStringLiteral("sRGB"));
        QCOMPARE(resolved.settings.display, QStringLiteral("Monitor"));
        QCOMPARE(resolved.settings.view, QStringLiteral("Film"));
        // and processors run on it: +1 stop on a mid grey through its gamma 2.2 view
        const ColorProcessor processor(resolved.config, resolved.settings, Grade{1.0, 1.0, 1.0});
        QImage grey(4, 4, QImage::Format_RGBA8888);
        grey.fill(QColor(100, 100, 100));
        const int expected = int(std::lround(255.0 * std::pow(std::pow(100 / 255.0, 2.2) * 2.0, 1 / 2.2)));
        QCOMPARE(int(processor.toDisplay(grey).constScanLine(2)[4]), expected);
    }

    void brokenConfigsGiveClearErrorsAndFallBack_data()
    {
        QTest::addColumn<QString>("fileName");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("problem");
        QTest::newRow("missing file") << "missing.ocio" << QByteArray() << "no such file";
        QTest::newRow("syntax error") << "syntax.ocio"
                                      << QByteArray("ocio_profile_version: 2.1\nroles: [unclosed\n  : : :\n") << "";
        QByteArray missingSpace = readFile(bundledPath());
        missingSpace.replace("{name: Raw, colorspace: Raw}", "{name: Raw, colorspace: No Such Space}");
        QTest::newRow("missing colour space") << "missing-space.ocio" << missingSpace << "No Such Space";
        // fuzz_ocio_config's regression: a name that is not UTF-8 was listed as one no lookup finds
        QByteArray latin1Name = readFile(bundledPath());
        latin1Name.replace("name: Raw\n", "name: R\xe4w\n");
        latin1Name.replace("data: Raw\n", "data: R\xe4w\n");
        latin1Name.replace("{name: Raw, colorspace: Raw}", "{name: Raw, colorspace: R\xe4w}");
        QTest::newRow("name not UTF-8") << "latin1-name.ocio" << latin1Name << "not UTF-8";
    }

    void brokenConfigsGiveClearErrorsAndFallBack()
    {
        QFETCH(QString, fileName);
        QFETCH(QByteArray, content);
        QFETCH(QString, problem);
        // given a broken config
        const QString path = m_dir.filePath(fileName);
        if (!content.isEmpty())
            QVERIFY(writeFile(path, content));
        // when it is loaded, then a ColorError names the file and the problem, in one line
        QStringList fragments{path + QStringLiteral(": ")};
        if (!problem.isEmpty())
            fragments << problem;
        expectColorError([&] { ColorConfig::load(path); }, fragments);
        try {
            ColorConfig::load(path);
        } catch (const ColorError& error) {
            QCOMPARE(error.path(), path);
            QVERIFY(!error.problem().isEmpty());
            QVERIFY2(!error.message().contains(QLatin1Char('\n')), qPrintable(error.message()));
        }
        // and the resolver, given it as the project's config, falls back to the bundled one
        // and says why
        ColorSettings settings;
        settings.ocioConfig = path;
        settings.display = QStringLiteral("Display P3");
        const ResolvedColorConfig resolved = resolveColorConfig(settings, {QString(), kResources, true, QString()});
        QCOMPARE(resolved.origin, ConfigOrigin::Bundled);
        QVERIFY(resolved.fellBack());
        QVERIFY2(resolved.fallbackReason.startsWith(path + QStringLiteral(": ")), qPrintable(resolved.fallbackReason));
        QCOMPARE(resolved.settings.display, QStringLiteral("Display P3"));
        // or, when asked not to fall back, throws the same error
        expectColorError([&] { resolveColorConfig(settings, {QString(), kResources, false, QString()}); }, fragments);
    }

    void unknownDisplayOrViewIsAnErrorOrFallsBackToTheDefault()
    {
        // given the bundled config and a display / view it does not offer
        expectColorError([&] { ColorProcessor(m_bundled, {"", "", "Cinema", ""}); }, {bundledPath(), "no display \"Cinema\"", "sRGB"});
        expectColorError([&] { ColorProcessor(m_bundled, {"", "", "sRGB", "Log"}); }, {"no view \"Log\"", "Filmic"});
        expectColorError([&] { ColorProcessor(m_bundled, {"", "No Such Space", "", ""}); }, {"No Such Space"});
        expectColorError([&] { ColorProcessor(m_bundled, {}, Grade{0.0, 0.0, 1.0}); }, {"gamma"});
        // when resolved with fallback, then the defaults are used and the reason is given
        ColorSettings settings;
        settings.ocioConfig = bundledPath();
        settings.display = QStringLiteral("sRGB");
        settings.view = QStringLiteral("Log");
        const ResolvedColorConfig resolved = resolveColorConfig(settings, {QString(), kResources, true, QString()});
        QCOMPARE(resolved.origin, ConfigOrigin::Project);
        QCOMPARE(resolved.settings.view, QStringLiteral("Standard"));
        QVERIFY(resolved.fallbackReason.contains(QStringLiteral("no view \"Log\"")));
    }

    void shaderHasDynamicExposureAndGamma()
    {
        // given the GPU description of a graded filmic view
        ColorShader shader(m_bundled, {"", "", "sRGB", "Filmic"}, Grade{0.5, 1.0, 0.8}, ColorShader::Language::Glsl12);
        const QString text = shader.shaderText();
        QVERIFY(text.contains(shader.functionName() + QLatin1Char('(')));
        const auto valueOf = [&](const QString& fragment) {
            for (const ShaderUniform& uniform : shader.uniforms()) {
                if (uniform.name.contains(fragment, Qt::CaseInsensitive) && uniform.type == ShaderUniform::Type::Double)
                    return uniform.number;
            }
            return std::nan("");
        };
        QCOMPARE(valueOf(QStringLiteral("exposure")), 0.5);
        QCOMPARE(valueOf(QStringLiteral("gamma")), 1.0);
        // when the exposure and gamma sliders move
        shader.setExposure(-1.25);
        shader.setGamma(2.0);
        // then only uniform values change (OCIO's gamma is the reciprocal), not the program
        QCOMPARE(valueOf(QStringLiteral("exposure")), -1.25);
        QCOMPARE(valueOf(QStringLiteral("gamma")), 0.5);
        QCOMPARE(shader.shaderText(), text);
        QCOMPARE(shader.grade(), (Grade{-1.25, 2.0, 0.8}));
        // and a bad value is refused without changing anything
        expectColorError([&] { shader.setGamma(0.0); }, {QStringLiteral("gamma")});
        QCOMPARE(valueOf(QStringLiteral("gamma")), 0.5);
    }

    void gpuPathAgreesWithCpuPath_data()
    {
        QTest::addColumn<QString>("display");
        QTest::addColumn<QString>("view");
        QTest::addColumn<double>("saturation");
        QTest::newRow("sRGB Standard") << "sRGB" << "Standard" << 1.0;
        QTest::newRow("sRGB Filmic") << "sRGB" << "Filmic" << 1.0;
        QTest::newRow("Rec.1886 Filmic desaturated") << "Rec.1886 Rec.709" << "Filmic" << 0.7;
        QTest::newRow("Display P3 Standard saturated") << "Display P3" << "Standard" << 1.2;
    }

    void gpuPathAgreesWithCpuPath()
    {
        QFETCH(QString, display);
        QFETCH(QString, view);
        QFETCH(double, saturation);
        // given a cell, a shader, and exposure / gamma moved after the shader was built
        const QImage card = testCard(256, 32);
        ColorShader shader(m_bundled, {"", "", display, view}, Grade{0.0, 1.0, saturation}, ColorShader::Language::Glsl12);
        shader.setExposure(0.75);
        shader.setGamma(1.3);
        // when OpenGL renders the cell through it
        const testing::GpuRenderResult gpu = testing::renderWithOpenGl(shader, card);
        if (gpu.display.isNull() && gpu.problem.startsWith(QStringLiteral("no OpenGL context")))
            QSKIP(qPrintable(gpu.problem));
        QVERIFY2(!gpu.display.isNull(), qPrintable(gpu.problem));
        // then it agrees with the CPU path built with the same grade: within 0.03/255, about four times the
        // worst measured under Xvfb's Mesa llvmpipe, where the color-gpu entry runs (0.007/255);
        // hardware texture filtering (8-bit weights) would need about 1/255
        const ColorProcessor cpu(m_bundled, {"", "", display, view}, Grade{0.75, 1.3, saturation});
        const LinearImage expected = cpu.linearToDisplay(cpu.toLinear(card));
        double maxError = 0.0;
        for (std::size_t i = 0; i < expected.rgb.size(); ++i)
            maxError = std::max(maxError, std::abs(double(std::clamp(expected.rgb[i], 0.0f, 1.0f)) - std::clamp(double(gpu.display.rgb[i]), 0.0, 1.0)));
        qInfo("%s: GPU vs CPU max difference %.6f (%.3f/255)", QTest::currentDataTag(), maxError, maxError * 255.0);
        QVERIFY2(maxError <= 0.03 / 255.0, qPrintable(QString::number(maxError * 255.0)));
    }

    void matchExposureEvensOutPlantedJumps()
    {
        // given a 4x4 grid whose cells share a texture but carry planted exposure jumps
        const double planted[16] = {0.0, 1.5, -1.2, 0.4, -0.8, 2.0, 0.1, -1.7, 0.9, -0.3, 1.1, -2.0, 0.6, -0.5, 1.8, 0.2};
        QVector<QImage> cells;
        for (int i = 0; i < 16; ++i)
            cells.append(plantedCell(i % 3, planted[i]));
        // when match exposure computes offsets from the cells' images, with the config's decode
        const ColorProcessor neutral(m_bundled, {});
        const ExposureMatch match = matchExposure(cells, neutral.decodeTable());
        QCOMPARE(match.offsetStops.size(), 16);
        // then applying each offset as the cell's grade, through the real pipeline, brings every
        // cell's median log-luminance within 0.1 stop of the others
        double before = 0.0;
        QVector<double> after;
        for (int i = 0; i < 16; ++i) {
            before = std::max(before, std::abs(match.medianLog2[i] - match.targetLog2));
            const ColorProcessor graded(m_bundled, {}, Grade{match.offsetStops[i], 1.0, 1.0});
            const LinearImage linear = graded.toLinear(cells[i]);
            std::vector<double> logs;
            for (std::size_t p = 0; p < linear.rgb.size(); p += 3)
                logs.push_back(std::log2(std::max(1e-9, 0.2126 * linear.rgb[p] + 0.7152 * linear.rgb[p + 1] + 0.0722 * linear.rgb[p + 2])));
            std::nth_element(logs.begin(), logs.begin() + std::ptrdiff_t(logs.size() / 2), logs.end());
            after.append(logs[logs.size() / 2]);
        }
        QVERIFY2(before > 1.5, qPrintable(QString::number(before)));
        const auto [low, high] = std::minmax_element(after.begin(), after.end());
        qInfo("planted spread %.2f stops, after matching %.3f stops", before, *high - *low);
        QVERIFY2(*high - *low <= 0.1, qPrintable(QString::number(*high - *low)));
        // and an empty list or image is no crash
        QVERIFY(matchExposure({}).offsetStops.isEmpty());
        QCOMPARE(matchExposure({QImage()}).offsetStops.value(0), 0.0);
    }
};

QTEST_MAIN(TestColor)
#include "tst_color.moc"
