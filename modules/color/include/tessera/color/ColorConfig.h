#pragma once

#include <QString>
#include <QStringList>

#include <memory>

namespace tessera {

namespace internal { struct OcioConfig; }

//! A loaded OpenColorIO config: immutable, thread-safe, shared by every processor built from it.
//! The bundled config and studio configs (ACES...) load through the same code.
class ColorConfig
{
public:
    //! Loads and validates the config at path; throws ColorError ("<path>: <problem>") when the
    //! file is missing, does not parse, names colour spaces it does not define, or names a colour
    //! space, display or view in bytes that are not UTF-8.
    static std::shared_ptr<const ColorConfig> load(const QString& path);

    //! The config shipped with Tessera (resources/ocio/config.ocio); throws ColorError if absent.
    static std::shared_ptr<const ColorConfig> bundled(const QString& resourcesDir = {});

    //! Where the bundled config is: resourcesDir/ocio when given, else next to the executable
    //! (../share/tessera/ocio), else the system data dirs. Empty when none exists.
    static QString bundledConfigPath(const QString& resourcesDir = {});

    ~ColorConfig();
    ColorConfig(const ColorConfig&) = delete;
    ColorConfig& operator=(const ColorConfig&) = delete;

    QString path() const;        //!< the file it was loaded from
    QString name() const;        //!< the config's own name, may be empty
    QString description() const; //!< the config's own description, may be empty

    QStringList colorSpaces() const;                  //!< every colour space, in config order
    bool hasColorSpace(const QString& name) const;    //!< also true for roles and aliases
    QStringList displays() const;                     //!< the displays offered, in config order
    QString defaultDisplay() const;
    QStringList views(const QString& display) const;  //!< empty for an unknown display
    QString defaultView(const QString& display) const;

    //! The scene-linear working space: the scene_linear role (where grades apply).
    QString workingSpace() const;
    //! The colour space of the generated cells (sRGB-encoded images): "sRGB - Texture" or the
    //! first of the usual sRGB names/roles the config defines; throws ColorError if none.
    QString cellSpace() const;

    //! For the module's own use: the underlying OCIO config.
    const internal::OcioConfig& ocio() const { return *m_ocio; }

private:
    ColorConfig(const QString& path, std::unique_ptr<internal::OcioConfig> ocio);

    QString m_path;
    std::unique_ptr<internal::OcioConfig> m_ocio;
};

} // namespace tessera
