#pragma once

#include "tessera/catalog/CatalogCommand.h"
#include "tessera/core/ProjectSettings.h"

#include <QCoreApplication>
#include <QString>
#include <QVector>

namespace tessera {

//! Sets the project's LoRAs and textual-inversion embeddings (ProjectSettings::loras and
//! embeddings) as one undoable edit; every cell made with the old set becomes out of date.
class SetProjectAddOnsCommand : public CatalogCommand
{
    Q_DECLARE_TR_FUNCTIONS(tessera::SetProjectAddOnsCommand)

public:
    SetProjectAddOnsCommand(const ProjectSettings& before, const ProjectSettings& after, QString text);

    QString text() const override { return m_text; }
    void redo(Catalog& catalog) override;
    void undo(Catalog& catalog) override;

private:
    QVector<ProjectLora> m_lorasBefore, m_lorasAfter;
    QVector<ProjectEmbedding> m_embeddingsBefore, m_embeddingsAfter;
    QString m_text;
};

} // namespace tessera
