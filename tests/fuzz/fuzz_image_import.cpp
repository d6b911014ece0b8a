// libFuzzer target: arbitrary bytes imported as an image for a cell (importImageVersion, what
// tessera-cli cell --import does with the file): Qt's image readers (PNG, JPEG, GIF, BMP, PPM,
// ICO...) by content. Importing must throw ProjectError or give a version whose PNG holds an image
// of the size it records. The seeds are tiny images in every format the readers take, made with
// the ffmpeg CLI. Qt and its codecs are not instrumented: coverage guides through Tessera's side.
#include "Require.h"

#include "tessera/project/ImageImport.h"
#include "tessera/project/ProjectError.h"

#include <QBuffer>
#include <QImage>
#include <QImageReader>

#include <cstdint>
#include <cstdlib>

namespace {

//! Qt's readers are not instrumented, so to libFuzzer every image looks alike and it would keep one
//! seed of all formats. A branch of its own for each format Qt detects (and for the outcome) makes
//! each a feature, so a mutated JPEG stays in the corpus beside a mutated PNG.
void noteFormat(const QByteArray& bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    const QByteArray format = QImageReader::imageFormat(&buffer);
    static volatile int seen = 0;
    if (format == "png")
        seen = seen + 1;
    else if (format == "jpeg")
        seen = seen + 2;
    else if (format == "gif")
        seen = seen + 3;
    else if (format == "bmp")
        seen = seen + 4;
    else if (format == "ico" || format == "cur")
        seen = seen + 5;
    else if (format == "pbm" || format == "pgm" || format == "ppm")
        seen = seen + 6;
    else if (format == "xbm" || format == "xpm")
        seen = seen + 7;
    else if (!format.isEmpty())
        seen = seen + 8;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tessera;
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    noteFormat(bytes);
    try {
        const Version version = importImageVersion(7, bytes, QStringLiteral("/imports/input"));
        FUZZ_REQUIRE(version.cellId == 7 && version.width > 0 && version.height > 0);
        const QImage stored = QImage::fromData(version.png, "PNG");
        FUZZ_REQUIRE(stored.width() == version.width && stored.height() == version.height);
        FUZZ_REQUIRE(version.recipe.value(QStringLiteral("source")).toString() == QStringLiteral("import"));
    } catch (const ProjectError&) {
    }
    return 0;
}
