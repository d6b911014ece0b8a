#include "tessera/ui/ModelPickerModel.h"

#include "tessera/catalog/MediaLink.h"
#include "tessera/generation/GeneratorPlugins.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/generation/GeneratorPlugins.h"
#include "tessera/ui/EditHistory.h"
#include "tessera/ui/GenerationQueue.h"
#include "tessera/ui/SetProjectModelCommand.h"

#include <QDir>
#include <QFileInfo>

#include <exception>

namespace tessera {

namespace {

QString absolute(const QString& path)
{
    return path.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

} // namespace

ModelPickerModel::ModelPickerModel(Catalog& catalog, EditHistory& history, GenerationQueue& queue, QObject* parent)
    : QObject(parent)
    , m_catalog(catalog)
    , m_history(history)
    , m_queue(queue)
{
    connect(&m_history, &EditHistory::edited, this, &ModelPickerModel::syncQueue);
    refresh();
}

int ModelPickerModel::currentIndex() const
{
    const QString current = absolute(m_queue.modelFolder());
    for (int i = 0; i < m_models.size(); ++i) {
        if (m_models[i].path == current)
            return i;
    }
    return -1;
}

void ModelPickerModel::setModelFolders(const QStringList& folders)
{
    m_modelFolders = folders;
    refresh();
}

void ModelPickerModel::refresh()
{
    QStringList folders;
    if (!m_queue.modelFolder().isEmpty())
        folders.append(m_queue.modelFolder());
    folders.append(m_modelFolders);
    const QString bundled = bundledModelFolder();
    if (!bundled.isEmpty())
        folders.append(bundled);
    m_models = surveyModels(folders); // lists unreadable models with their problem, never throws them
    Q_EMIT modelsChanged();
}

bool ModelPickerModel::choose(const QString& path)
{
    const QFileInfo picked(path);
    // A file dialog picks a folder's model_index.json; the folder is the model.
    const QString model = picked.fileName() == QLatin1String("model_index.json") ? absolute(picked.absolutePath())
                                                                                : absolute(path);
    const QString previous = m_queue.modelFolder();
    if (model == absolute(previous))
        return true;
    try {
        const ModelSummary summary = describeModel(model); // the survey's own check: a model, no pickle
        Q_UNUSED(summary);
    } catch (const std::exception& error) {
        Q_EMIT errorOccurred(QString::fromUtf8(error.what()));
        return false;
    }
    // The queue first: it refuses while jobs planned with the current model wait, and then the
    // project's setting stays as it is.
    if (const QString why = m_queue.switchModel(model); !why.isEmpty()) {
        Q_EMIT errorOccurred(why);
        return false;
    }
    const QString stored = model == absolute(bundledModelFolder())
        ? QString() // the bundled model: the setting stays portable
        : projectRelativePath(m_catalog.path(), model);
    if (!m_history.execute(std::make_unique<SetProjectModelCommand>(m_catalog.settings().model, stored))) {
        m_queue.switchModel(previous); // the history reported the failed write
        return false;
    }
    refresh();
    return true;
}

void ModelPickerModel::syncQueue()
{
    const QString wanted = projectModelPath(m_catalog);
    if (absolute(wanted) == absolute(m_queue.modelFolder()))
        return;
    if (const QString why = m_queue.switchModel(wanted); !why.isEmpty())
        Q_EMIT errorOccurred(why);
    refresh();
}

} // namespace tessera
