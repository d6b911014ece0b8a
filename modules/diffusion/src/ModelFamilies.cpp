#include "tessera/diffusion/ModelFamilies.h"

#include "tessera/diffusion/DiffusionError.h"

#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace tessera {

namespace {

namespace fs = std::filesystem;

std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

std::vector<fs::path> searchFolders()
{
    std::vector<fs::path> folders;
    if (const auto dataDir = environment("TESSERA_DATA_DIR"); !dataDir.empty())
        folders.emplace_back(dataDir);
    std::error_code error;
    const auto executable = fs::read_symlink("/proc/self/exe", error);
    if (!error)
        folders.push_back(executable.parent_path() / ".." / "share" / "tessera");
    auto home = environment("XDG_DATA_HOME");
    if (home.empty() && !environment("HOME").empty())
        home = environment("HOME") + "/.local/share";
    if (!home.empty())
        folders.push_back(fs::path(home) / "tessera");
    auto dirs = environment("XDG_DATA_DIRS");
    if (dirs.empty())
        dirs = "/usr/local/share:/usr/share";
    std::istringstream list(dirs);
    std::string dir;
    while (std::getline(list, dir, ':')) {
        if (!dir.empty())
            folders.push_back(fs::path(dir) / "tessera");
    }
    return folders;
}

} // namespace

const std::vector<std::string>& bundledModelFamilies()
{
    static const std::vector<std::string> names{"sd15", "sd21", "sd-turbo", "sdxl", "sdxl-turbo"};
    return names;
}

std::string locateTesseraData(const std::string& relative)
{
    for (const auto& folder : searchFolders()) {
        std::error_code error;
        const auto candidate = folder / relative;
        if (fs::exists(candidate, error))
            return fs::weakly_canonical(candidate, error).string();
    }
    return {};
}

std::string locateModelFamily(const std::string& family)
{
    if (family.empty())
        throw DiffusionError({}, "no model family given");
    std::error_code error;
    if (fs::is_directory(family, error)) {
        if (!fs::exists(fs::path(family) / "unet" / "config.json", error))
            throw DiffusionError(family, "is no model family folder (no unet/config.json)");
        return family;
    }
    for (const auto& name : bundledModelFamilies()) {
        if (name != family)
            continue;
        const auto folder = locateTesseraData("model-families/" + name);
        if (folder.empty())
            throw DiffusionError(family, "the bundled model family is not installed (share/tessera/model-families/"
                                             + name + "; TESSERA_DATA_DIR can point at the resources folder)");
        return folder;
    }
    std::string known;
    for (const auto& name : bundledModelFamilies())
        known += (known.empty() ? "" : ", ") + name;
    throw DiffusionError(family, "is neither a model family (" + known + ") nor a folder of diffusers configs");
}

std::string bundledClipVocabFile()
{
    const auto file = locateTesseraData("clip-vocab/bpe_simple_vocab_16e6.txt.gz");
    if (file.empty())
        throw DiffusionError("clip-vocab/bpe_simple_vocab_16e6.txt.gz",
                             "the bundled CLIP vocabulary is not installed (share/tessera/clip-vocab)");
    return file;
}

} // namespace tessera
