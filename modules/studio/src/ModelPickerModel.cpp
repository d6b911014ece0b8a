#include "tessera/studio/ModelPickerModel.h"

#include "tessera/catalog/MediaLink.h"
#include "tessera/generation/GeneratorPlugins.h"

#include "tessera/catalog/Catalog.h"
#include "tessera/generation/GeneratorPlugins.h"
#include "tessera/project/SetProjectAddOnsCommand.h"
#include "tessera/project/SetProjectModelCommand.h"
#include "tessera/studio/EditHistory.h"
#include "tessera/studio/GenerationQueue.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
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
    for (const ProjectLora& lora : m_catalog.settings().loras)
        folders.append(lora.file);
    for (const ProjectEmbedding& embedding : m_catalog.settings().embeddings)
        folders.append(embedding.file);
    m_addOns = surveyAddOns(folders);
    Q_EMIT modelsChanged();
}

QSet<QString> ModelPickerModel::addOnsInProject() const
{
    const ProjectSettings settings = m_catalog.settings();
    QSet<QString> files;
    for (const ProjectLora& lora : settings.loras)
        files.insert(absolute(lora.file));
    for (const ProjectEmbedding& embedding : settings.embeddings)
        files.insert(absolute(embedding.file));
    return files;
}

bool ModelPickerModel::toggleAddOn(const QString& path)
{
    const QString file = absolute(path);
    const auto found = std::find_if(m_addOns.begin(), m_addOns.end(),
                                    [&](const AddOnSummary& addOn) { return addOn.path == file; });
    if (found == m_addOns.end() || !found->problem.isEmpty()) {
        Q_EMIT errorOccurred(found == m_addOns.end() ? tr("%1: not a LoRA or embedding in the model folders").arg(file)
                                                     : found->problem);
        return false;
    }
    const ProjectSettings before = m_catalog.settings();
    ProjectSettings after = before;
    const QString name = QFileInfo(file).completeBaseName();
    QString text;
    if (found->kind == QLatin1String("lora")) {
        const auto used = std::find_if(after.loras.begin(), after.loras.end(),
                                       [&](const ProjectLora& lora) { return absolute(lora.file) == file; });
        if (used != after.loras.end()) {
            after.loras.erase(used);
            text = tr("Stop using LoRA %1").arg(name);
        } else {
            after.loras.append(ProjectLora{file, 1.0});
            text = tr("Use LoRA %1").arg(name);
        }
    } else {
        const auto used = std::find_if(after.embeddings.begin(), after.embeddings.end(),
                                       [&](const ProjectEmbedding& embedding) { return absolute(embedding.file) == file; });
        if (used != after.embeddings.end()) {
            after.embeddings.erase(used);
            text = tr("Stop using embedding %1").arg(name);
        } else {
            after.embeddings.append(ProjectEmbedding{file, name});
            text = tr("Use embedding %1").arg(name);
        }
    }
    if (const QString why = after.validationError(); !why.isEmpty()) {
        Q_EMIT errorOccurred(file + QStringLiteral(": ") + why);
        return false;
    }
    if (!m_history.execute(std::make_unique<SetProjectAddOnsCommand>(before, after, text)))
        return false;
    Q_EMIT modelsChanged();
    return true;
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
    if (absolute(wanted) == absolute(m_queue.modelFolder())) {
        Q_EMIT modelsChanged(); // the edit may have been the project's LoRAs or embeddings
        return;
    }
    if (const QString why = m_queue.switchModel(wanted); !why.isEmpty())
        Q_EMIT errorOccurred(why);
    refresh();
}

} // namespace tessera
