#include "tessera/ui/StudioLanguage.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QTranslator>

namespace tessera {

namespace {
// Where translations/CMakeLists.txt embeds the compiled .qm files (qt_add_translations).
const QString kTranslationsFolder = QStringLiteral(":/i18n");
const QString kSourceLanguage = QStringLiteral("en");
} // namespace

QStringList availableLanguages()
{
    // Read from the resources, so that a translation added in translations/ shows without code.
    QStringList languages{kSourceLanguage};
    const QStringList files = QDir(kTranslationsFolder).entryList({QStringLiteral("tessera_*.qm")}, QDir::Files, QDir::Name);
    for (const QString& file : files)
        languages.append(file.mid(int(qstrlen("tessera_")), file.size() - int(qstrlen("tessera_.qm"))));
    return languages;
}

QString nativeLanguageName(const QString& language)
{
    const QString name = QLocale(language).nativeLanguageName();
    // Qt names the source language after its most common territory ("American English").
    if (language == kSourceLanguage || name.isEmpty())
        return QStringLiteral("English");
    return name.left(1).toUpper() + name.mid(1); // "deutsch" in some CLDR versions
}

QString resolveStudioLanguage(const QString& language, const QLocale& system)
{
    const QStringList available = availableLanguages();
    if (available.contains(language))
        return language;
    for (const QString& uiLanguage : system.uiLanguages()) {
        const QString code = QLocale(uiLanguage).name().section(QLatin1Char('_'), 0, 0);
        if (available.contains(code))
            return code;
    }
    return kSourceLanguage;
}

bool installStudioTranslators(QCoreApplication& application, const QString& language)
{
    const QString resolved = resolveStudioLanguage(language);
    if (resolved == kSourceLanguage)
        return true;
    // Qt's own strings (standard buttons, file dialogs) when the system has them installed.
    auto* qtTranslator = new QTranslator(&application);
    if (qtTranslator->load(QStringLiteral("qtbase_") + resolved, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    else
        delete qtTranslator;
    auto* studioTranslator = new QTranslator(&application);
    if (!studioTranslator->load(QStringLiteral("tessera_") + resolved, kTranslationsFolder)) {
        delete studioTranslator;
        return false;
    }
    QCoreApplication::installTranslator(studioTranslator);
    return true;
}

} // namespace tessera
