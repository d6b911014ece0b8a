#include "tessera/color/ColorConfig.h"
#include "tessera/core/FileCheck.h"

#include "internal/OcioConfig.h"
#include "tessera/core/BundledData.h"

#include <QDir>
#include <QFileInfo>

#include <functional>

namespace tessera {

using internal::withOcioErrors;

namespace {

const QString kBundledRelative = QStringLiteral("ocio/config.ocio");

//! Names under which configs usually keep sRGB-encoded 8-bit images, most specific first
//! (ours and the ACES configs' "sRGB - Texture", its alias, older configs' plain "sRGB").
const char* const kCellSpaceCandidates[] = {"sRGB - Texture", "srgb_tx", "Utility - sRGB - Texture",
    "sRGB", "srgb", "sRGB Encoded Rec.709 (sRGB)"};

QStringList toList(int count, const std::function<const char*(int)>& nameAt)
{
    QStringList names;
    for (int i = 0; i < count; ++i)
        names.append(QString::fromUtf8(nameAt(i)));
    return names;
}

bool isUtf8(const char* text)
{
    const QByteArray bytes(text);
    return QString::fromUtf8(bytes).toUtf8() == bytes;
}

//! The first colour space, display or view whose name is not UTF-8 (YAML text is UTF-8, but OCIO
//! keeps the bytes it read): Tessera speaks QString, and such a name would come back from the UI
//! as other bytes that name nothing. A null array when every name is UTF-8.
QByteArray firstNameNotUtf8(const OCIO::Config& config)
{
    for (int i = 0; i < config.getNumColorSpaces(OCIO::SEARCH_REFERENCE_SPACE_ALL, OCIO::COLORSPACE_ALL); ++i) {
        const char* name = config.getColorSpaceNameByIndex(OCIO::SEARCH_REFERENCE_SPACE_ALL, OCIO::COLORSPACE_ALL, i);
        if (!isUtf8(name))
            return QByteArray(name);
    }
    for (int d = 0; d < config.getNumDisplays(); ++d) {
        const char* display = config.getDisplay(d);
        if (!isUtf8(display))
            return QByteArray(display);
        for (int v = 0; v < config.getNumViews(display); ++v) {
            if (!isUtf8(config.getView(display, v)))
                return QByteArray(config.getView(display, v));
        }
    }
    return {};
}

} // namespace

ColorConfig::ColorConfig(const QString& path, std::unique_ptr<internal::OcioConfig> ocio)
    : m_path(path)
    , m_ocio(std::move(ocio))
{
}

ColorConfig::~ColorConfig() = default;

std::shared_ptr<const ColorConfig> ColorConfig::load(const QString& path)
{
    const QFileInfo info(path);
    if (path.isEmpty())
        throw ColorError(path, QStringLiteral("no OpenColorIO config given"));
    if (const QString problem = fileProblem(path, QStringLiteral("an OpenColorIO config")); !problem.isEmpty())
        throw ColorError(path, problem);
    auto ocio = std::make_unique<internal::OcioConfig>();
    ocio->config = withOcioErrors(path, [&] {
        OCIO::ConstConfigRcPtr config = OCIO::Config::CreateFromFile(info.absoluteFilePath().toLocal8Bit().constData());
        // validate() checks every reference: roles, views and transforms naming colour spaces.
        config->validate();
        return config;
    });
    if (const QByteArray name = firstNameNotUtf8(*ocio->config); !name.isNull())
        throw ColorError(path, QStringLiteral("the config names \"%1\" in bytes that are not UTF-8").arg(QString::fromUtf8(name)));
    if (ocio->config->getNumDisplays() == 0)
        throw ColorError(path, QStringLiteral("the config defines no display"));
    if (!ocio->config->getColorSpace(OCIO::ROLE_SCENE_LINEAR))
        throw ColorError(path, QStringLiteral("the config has no scene_linear role (the working space for grades)"));
    return std::shared_ptr<const ColorConfig>(new ColorConfig(path, std::move(ocio)));
}

QString ColorConfig::bundledConfigPath(const QString& resourcesDir)
{
    return locateBundledData(kBundledRelative, resourcesDir.isEmpty() ? QStringList{} : QStringList{resourcesDir});
}

std::shared_ptr<const ColorConfig> ColorConfig::bundled(const QString& resourcesDir)
{
    const QString path = bundledConfigPath(resourcesDir);
    if (path.isEmpty()) {
        throw ColorError(resourcesDir.isEmpty() ? kBundledRelative : QDir(resourcesDir).filePath(kBundledRelative),
            QStringLiteral("the bundled OpenColorIO config is missing (looked in the resources dir, "
                           "../share/tessera next to the executable and the system data dirs)"));
    }
    return load(path);
}

QString ColorConfig::path() const { return m_path; }
QString ColorConfig::name() const { return QString::fromUtf8(m_ocio->config->getName()); }
QString ColorConfig::description() const { return QString::fromUtf8(m_ocio->config->getDescription()).trimmed(); }

QStringList ColorConfig::colorSpaces() const
{
    const auto& config = m_ocio->config;
    return toList(config->getNumColorSpaces(), [&](int i) { return config->getColorSpaceNameByIndex(i); });
}

bool ColorConfig::hasColorSpace(const QString& name) const
{
    return !name.isEmpty() && m_ocio->config->getColorSpace(internal::toStd(name).c_str()) != nullptr;
}

QStringList ColorConfig::displays() const
{
    const auto& config = m_ocio->config;
    return toList(config->getNumDisplays(), [&](int i) { return config->getDisplay(i); });
}

QString ColorConfig::defaultDisplay() const { return QString::fromUtf8(m_ocio->config->getDefaultDisplay()); }

QStringList ColorConfig::views(const QString& display) const
{
    if (!displays().contains(display))
        return {};
    const auto& config = m_ocio->config;
    const std::string name = internal::toStd(display);
    return toList(config->getNumViews(name.c_str()), [&](int i) { return config->getView(name.c_str(), i); });
}

QString ColorConfig::defaultView(const QString& display) const
{
    if (!displays().contains(display))
        return {};
    return QString::fromUtf8(m_ocio->config->getDefaultView(internal::toStd(display).c_str()));
}

QString ColorConfig::workingSpace() const
{
    return QString::fromUtf8(m_ocio->config->getColorSpace(OCIO::ROLE_SCENE_LINEAR)->getName());
}

QString ColorConfig::cellSpace() const
{
    for (const char* candidate : kCellSpaceCandidates) {
        if (const auto space = m_ocio->config->getColorSpace(candidate))
            return QString::fromUtf8(space->getName());
    }
    throw ColorError(m_path, QStringLiteral("no sRGB colour space for the cells' encoding (looked for \"sRGB - Texture\", \"srgb_tx\", \"sRGB\")"));
}

} // namespace tessera
