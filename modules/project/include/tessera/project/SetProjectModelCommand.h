#pragma once

#include "tessera/catalog/CatalogCommand.h"

#include <QCoreApplication>
#include <QString>

namespace tessera {

//! Sets the project's model (ProjectSettings::model: a model folder or a .safetensors checkpoint,
//! stored relative to the project file when it lies in the project's folder). Undo restores the
//! previous setting; the studio's model picker reloads the generation queue after either.
class SetProjectModelCommand : public CatalogCommand
{
    Q_DECLARE_TR_FUNCTIONS(tessera::SetProjectModelCommand)

public:
    SetProjectModelCommand(QString before, QString after);

    QString text() const override;
    void redo(Catalog& catalog) override;
    void undo(Catalog& catalog) override;

private:
    QString m_before;
    QString m_after;
};

} // namespace tessera
