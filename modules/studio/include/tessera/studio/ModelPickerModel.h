#pragma once

#include "tessera/generation/ModelSurvey.h"

#include <QObject>
#include <QSet>
#include <QStringList>
#include <QVector>

namespace tessera {

class Catalog;
class EditHistory;
class GenerationQueue;

//! What the Generation panel's model picker lists and does: the survey (ModelSurvey, the same as
//! `tessera-cli models`) of the project's current model, Preferences > Model folders and the
//! bundled model; choosing one sets the project's model through the undo history, and after
//! every edit, undo or redo the generation queue is switched to the model the project names.
class ModelPickerModel : public QObject
{
    Q_OBJECT
public:
    ModelPickerModel(Catalog& catalog, EditHistory& history, GenerationQueue& queue, QObject* parent = nullptr);

    //! The surveyed models, usable and refused (with their problem), each once.
    const QVector<ModelSummary>& models() const { return m_models; }
    //! The index in models() of the model the queue uses; -1 when it is not among them.
    int currentIndex() const;
    QStringList modelFolders() const { return m_modelFolders; }
    //! The LoRAs and embeddings found in the same folders (and those the project uses).
    const QVector<AddOnSummary>& addOns() const { return m_addOns; }
    //! The LoRA and embedding files the project uses (absolute, clean paths), read once.
    QSet<QString> addOnsInProject() const;

public Q_SLOTS:
    //! Preferences > Model folders changed: surveys again.
    void setModelFolders(const QStringList& folders);
    //! Surveys the folders again (models added or removed on disk).
    void refresh();
    //! Makes `path` (a model folder, its model_index.json or a .safetensors checkpoint) the
    //! project's model as one undo step; false and errorOccurred when it cannot be used (refused by
    //! the survey, or jobs are queued). The queue then loads it.
    bool choose(const QString& path);
    //! Switches the queue to the project's model when they differ (after an edit, undo or redo).
    void syncQueue();
    //! Adds a LoRA (at strength 1) or an embedding (its token: the file's name) to the project,
    //! or takes it out when the project uses it, as one undo step; false and errorOccurred when
    //! the file is no usable LoRA or embedding.
    bool toggleAddOn(const QString& path);

Q_SIGNALS:
    void modelsChanged();
    //! "<file>: <problem>" for the user.
    void errorOccurred(const QString& message);

private:
    Catalog& m_catalog;
    EditHistory& m_history;
    GenerationQueue& m_queue;
    QStringList m_modelFolders;
    QVector<ModelSummary> m_models;
    QVector<AddOnSummary> m_addOns;
};

} // namespace tessera
