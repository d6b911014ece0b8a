// libFuzzer target: arbitrary bytes as an OpenColorIO config file (a project's or $OCIO's; the
// artist picks it). ColorConfig::load must refuse what it cannot use with ColorError; a config it
// loads must answer every query, and a ColorProcessor built from it on the config's defaults must
// either throw ColorError or turn a cell into display pixels and linear light. The seeds are the
// bundled config and two minimal ones (profile versions 1 and 2, with looks, CDL, matrices,
// exponents and aliases). OCIO and yaml-cpp are not instrumented: coverage guides through
// Tessera's side.
#include "Require.h"
#include "TempFile.h"

#include "tessera/color/ColorConfig.h"
#include "tessera/color/ColorError.h"
#include "tessera/color/ColorProcessor.h"

#include <QImage>

#include <cstdint>
#include <cstdlib>

namespace {

using namespace tessera;

void useConfig(const std::shared_ptr<const ColorConfig>& config)
{
    (void)config->name();
    (void)config->description();
    const QStringList spaces = config->colorSpaces();
    for (const QString& space : spaces)
        FUZZ_REQUIRE(config->hasColorSpace(space));
    FUZZ_REQUIRE(!config->workingSpace().isEmpty());
    const QStringList displays = config->displays();
    FUZZ_REQUIRE(!displays.isEmpty()); // load() refuses a config without one
    for (const QString& display : displays) {
        (void)config->views(display);
        (void)config->defaultView(display);
    }
    (void)config->defaultDisplay();
    try {
        (void)config->cellSpace();
        // the exact CPU path (no LUT baking per input: the fuzzer wants many configs a second)
        ColorProcessorOptions options;
        options.threads = 1;
        options.displayPath = DisplayPathMode::Exact;
        const ColorProcessor processor(config, ColorSettings{}, Grade{}, options);
        QImage cell(2, 2, QImage::Format_RGBA8888);
        cell.fill(QColor(200, 120, 40, 255));
        cell.setPixelColor(1, 1, QColor(0, 0, 0, 0));
        const QImage shown = processor.toDisplay(cell);
        FUZZ_REQUIRE(shown.size() == cell.size());
        const LinearImage linear = processor.toLinear(cell);
        (void)processor.linearToDisplay(linear);
    } catch (const ColorError&) {
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    // OCIO warns on stderr about every unknown key; read once, before OCIO first logs.
    setenv("OCIO_LOGGING_LEVEL", "none", 1);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const std::string path = tessera::fuzz::scratchPath("ocio", ".ocio");
    tessera::fuzz::writeFile(path, data, size);
    try {
        useConfig(ColorConfig::load(QString::fromStdString(path)));
    } catch (const ColorError&) {
    }
    return 0;
}
