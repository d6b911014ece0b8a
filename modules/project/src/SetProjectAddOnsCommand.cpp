#include "tessera/project/SetProjectAddOnsCommand.h"

#include "tessera/catalog/Catalog.h"

namespace tessera {

namespace {

void writeAddOns(Catalog& catalog, const QVector<ProjectLora>& loras, const QVector<ProjectEmbedding>& embeddings)
{
    ProjectSettings settings = catalog.settings();
    settings.loras = loras;
    settings.embeddings = embeddings;
    catalog.setSettings(settings);
}

} // namespace

SetProjectAddOnsCommand::SetProjectAddOnsCommand(const ProjectSettings& before, const ProjectSettings& after,
                                                 QString text)
    : m_lorasBefore(before.loras)
    , m_lorasAfter(after.loras)
    , m_embeddingsBefore(before.embeddings)
    , m_embeddingsAfter(after.embeddings)
    , m_text(std::move(text))
{
}

void SetProjectAddOnsCommand::redo(Catalog& catalog)
{
    writeAddOns(catalog, m_lorasAfter, m_embeddingsAfter);
}

void SetProjectAddOnsCommand::undo(Catalog& catalog)
{
    writeAddOns(catalog, m_lorasBefore, m_embeddingsBefore);
}

} // namespace tessera
