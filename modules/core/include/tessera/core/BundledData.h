#pragma once

#include <QString>
#include <QStringList>

namespace tessera {

//! Where the data Tessera ships (OCIO config, default model...) is looked for, in order: the
//! folders in `first` (e.g. an environment variable's or a caller's resources dir), then
//! <exe dir>/../share/tessera (the build tree mirrors the install there), then the system data
//! dirs' tessera/. Returns the absolute, clean path of the first `relative` that exists there,
//! else an empty string.
QString locateBundledData(const QString& relative, const QStringList& first = {});

} // namespace tessera
