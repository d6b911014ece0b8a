// What a grid of thousands of cells costs (issue 28, "the seed's scale"): one project per grid
// size, its second segment a side x side grid whose every cell holds an imported image, and for
// each:
//  - the project file's size, and the time to store the images (each with its preview);
//  - the grid browser (the studio's widget, offscreen, 1200x900): segment chosen to a painted
//    view, and one screenful scrolled and painted, median of several;
//  - what it replaced, as the reference in the same run: decoding every cell's full image (the
//    browser did that on opening a grid before schema 5);
//  - `tessera-cli cells PROJECT --segment 2 --suspects` and `tessera-cli grid-sheet ... --cell-size
//    48` as processes, start to exit;
//  - the compositor's frame (FrameCompositor::frameAt at 1280x720 across the grid's segment),
//    which must not grow with the grid: the 3x3 project is its reference;
//  - the tesseract view (TesseractView::measureFrameMs, 1280x720): its frame and the longest stall
//    of the GUI thread while it opens the project; it needs OpenGL, so only on a display:
//    xvfb-run -a -s "-screen 0 1600x1000x24" build/benchmarks/bench_grid_scale
// Sides: TESSERA_BENCH_GRID_SIDES (default "3 64 100"); cell images: TESSERA_BENCH_CELL_PX
// (default 256). A last line stores 64 cells of 512 px to give the bytes a 512 px cell costs.
#include "StudioTestProject.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/render/Composition.h"
#include "tessera/render/FrameCompositor.h"
#include "tessera/studio/EditHistory.h"
#include "tessera/studio/GridBrowserModel.h"
#include "tessera/ui/GridBrowser.h"
#include "tessera/ui/GridBrowserParts.h"
#include "tessera/ui/TesseractView.h"

#include <QApplication>
#include <QBuffer>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QScrollArea>
#include <QScrollBar>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

using namespace tessera;
using namespace tessera::testing;

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[values.size() / 2];
}

double msSince(const QElapsedTimer& clock)
{
    return double(clock.nsecsElapsed()) / 1e6;
}

//! Distinct images that compress about as a generated picture does: smooth shapes plus grain.
QVector<QByteArray> makeCellImages(int count, int side)
{
    QVector<QByteArray> images;
    std::mt19937 random(7);
    std::uniform_int_distribution<int> grain(-10, 10);
    for (int k = 0; k < count; ++k) {
        QImage image(side, side, QImage::Format_RGB888);
        for (int y = 0; y < side; ++y) {
            uchar* line = image.scanLine(y);
            for (int x = 0; x < side; ++x) {
                const double u = double(x) / side;
                const double v = double(y) / side;
                const double base = 0.5 + 0.5 * std::sin(6.0 * u + k) * std::cos(4.0 * v - 0.3 * k);
                for (int c = 0; c < 3; ++c)
                    line[3 * x + c] = uchar(std::clamp(int(255 * base * (0.6 + 0.2 * c)) + grain(random), 0, 255));
            }
        }
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        images.append(png);
    }
    return images;
}

//! Gives every cell of the segment one of the images, in one transaction; returns seconds.
double fillGrid(Catalog& catalog, qint64 segmentId, const QVector<QByteArray>& images, int side)
{
    QElapsedTimer clock;
    clock.start();
    catalog.transact([&] {
        int k = 0;
        for (const Cell& cell : catalog.cells(segmentId)) {
            Version version;
            version.cellId = cell.id;
            version.png = images[k++ % images.size()];
            version.width = side;
            version.height = side;
            version.recipe = QJsonObject{{QStringLiteral("imported"), true}};
            catalog.addVersion(version);
        }
    });
    return msSince(clock) / 1000.0;
}

struct BrowserFigures
{
    double modelMs = 0; //!< of openMs: GridBrowserModel::setSegment (the catalog read, the scores)
    double openMs = 0;
    double scrollMs = 0;
};

BrowserFigures benchBrowser(Catalog& catalog, qint64 segmentId)
{
    EditHistory history(catalog);
    GridBrowserModel model(catalog, history);
    GridBrowser browser(model);
    browser.resize(1200, 900);
    browser.show();
    QApplication::processEvents();
    auto* scroll = qobject_cast<QScrollArea*>(browser.canvas()->parentWidget()->parentWidget());
    QWidget* viewport = browser.canvas()->parentWidget();
    std::vector<double> models;
    std::vector<double> opens;
    std::vector<double> scrolls;
    for (int run = 0; run < 3; ++run) {
        model.setSegment(0); // also drops the decoded previews
        QApplication::processEvents();
        QElapsedTimer clock;
        clock.start();
        model.setSegment(segmentId);
        models.push_back(msSince(clock));
        QApplication::processEvents(); // the scroll area lays the bigger canvas out and paints it
        viewport->grab();
        opens.push_back(msSince(clock));
        if (!scroll)
            continue;
        QScrollBar* bar = scroll->verticalScrollBar();
        for (int page = 0; page < 3 && bar->value() < bar->maximum(); ++page) {
            clock.restart();
            bar->setValue(bar->value() + bar->pageStep());
            viewport->grab();
            scrolls.push_back(msSince(clock));
        }
    }
    return {median(models), median(opens), median(scrolls)};
}

double decodeEveryImageMs(const Catalog& catalog, qint64 segmentId)
{
    QElapsedTimer clock;
    clock.start();
    qint64 pixels = 0;
    for (const Cell& cell : catalog.cells(segmentId)) {
        if (cell.activeVersionId != 0)
            pixels += QImage::fromData(catalog.versionImage(cell.activeVersionId)).width();
    }
    return pixels > 0 ? msSince(clock) : 0.0;
}

//! tessera-cli with arguments, start to exit, in ms; -1 when it fails.
double cliMs(const QStringList& arguments)
{
    QElapsedTimer clock;
    clock.start();
    QProcess cli;
    cli.start(QStringLiteral(TESSERA_CLI_PATH), arguments);
    if (!cli.waitForFinished(600000) || cli.exitCode() != 0) {
        std::fprintf(stderr, "tessera-cli %s failed: %s\n", qPrintable(arguments.join(QLatin1Char(' '))),
            cli.readAllStandardError().constData());
        return -1.0;
    }
    return msSince(clock);
}

double compositorFrameMs(Catalog& catalog)
{
    const Composition composition = loadComposition(catalog);
    FrameCompositor compositor(composition, [&catalog](qint64 id) { return catalog.versionImage(id); },
        CompositorOptions{1280, 720, std::nullopt, std::size_t(256) << 20, QStringLiteral(TESSERA_RESOURCES_DIR), {}, {}});
    compositor.frameAt(2.0); // the colour processors, outside the timing
    std::vector<double> frames;
    for (int i = 0; i < 60; ++i) {
        QElapsedTimer clock;
        clock.start();
        compositor.frameAt(2.0 + i / 30.0);
        frames.push_back(msSince(clock));
    }
    return median(frames);
}

QVector<int> sidesFromEnvironment()
{
    QVector<int> sides;
    const QString text = qEnvironmentVariable("TESSERA_BENCH_GRID_SIDES", QStringLiteral("3 64 100"));
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const int side = word.toInt();
        if (side >= 1 && side <= GridGeometry::kMaxSide)
            sides.append(side);
    }
    return sides;
}

} // namespace

int main(int argc, char* argv[])
{
    // The tesseract view needs OpenGL: on a display (xvfb-run) it is measured too.
    const bool onDisplay = !qEnvironmentVariableIsEmpty("DISPLAY");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", onDisplay ? "xcb" : "offscreen");
    QApplication app(argc, argv);
    const int cellPx = std::clamp(qEnvironmentVariableIntValue("TESSERA_BENCH_CELL_PX"), 0, 2048);
    const int side = cellPx > 0 ? cellPx : 256;
    const QVector<QByteArray> images = makeCellImages(32, side);

    std::printf("bench_grid_scale: one segment of side x side cells, each a %d px image (%.0f KB as PNG)\n", side,
        images.constFirst().size() / 1024.0);
    std::printf("  %-9s %9s %9s %10s %9s %10s %12s %11s %9s %11s %s\n", "grid", "file MB", "store s", "browser ms", "model ms",
        "scroll ms", "decode-all ms", "suspects ms", "sheet ms", "compose ms", "  tesseract view");
    for (const int gridSide : sidesFromEnvironment()) {
        QTemporaryDir dir;
        StudioTestProject project(dir);
        ProjectSettings settings = project.catalog->settings();
        settings.width = 1280;
        settings.height = 720;
        project.catalog->setSettings(settings);
        Segment grid = *project.catalog->segment(project.secondId);
        grid.grid = GridGeometry(gridSide, gridSide);
        project.catalog->updateSegment(grid);
        const double storeSeconds = fillGrid(*project.catalog, project.secondId, images, side);
        project.catalog.reset(); // checkpoints the WAL into the file
        const double fileMb = QFileInfo(project.path).size() / 1048576.0;

        auto catalog = Catalog::open(project.path);
        const BrowserFigures browser = benchBrowser(*catalog, project.secondId);
        const double decodeAll = decodeEveryImageMs(*catalog, project.secondId);
        const double composeMs = compositorFrameMs(*catalog);
        catalog.reset();
        const QStringList second{project.path, QStringLiteral("--segment"), QStringLiteral("2")};
        const double suspectsMs = cliMs(QStringList{QStringLiteral("cells")} + second + QStringList{QStringLiteral("--suspects")});
        const double sheetMs = cliMs(QStringList{QStringLiteral("grid-sheet")} + second
            + QStringList{dir.filePath(QStringLiteral("sheet.png")), QStringLiteral("--cell-size"), QStringLiteral("48")});
        QString tesseractText = QStringLiteral("(run under xvfb-run for the tesseract view)");
        if (onDisplay) {
            QString error;
            double stallMs = 0.0;
            const double frameMs = TesseractView::measureFrameMs(project.path, QSize(1280, 720), 60, &error, &stallMs);
            tesseractText = frameMs < 0 ? error
                                        : QStringLiteral("%1 ms/frame, %2 ms longest stall opening")
                                              .arg(frameMs, 0, 'f', 1)
                                              .arg(stallMs, 0, 'f', 0);
        }
        std::printf("  %4dx%-4d %9.1f %9.1f %10.1f %9.1f %10.1f %12.1f %11.1f %9.1f %11.2f   %s\n", gridSide, gridSide, fileMb,
            storeSeconds, browser.openMs, browser.modelMs, browser.scrollMs, decodeAll, suspectsMs, sheetMs, composeMs,
            qPrintable(tesseractText));
        std::fflush(stdout);
    }

    // The bytes of a 512 px cell, for sizing a 100x100 grid of them.
    {
        QTemporaryDir dir;
        StudioTestProject project(dir);
        Segment grid = *project.catalog->segment(project.secondId);
        grid.grid = GridGeometry(8, 8);
        project.catalog->updateSegment(grid);
        const qint64 before = [&] {
            project.catalog.reset();
            const qint64 size = QFileInfo(project.path).size();
            project.catalog = Catalog::open(project.path);
            return size;
        }();
        fillGrid(*project.catalog, project.secondId, makeCellImages(8, 512), 512);
        project.catalog.reset();
        const double perCell = double(QFileInfo(project.path).size() - before) / 64.0;
        std::printf("  a 512 px cell costs %.0f KB in the file (64 stored): 10,000 of them %.2f GB\n", perCell / 1024.0,
            perCell * 10000.0 / 1e9);
    }
    return 0;
}
