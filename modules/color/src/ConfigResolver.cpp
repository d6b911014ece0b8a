#include "tessera/color/ConfigResolver.h"

#include "tessera/color/ColorError.h"

#include <QDir>
#include <QProcessEnvironment>

namespace tessera {

namespace {

//! Throws ColorError when the config lacks what the settings name explicitly.
void requireSettingsSpaces(const ColorConfig& config, const ColorSettings& settings)
{
    if (!settings.workingSpace.isEmpty() && !config.hasColorSpace(settings.workingSpace))
        throw ColorError(config.path(), QStringLiteral("no colour space \"%1\" for the working space").arg(settings.workingSpace));
    config.cellSpace(); // throws when the config cannot decode the cells
}

void appendReason(QString& reasons, const QString& reason)
{
    reasons += (reasons.isEmpty() ? QString() : QStringLiteral("; ")) + reason;
}

//! The settings processors are built from: the display and view asked for when the config offers
//! them, else its defaults (or ColorError when falling back is not allowed).
void fillSettings(ResolvedColorConfig& resolved, const ColorSettings& asked, bool allowFallback)
{
    const ColorConfig& config = *resolved.config;
    ColorSettings& settings = resolved.settings;
    settings.ocioConfig = asked.ocioConfig; // the project's own choice, safe to store back
    settings.workingSpace = config.hasColorSpace(asked.workingSpace) ? asked.workingSpace : config.workingSpace();

    settings.display = asked.display;
    if (settings.display.isEmpty() || !config.displays().contains(settings.display)) {
        if (!settings.display.isEmpty()) {
            const ColorError error(config.path(), QStringLiteral("no display \"%1\" (it offers %2)")
                .arg(settings.display, config.displays().join(QStringLiteral(", "))));
            if (!allowFallback)
                throw error;
            appendReason(resolved.fallbackReason, error.message());
        }
        settings.display = config.defaultDisplay();
    }
    settings.view = asked.view;
    const QStringList views = config.views(settings.display);
    if (settings.view.isEmpty() || !views.contains(settings.view)) {
        if (!settings.view.isEmpty()) {
            const ColorError error(config.path(), QStringLiteral("display \"%1\" has no view \"%2\" (it offers %3)")
                .arg(settings.display, settings.view, views.join(QStringLiteral(", "))));
            if (!allowFallback)
                throw error;
            appendReason(resolved.fallbackReason, error.message());
        }
        settings.view = config.defaultView(settings.display);
    }
}

} // namespace

QString configOriginName(ConfigOrigin origin)
{
    switch (origin) {
    case ConfigOrigin::Project: return QStringLiteral("project");
    case ConfigOrigin::Environment: return QStringLiteral("OCIO environment variable");
    case ConfigOrigin::Bundled: return QStringLiteral("bundled");
    }
    return {};
}

ResolvedColorConfig resolveColorConfig(const ColorSettings& settings, const ConfigResolveOptions& options)
{
    ResolvedColorConfig resolved;
    const QString environment = options.ocioEnvironment.has_value()
        ? *options.ocioEnvironment
        : QProcessEnvironment::systemEnvironment().value(QStringLiteral("OCIO"));

    QString path;
    if (!settings.ocioConfig.isEmpty()) {
        path = QDir::isRelativePath(settings.ocioConfig) && !options.projectDir.isEmpty()
            ? QDir(options.projectDir).filePath(settings.ocioConfig)
            : settings.ocioConfig;
        resolved.origin = ConfigOrigin::Project;
    } else if (!environment.isEmpty()) {
        path = environment;
        resolved.origin = ConfigOrigin::Environment;
    }

    if (!path.isEmpty()) {
        try {
            resolved.config = ColorConfig::load(path);
            requireSettingsSpaces(*resolved.config, settings);
        } catch (const ColorError& error) {
            if (!options.fallbackToBundled)
                throw;
            resolved.config.reset();
            resolved.fallbackReason = error.message();
        }
    }
    if (!resolved.config) {
        resolved.config = ColorConfig::bundled(options.resourcesDir);
        resolved.origin = ConfigOrigin::Bundled;
    }
    fillSettings(resolved, settings, options.fallbackToBundled);
    return resolved;
}

} // namespace tessera
