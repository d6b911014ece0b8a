#include "tessera/studio/StudioPreferences.h"

#include "tessera/generation/CellRecipe.h"

#include <QSettings>

#include <algorithm>

namespace tessera {

namespace {
const QString kModelFolders = QStringLiteral("models/folders");
const QString kOcioConfig = QStringLiteral("color/ocioConfig");
const QString kThreads = QStringLiteral("compute/threads");
const QString kCache = QStringLiteral("preview/cacheMegabytes");
const QString kPrecision = QStringLiteral("compute/precision");
// Not "general/...": Qt's INI format writes a group named "general" (any case) as [%General] and
// reads it back as "General", so such keys never read back in the next session. Files written
// before this fix hold the language under "General/language".
const QString kLanguage = QStringLiteral("studio/language");
const QString kLegacyLanguage = QStringLiteral("General/language");
// $OCIO as the studio found it, so that clearing the preference brings it back.
const QByteArray kInheritedOcio = qgetenv("OCIO");
} // namespace

StudioPreferences StudioPreferences::load(const QSettings& settings)
{
    StudioPreferences preferences;
    preferences.modelFolders = settings.value(kModelFolders).toStringList();
    preferences.ocioConfig = settings.value(kOcioConfig).toString();
    preferences.computeThreads = std::clamp(settings.value(kThreads, 0).toInt(), 0, 256);
    preferences.cacheMegabytes = std::clamp(settings.value(kCache, 256).toInt(), 16, 65536);
    preferences.language = settings.value(kLanguage, settings.value(kLegacyLanguage)).toString();
    // fp16 is CUDA's alone; a hand-edited name the engine does not know falls back to float32
    const QString precision = settings.value(kPrecision, preferences.precision).toString();
    if (GenerationOptions::precisionNames().contains(precision) && precision != QLatin1String("fp16"))
        preferences.precision = precision;
    return preferences;
}

void StudioPreferences::save(QSettings& settings) const
{
    settings.setValue(kModelFolders, modelFolders);
    settings.setValue(kOcioConfig, ocioConfig);
    settings.setValue(kThreads, computeThreads);
    settings.setValue(kCache, cacheMegabytes);
    settings.setValue(kLanguage, language);
    settings.setValue(kPrecision, precision);
    settings.remove(kLegacyLanguage);
}

void StudioPreferences::applyToProcess() const
{
    if (!ocioConfig.isEmpty())
        qputenv("OCIO", ocioConfig.toLocal8Bit());
    else if (!kInheritedOcio.isEmpty())
        qputenv("OCIO", kInheritedOcio);
    else
        qunsetenv("OCIO");
    if (computeThreads > 0)
        qputenv("TESSERA_COMPUTE_THREADS", QByteArray::number(computeThreads));
    else
        qunsetenv("TESSERA_COMPUTE_THREADS");
}

} // namespace tessera
