#include "tessera/project/SetProjectModelCommand.h"

#include "tessera/catalog/Catalog.h"

#include <QDir>
#include <QFileInfo>

namespace tessera {

namespace {

void writeModel(Catalog& catalog, const QString& model)
{
    ProjectSettings settings = catalog.settings();
    settings.model = model;
    catalog.setSettings(settings);
}

} // namespace

SetProjectModelCommand::SetProjectModelCommand(QString before, QString after)
    : m_before(std::move(before))
    , m_after(std::move(after))
{
}

QString SetProjectModelCommand::text() const
{
    return m_after.isEmpty() ? tr("Use the bundled model") : tr("Use model %1").arg(QFileInfo(m_after).fileName());
}

void SetProjectModelCommand::redo(Catalog& catalog)
{
    writeModel(catalog, m_after);
}

void SetProjectModelCommand::undo(Catalog& catalog)
{
    writeModel(catalog, m_before);
}


} // namespace tessera
