#pragma once

#include "tessera/color/ColorConfig.h"
#include "tessera/core/ProjectSettings.h"

#include <QString>

#include <memory>
#include <optional>

namespace tessera {

//! Where the config in use came from.
enum class ConfigOrigin { Project, Environment, Bundled };

//! How to resolve: the OCIO environment value (read from the process when unset), the resources
//! dir holding the bundled config, whether a broken config falls back to the bundled one, and
//! the project's folder for a relative config path.
struct ConfigResolveOptions
{
    std::optional<QString> ocioEnvironment; //!< the value of $OCIO; nullopt reads the process's
    QString resourcesDir;                   //!< empty: find it next to the executable
    bool fallbackToBundled = true;          //!< false: a broken config throws ColorError
    QString projectDir;                     //!< a relative project ocioConfig is taken from here
};

//! The resolved config, where it came from, and why it fell back (empty when it did not).
struct ResolvedColorConfig
{
    std::shared_ptr<const ColorConfig> config;
    ConfigOrigin origin = ConfigOrigin::Bundled;
    ColorSettings settings; //!< what processors use: every name checked against config, defaults
                            //!< filled in; ocioConfig stays as the project gave it (config->path()
                            //!< is the file in use)
    QString fallbackReason; //!< why a config, display or view asked for is not used; empty if all were

    bool fellBack() const { return !fallbackReason.isEmpty(); }
};

//! Picks the config in the studio convention's order: the project's setting, then $OCIO, then
//! the bundled config. The chosen config must also offer the settings' working space, display and
//! view; a config that fails is replaced by the bundled one (with the reason) or throws, and an
//! unknown display or view is replaced by the config's default (with the reason).
ResolvedColorConfig resolveColorConfig(const ColorSettings& settings,
    const ConfigResolveOptions& options = {});

QString configOriginName(ConfigOrigin origin);

} // namespace tessera
