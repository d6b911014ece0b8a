#include "tessera/generation/GeneratorPlugins.h"

#include "tessera/generation/GenerationError.h"
#include "tessera/catalog/Catalog.h"
#include "tessera/catalog/MediaLink.h"
#include "tessera/core/BundledData.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QHash>
#include <QLibrary>
#include <QMutex>
#include <QPluginLoader>

namespace tessera {

namespace {

struct FoundPlugin
{
    QString file;
    GeneratorPlugin* plugin = nullptr;
};

//! The loader of a plugin file, made once and kept for the whole process (never unloaded:
//! back-ends made by a plugin must outlive any use of its code). The table is never destroyed
//! either: a static one freed at exit dropped the last pointers to the loaders, which
//! LeakSanitizer reported as leaks in every process that had loaded a plugin.
QPluginLoader* loaderFor(const QString& file)
{
    static QMutex mutex;
    static auto* const loaders = new QHash<QString, QPluginLoader*>;
    const QMutexLocker lock(&mutex);
    QPluginLoader*& loader = (*loaders)[file];
    if (!loader)
        loader = new QPluginLoader(file);
    return loader;
}

//! Loads every generator plugin in the search folders, skipping libraries of other interfaces
//! (their metadata is read without loading them).
QVector<FoundPlugin> loadPlugins(QStringList* problems)
{
    QVector<FoundPlugin> found;
    QStringList seenNames;
    for (const QString& folder : generatorPluginPaths()) {
        const QDir dir(folder);
        for (const QFileInfo& info : dir.entryInfoList(QDir::Files | QDir::Readable, QDir::Name)) {
            if (!QLibrary::isLibrary(info.fileName()))
                continue;
            QPluginLoader* loader = loaderFor(info.absoluteFilePath());
            if (loader->metaData().value(QStringLiteral("IID")).toString() != QLatin1String(TesseraGeneratorPlugin_iid))
                continue;
            auto* plugin = qobject_cast<GeneratorPlugin*>(loader->instance());
            if (!plugin) {
                problems->append(info.absoluteFilePath() + QStringLiteral(": ") + loader->errorString());
                continue;
            }
            if (seenNames.contains(plugin->backendName()))
                continue; // an earlier folder wins, as documented by the search order
            seenNames.append(plugin->backendName());
            found.append({info.absoluteFilePath(), plugin});
        }
    }
    return found;
}

void appendIfDir(QStringList& paths, const QString& path)
{
    const QString clean = QDir::cleanPath(path);
    if (!clean.isEmpty() && QFileInfo(clean).isDir() && !paths.contains(clean))
        paths.append(clean);
}

} // namespace

QStringList generatorPluginPaths()
{
    QStringList paths;
    for (const QString& path : qEnvironmentVariable("TESSERA_PLUGIN_PATH").split(QLatin1Char(':'), Qt::SkipEmptyParts))
        appendIfDir(paths, path);
    const QString exeDir = QCoreApplication::instance() ? QCoreApplication::applicationDirPath() : QString();
    if (!exeDir.isEmpty()) {
        appendIfDir(paths, exeDir + QStringLiteral("/plugins"));
        appendIfDir(paths, exeDir + QStringLiteral("/../plugins"));
        appendIfDir(paths, exeDir + QStringLiteral("/../" TESSERA_INSTALL_LIBDIR "/tessera/plugins"));
    }
    appendIfDir(paths, QStringLiteral(TESSERA_INSTALL_PLUGIN_DIR));
    return paths;
}

QStringList availableGenerators()
{
    QStringList problems;
    QStringList names;
    for (const FoundPlugin& found : loadPlugins(&problems))
        names.append(found.plugin->backendName());
    return names;
}

std::unique_ptr<GeneratorBackend> createGenerator(const QString& name)
{
    QStringList problems;
    const QVector<FoundPlugin> found = loadPlugins(&problems);
    for (const FoundPlugin& candidate : found) {
        if (name.isEmpty() || candidate.plugin->backendName() == name)
            return candidate.plugin->createBackend();
    }
    const QStringList searched = generatorPluginPaths();
    QString problem = name.isEmpty() ? QStringLiteral("no generator back-end plugin found")
                                     : QStringLiteral("no generator back-end plugin named \"%1\"").arg(name);
    problem += searched.isEmpty() ? QStringLiteral(" (no plugin folder exists; set TESSERA_PLUGIN_PATH)")
                                  : QStringLiteral(" in %1").arg(searched.join(QStringLiteral(", ")));
    if (!problems.isEmpty())
        problem += QStringLiteral("; ") + problems.join(QStringLiteral("; "));
    throw GenerationError({}, problem);
}

QString bundledModelFolder()
{
    // model_index.json marks a model folder, so an empty or half-copied folder is not taken.
    const QString index = locateBundledData(QStringLiteral("models/") + QString::fromLatin1(kBundledModelName)
            + QStringLiteral("/model_index.json"),
        qEnvironmentVariable("TESSERA_MODEL_PATH").split(QLatin1Char(':'), Qt::SkipEmptyParts));
    return index.isEmpty() ? QString() : QFileInfo(index).absolutePath();
}

QString projectModelPath(const Catalog& catalog)
{
    const QString setting = catalog.settings().model;
    if (setting.isEmpty())
        return bundledModelFolder();
    if (QFileInfo(setting).isRelative()) {
        const QString besideProject = absoluteProjectPath(catalog.path(), setting);
        if (QFileInfo::exists(besideProject)) // a model folder or a single-file checkpoint
            return besideProject;
    }
    return QFileInfo(setting).absoluteFilePath();
}

} // namespace tessera
