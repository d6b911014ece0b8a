#pragma once

#include "tessera/core/Version.h"

#include <QByteArray>
#include <QString>

namespace tessera {

//! An image file as a new version of a cell (tessera-cli cell --import): read by Qt's image readers
//! (PNG, JPEG, BMP, GIF...; QImageReader's allocation limit refuses images too large to hold),
//! stored as an RGB PNG of the same size, with the recipe {"source": "import", "file": the
//! absolute path}. Throws ProjectError "<file>: cannot read the image (...)" for anything Qt
//! cannot decode.
Version importImageVersion(qint64 cellId, const QString& file);

//! The same from the image's bytes; origin names it in the recipe and in errors.
Version importImageVersion(qint64 cellId, const QByteArray& bytes, const QString& origin);

} // namespace tessera
