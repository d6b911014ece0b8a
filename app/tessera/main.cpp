// The Tessera studio: wires settings, translations and the main window together.
#include "tessera/core/BuildInfo.h"
#include "tessera/ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Tessera"));
    QApplication::setApplicationName(QStringLiteral("Tessera"));
    QApplication::setApplicationVersion(QString::fromLatin1(tessera::kVersionString));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QApplication::installTranslator(&qtTranslator);
    }
    QTranslator tesseraTranslator;
    if (tesseraTranslator.load(QLocale(), QStringLiteral("tessera"), QStringLiteral("_"),
            QStringLiteral(":/i18n"))) {
        QApplication::installTranslator(&tesseraTranslator);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Tessera studio"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("A .tessera project to open."), QStringLiteral("[project]"));
    parser.process(app);

    QSettings settings;
    tessera::MainWindow window(settings);
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openProject(parser.positionalArguments().constFirst());
    return QApplication::exec();
}
