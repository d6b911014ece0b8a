#include "tessera/diffusion/SafetensorsFile.h"

#include "tessera/diffusion/DiffusionError.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <unordered_map>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tessera {

namespace {

struct DTypeInfo
{
    const char* name;
    SafetensorsDType dtype;
    std::size_t size;
};

constexpr DTypeInfo dtypeTable[] = {
    {"F64", SafetensorsDType::F64, 8},   {"F32", SafetensorsDType::F32, 4},
    {"F16", SafetensorsDType::F16, 2},   {"BF16", SafetensorsDType::BF16, 2},
    {"I64", SafetensorsDType::I64, 8},   {"I32", SafetensorsDType::I32, 4},
    {"I16", SafetensorsDType::I16, 2},   {"I8", SafetensorsDType::I8, 1},
    {"U8", SafetensorsDType::U8, 1},     {"BOOL", SafetensorsDType::Bool, 1},
    {"F8_E4M3", SafetensorsDType::F8E4M3, 1}, {"F8_E5M2", SafetensorsDType::F8E5M2, 1},
};

const DTypeInfo& infoOf(SafetensorsDType dtype)
{
    for (const auto& info : dtypeTable) {
        if (info.dtype == dtype)
            return info;
    }
    return dtypeTable[1];
}

// Reads a non-negative integer that fits in 64 bits from a JSON value, or fails.
bool readUnsigned(const nlohmann::json& value, std::uint64_t& out)
{
    if (value.is_number_unsigned()) {
        out = value.get<std::uint64_t>();
        return true;
    }
    if (value.is_number_integer()) {
        const auto v = value.get<std::int64_t>();
        if (v < 0)
            return false;
        out = static_cast<std::uint64_t>(v);
        return true;
    }
    return false;
}

} // namespace

std::size_t safetensorsDTypeSize(SafetensorsDType dtype) { return infoOf(dtype).size; }

std::string safetensorsDTypeName(SafetensorsDType dtype) { return infoOf(dtype).name; }

std::int64_t SafetensorsTensor::numel() const
{
    std::int64_t n = 1;
    for (auto s : shape)
        n *= s;
    return n;
}

struct SafetensorsFile::Private
{
    std::string path;
    void* map = MAP_FAILED;
    std::size_t mapSize = 0;
    std::vector<SafetensorsTensor> tensors;
    std::unordered_map<std::string, std::size_t> index;
    std::map<std::string, std::string> metadata;

    ~Private()
    {
        if (map != MAP_FAILED)
            munmap(map, mapSize);
    }

    [[noreturn]] void fail(const std::string& problem) const { throw DiffusionError(path, problem); }

    void open();
    void parseHeader(const char* header, std::uint64_t headerSize, std::uint64_t dataSize);
};

void SafetensorsFile::Private::open()
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        fail(std::string("cannot open: ") + std::strerror(errno));
    struct stat st {};
    if (fstat(fd, &st) != 0) {
        const int err = errno;
        ::close(fd);
        fail(std::string("cannot stat: ") + std::strerror(err));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        fail("not a regular file");
    }
    const auto fileSize = static_cast<std::uint64_t>(st.st_size);
    if (fileSize < 8) {
        ::close(fd);
        fail("file too short for a safetensors header (" + std::to_string(fileSize) + " bytes)");
    }
    mapSize = static_cast<std::size_t>(fileSize);
    map = mmap(nullptr, mapSize, PROT_READ, MAP_PRIVATE, fd, 0);
    const int err = errno;
    ::close(fd);
    if (map == MAP_FAILED)
        fail(std::string("cannot map: ") + std::strerror(err));

    const auto* bytes = static_cast<const unsigned char*>(map);
    std::uint64_t headerSize = 0;
    for (int i = 7; i >= 0; --i) // the length is little-endian whatever the host order
        headerSize = (headerSize << 8) | bytes[i];
    if (headerSize > maxHeaderSize)
        fail("header length " + std::to_string(headerSize) + " exceeds the 100 MB limit");
    if (headerSize > fileSize - 8)
        fail("header length " + std::to_string(headerSize) + " runs past the end of the file ("
             + std::to_string(fileSize) + " bytes)");
    parseHeader(reinterpret_cast<const char*>(bytes + 8), headerSize, fileSize - 8 - headerSize);
}

void SafetensorsFile::Private::parseHeader(const char* header, std::uint64_t headerSize,
                                           std::uint64_t dataSize)
{
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(header, header + headerSize);
    } catch (const nlohmann::json::exception& e) {
        fail(std::string("header is not valid JSON: ") + e.what());
    }
    if (!json.is_object())
        fail("header is not a JSON object");

    const auto* dataStart = static_cast<const std::byte*>(map) + 8 + headerSize;
    struct Range
    {
        std::uint64_t begin;
        std::uint64_t end;
        std::size_t tensor;
    };
    std::vector<Range> ranges;
    for (const auto& [name, entry] : json.items()) {
        if (name == "__metadata__") {
            if (!entry.is_object())
                fail("__metadata__ is not an object");
            for (const auto& [key, value] : entry.items()) {
                if (!value.is_string())
                    fail("__metadata__ value of '" + key + "' is not a string");
                metadata[key] = value.get<std::string>();
            }
            continue;
        }
        const std::string where = "tensor '" + name + "'";
        if (name.empty())
            fail("a tensor has an empty name");
        if (!entry.is_object())
            fail(where + ": entry is not an object");
        if (!entry.contains("dtype") || !entry["dtype"].is_string())
            fail(where + ": missing or non-string dtype");
        if (!entry.contains("shape") || !entry["shape"].is_array())
            fail(where + ": missing or non-array shape");
        if (!entry.contains("data_offsets") || !entry["data_offsets"].is_array())
            fail(where + ": missing or non-array data_offsets");

        SafetensorsTensor tensor;
        tensor.name = name;
        const auto dtypeName = entry["dtype"].get<std::string>();
        const auto* info = std::find_if(std::begin(dtypeTable), std::end(dtypeTable),
                                        [&](const DTypeInfo& i) { return dtypeName == i.name; });
        if (info == std::end(dtypeTable))
            fail(where + ": unknown dtype '" + dtypeName + "'");
        tensor.dtype = info->dtype;

        // numel x element size, checked for overflow at every multiplication; so is the element
        // count itself, as numel() and libtorch compute it from the left in int64: a later zero
        // dimension makes the bytes 0 but does not undo an overflow before it
        std::uint64_t bytes = info->size;
        std::uint64_t elements = 1;
        constexpr auto maxElements = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        for (const auto& dim : entry["shape"]) {
            std::uint64_t n = 0;
            if (!readUnsigned(dim, n) || n > maxElements)
                fail(where + ": shape holds a value that is not a non-negative integer");
            if (n != 0 && (bytes > std::numeric_limits<std::uint64_t>::max() / n || elements > maxElements / n))
                fail(where + ": shape is too large");
            bytes *= n;
            elements *= n;
            tensor.shape.push_back(static_cast<std::int64_t>(n));
        }
        const auto& offsets = entry["data_offsets"];
        std::uint64_t begin = 0;
        std::uint64_t end = 0;
        if (offsets.size() != 2 || !readUnsigned(offsets[0], begin) || !readUnsigned(offsets[1], end))
            fail(where + ": data_offsets is not two non-negative integers");
        if (end < begin)
            fail(where + ": data_offsets end " + std::to_string(end) + " is before begin "
                 + std::to_string(begin));
        if (end > dataSize)
            fail(where + ": data_offsets end " + std::to_string(end) + " is past the data ("
                 + std::to_string(dataSize) + " bytes)");
        if (end - begin != bytes)
            fail(where + ": shape x dtype size is " + std::to_string(bytes) + " bytes but data_offsets span "
                 + std::to_string(end - begin));
        tensor.data = dataStart + begin;
        tensor.byteSize = static_cast<std::size_t>(bytes);
        ranges.push_back({begin, end, tensors.size()});
        tensors.push_back(std::move(tensor));
    }

    std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    std::uint64_t expected = 0;
    for (const auto& range : ranges) {
        const auto& name = tensors[range.tensor].name;
        if (range.begin < expected)
            fail("tensor '" + name + "': data_offsets overlap the previous tensor (begin "
                 + std::to_string(range.begin) + ", previous end " + std::to_string(expected) + ")");
        if (range.begin > expected)
            fail("tensor '" + name + "': data_offsets leave a gap (begin " + std::to_string(range.begin)
                 + ", previous end " + std::to_string(expected) + ")");
        expected = range.end;
    }
    if (expected != dataSize)
        fail("the tensors cover " + std::to_string(expected) + " of the " + std::to_string(dataSize)
             + " data bytes");

    std::vector<SafetensorsTensor> ordered;
    ordered.reserve(tensors.size());
    for (const auto& range : ranges)
        ordered.push_back(std::move(tensors[range.tensor]));
    tensors = std::move(ordered);
    for (std::size_t i = 0; i < tensors.size(); ++i)
        index.emplace(tensors[i].name, i);
}

SafetensorsFile::SafetensorsFile(const std::string& path)
    : d(std::make_unique<Private>())
{
    d->path = path;
    d->open();
}

SafetensorsFile::~SafetensorsFile() = default;
SafetensorsFile::SafetensorsFile(SafetensorsFile&&) noexcept = default;
SafetensorsFile& SafetensorsFile::operator=(SafetensorsFile&&) noexcept = default;

const std::string& SafetensorsFile::path() const { return d->path; }

const std::vector<SafetensorsTensor>& SafetensorsFile::tensors() const { return d->tensors; }

const std::map<std::string, std::string>& SafetensorsFile::metadata() const { return d->metadata; }

bool SafetensorsFile::contains(const std::string& name) const { return d->index.count(name) != 0; }

const SafetensorsTensor& SafetensorsFile::tensor(const std::string& name) const
{
    const auto it = d->index.find(name);
    if (it == d->index.end())
        throw DiffusionError(d->path, "no tensor named '" + name + "'");
    return d->tensors[it->second];
}

} // namespace tessera
