#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

class QCoreApplication;

namespace tessera {

//! The languages the studio's text can be shown in, as ISO 639-1 codes: "en" (the source text)
//! and one per translation embedded under :/i18n (tessera_de.qm, tessera_ja.qm...).
QStringList availableLanguages();

//! A language's name in that language ("Deutsch", "日本語"), for the Preferences list.
QString nativeLanguageName(const QString& language);

//! The language the studio shows for a `studio/language` setting: the setting itself when it is
//! available, else the first of the system's UI languages that is, else "en".
QString resolveStudioLanguage(const QString& language, const QLocale& system = QLocale::system());

//! Installs Qt's own and the studio's translators for `language` ("" = the system's) on the
//! application (they live as its children). Call before any widget is made: switching applies
//! at the next start. False when the resolved language's translation cannot be loaded.
bool installStudioTranslators(QCoreApplication& application, const QString& language);

} // namespace tessera
