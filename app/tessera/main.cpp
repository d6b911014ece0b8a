// The Tessera studio: wires settings, translations and the main window together.
#include "tessera/core/BuildInfo.h"
#include "tessera/studio/PlaybackController.h"
#include "tessera/studio/ProjectComposition.h"
#include "tessera/studio/StudioPreferences.h"
#include "tessera/ui/MainWindow.h"
#include "tessera/ui/PreviewPanel.h"
#include "tessera/ui/StudioLanguage.h"
#include "tessera/ui/StudioStyle.h"
#include "tessera/ui/TimelineView.h"
#ifdef TESSERA_STUDIO_UPSCALE
#include "EsrganRunner.h"
#endif

#include <QApplication>
#include <QCoreApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QIcon>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QDialog>

#include <cmath>
#include <cstdio>

namespace {

// The command line's help: main() belongs to no class, so its strings get a context of their own.
struct StudioMain
{
    Q_DECLARE_TR_FUNCTIONS(tessera::StudioMain)
};

// The value of --language CODE or --language=CODE; a null string when it is not given. Read
// before QCommandLineParser runs, which needs the translators installed to show translated help.
QString languageArgument(const QStringList& arguments)
{
    const QString option = QStringLiteral("--language");
    for (int i = 1; i < arguments.size(); ++i) {
        if (arguments[i] == option)
            return arguments.value(i + 1, QString(QLatin1String("")));
        if (arguments[i].startsWith(option + QLatin1Char('=')))
            return arguments[i].mid(option.size() + 1);
    }
    return {};
}

// --screenshot: opens the project with the default layout, waits until the preview shows a
// composed frame and the timeline has its waveform, saves the window as PNG, prints how long
// opening took and quits. What the README's screenshots and the open-time figure come from.
struct ScreenshotRequest
{
    QString project;
    QString path;
    double atSeconds = 0.0;
    QString panel;       //!< a dock to raise before the grab
    bool exportDialog = false;
};

int takeScreenshot(tessera::MainWindow& window, const ScreenshotRequest& request, const QElapsedTimer& sinceStart)
{
    const QString& project = request.project;
    const QString& path = request.path;
    const double atSeconds = request.atSeconds;
    if (!request.panel.isEmpty() && !window.raiseDock(request.panel)) {
        std::fprintf(stderr, "tessera: --panel: no panel named %s\n", qPrintable(request.panel));
        return 2;
    }
    QElapsedTimer sinceOpen;
    bool previewShown = false;
    bool audioShown = false;
    qint64 previewMs = 0;
    qint64 audioMs = 0;
    int exitCode = 0;
    const auto finishWhenReady = [&] {
        if (!previewShown || !audioShown)
            return;
        previewShown = false; // once
        // One more event-loop turn so that every panel has painted its final state.
        QWidget* target = &window;
        if (request.exportDialog) {
            target = window.showExportDialog();
            if (!target) {
                std::fprintf(stderr, "tessera: the export dialog cannot open for %s\n", qPrintable(project));
                QApplication::exit(1);
                return;
            }
        }
        QTimer::singleShot(300, &window, [&, target] {
            const QImage image = target->grab().toImage();
            if (!image.save(path)) {
                std::fprintf(stderr, "tessera: %s: cannot write the screenshot\n", qPrintable(path));
                exitCode = 1;
            } else {
                std::printf("screenshot %s (%dx%d)\n", qPrintable(path), image.width(), image.height());
                std::printf("opened %s: timeline waveform after %lld ms, first composed frame after %lld ms "
                            "(%lld ms since the process started)\n",
                    qPrintable(project), audioMs, previewMs, sinceStart.elapsed());
            }
            std::fflush(stdout);
            QApplication::exit(exitCode);
        });
    };
    QObject::connect(window.findChild<tessera::PreviewPanel*>(), &tessera::PreviewPanel::frameShown, &window, [&](double seconds) {
        if (previewMs == 0 && std::abs(seconds - atSeconds) < 0.05) {
            previewMs = sinceOpen.elapsed();
            previewShown = true;
            finishWhenReady();
        }
    });
    QObject::connect(&window, &tessera::MainWindow::timelineAudioLoaded, &window, [&] {
        audioMs = sinceOpen.elapsed();
        audioShown = true;
        finishWhenReady();
    });
    // After the song is loaded (which puts the playhead at 0), go to the asked-for moment and
    // select the segment playing there.
    QObject::connect(window.findChild<tessera::ProjectComposition*>(), &tessera::ProjectComposition::loaded, &window, [&] {
        window.findChild<tessera::PlaybackController*>()->seek(atSeconds);
        const auto& segments = window.findChild<tessera::TimelineView*>()->segments();
        for (int i = 0; i < segments.size(); ++i) {
            if (segments[i].range.contains(tessera::millisecondContaining(atSeconds)))
                window.findChild<tessera::TimelineView*>()->selectSegment(i);
        }
    });
    QObject::connect(&window, &tessera::MainWindow::errorShown, &window, [](const QString& message) {
        std::fprintf(stderr, "tessera: %s\n", qPrintable(message));
        QApplication::exit(1);
    });
    QTimer::singleShot(120000, &window, [] {
        std::fprintf(stderr, "tessera: the project did not finish loading within 2 minutes\n");
        QApplication::exit(1);
    });
    sinceOpen.start();
    if (!window.openProject(project))
        return 1;
    return QApplication::exec();
}

} // namespace

int main(int argc, char* argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Tessera"));
    QApplication::setApplicationName(QStringLiteral("Tessera"));
    QApplication::setApplicationVersion(QString::fromLatin1(tessera::kVersionString));
    // Names the installed desktop entry (packaging/), so Wayland and X11 desktops match the
    // window to it: its icon and name in the task bar, not a generic one.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.tessera.Tessera"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("io.github.tessera.Tessera")));
    tessera::applyStudioStyle(app);

    // The language comes before the command line is parsed, so that --help is translated too:
    // --language for this run (screenshots in German), else the Preferences' choice, else the system's.
    QString language = languageArgument(QApplication::arguments());
    if (language.isNull())
        language = tessera::StudioPreferences::load(QSettings()).language;
    if (!tessera::installStudioTranslators(app, language))
        std::fprintf(stderr, "tessera: no translation for the language '%s'; showing English\n", qPrintable(language));

    QCommandLineParser parser;
    parser.setApplicationDescription(StudioMain::tr("Tessera studio"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"), StudioMain::tr("A .tessera project to open."), QStringLiteral("[project]"));
    const QCommandLineOption languageOption(QStringLiteral("language"),
        StudioMain::tr("Show the studio in this language for this run (%1), whatever the preferences say.")
            .arg(tessera::availableLanguages().join(QStringLiteral(", "))),
        QStringLiteral("CODE"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
        StudioMain::tr("Open the project with the default layout, save the window as PNG once the preview and the "
           "timeline have painted, print the opening times and quit."),
        QStringLiteral("PNG"));
    const QCommandLineOption atOption(QStringLiteral("at"),
        StudioMain::tr("With --screenshot: the playhead's position in seconds (default 0)."), QStringLiteral("SECONDS"),
        QStringLiteral("0"));
    const QCommandLineOption sizeOption(QStringLiteral("window-size"),
        StudioMain::tr("With --screenshot: the window's size (default 1600x1000)."), QStringLiteral("WxH"),
        QStringLiteral("1600x1000"));
    const QCommandLineOption panelOption(QStringLiteral("panel"),
        StudioMain::tr("With --screenshot: raise this panel first (gridDock, generationDock, viewerDock, promptDock, "
           "tesseractDock)."),
        QStringLiteral("NAME"));
    const QCommandLineOption exportDialogOption(QStringLiteral("export-dialog"),
        StudioMain::tr("With --screenshot: save the Export Video dialog instead of the window."));
    parser.addOptions({languageOption, screenshotOption, atOption, sizeOption, panelOption, exportDialogOption});
    parser.process(app);

    if (parser.isSet(screenshotOption)) {
        if (parser.positionalArguments().isEmpty()) {
            std::fprintf(stderr, "tessera: --screenshot needs a project\n");
            return 2;
        }
        // A throw-away settings file: the screenshot shows the default layout, not the user's.
        QTemporaryDir settingsDir;
        QSettings settings(QDir(settingsDir.path()).filePath(QStringLiteral("tessera.ini")), QSettings::IniFormat);
        tessera::MainWindow window(settings);
        const QStringList size = parser.value(sizeOption).split(QLatin1Char('x'));
        window.resize(size.value(0).toInt() > 0 ? size.value(0).toInt() : 1600,
            size.value(1).toInt() > 0 ? size.value(1).toInt() : 1000);
        window.show();
        ScreenshotRequest request;
        request.project = parser.positionalArguments().constFirst();
        request.path = parser.value(screenshotOption);
        request.atSeconds = parser.value(atOption).toDouble();
        request.panel = parser.value(panelOption);
        request.exportDialog = parser.isSet(exportDialogOption);
        return takeScreenshot(window, request, sinceStart);
    }

    QSettings settings;
    tessera::MainWindow window(settings);
#ifdef TESSERA_STUDIO_UPSCALE
    // Exports that upscale small cells run the engine's ESRGAN, loaded when the first one does.
    window.setCellUpscaler([](const QImage& cell, int factor, const QString& network) {
        return tessera::upscaler::esrganUpscale(cell, factor, tessera::upscaler::esrganModelsDir(network));
    });
#endif
    window.show();
    if (!parser.positionalArguments().isEmpty()) {
        window.openProject(parser.positionalArguments().constFirst());
    } else {
        // The first start shows the demo, so there is something to play, curate and export; later
        // starts go back to the last project.
        if (!window.openDemoOnFirstStart())
            window.openLastProject();
    }
    return QApplication::exec();
}
