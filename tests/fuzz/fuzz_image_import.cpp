// libFuzzer target: arbitrary bytes imported as an image for a cell (importImageVersion, what
// tessera-cli cell --import does with the file): Qt's image readers (PNG, JPEG, GIF, BMP, PPM,
// ICO...) by content. Importing must throw ProjectError or give a version whose PNG holds an image
// of the size it records. The seeds are tiny images in every format the readers take, made with
// the ffmpeg CLI. Qt and its codecs are not instrumented: coverage guides through Tessera's side.
#include "Require.h"

#include "tessera/project/ImageImport.h"
#include "tessera/project/ProjectError.h"

#include <QImage>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace tessera;
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
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
