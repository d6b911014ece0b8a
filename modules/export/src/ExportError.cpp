#include "tessera/export/ExportError.h"

namespace tessera {

ExportCancelled::ExportCancelled(const QString& path)
    : ExportError(path, QStringLiteral("cancelled"))
{ }

} // namespace tessera
