#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tessera {

//! Element types a safetensors file may declare (the format's dtype strings).
enum class SafetensorsDType { F64, F32, F16, BF16, I64, I32, I16, I8, U8, Bool, F8E4M3, F8E5M2 };

//! Bytes per element of a dtype.
std::size_t safetensorsDTypeSize(SafetensorsDType dtype);
//! The format's name of a dtype ("F32", "BF16", ...).
std::string safetensorsDTypeName(SafetensorsDType dtype);

//! One tensor's entry in a safetensors header; data points into the memory-mapped file.
struct SafetensorsTensor
{
    std::string name;
    SafetensorsDType dtype = SafetensorsDType::F32;
    std::vector<std::int64_t> shape;
    const std::byte* data = nullptr;
    std::size_t byteSize = 0;

    std::int64_t numel() const;
};

//! A memory-mapped, fully validated safetensors file (the Hugging Face weight format).
//! Opening checks every header field (length against the file size, a 100 MB header limit, the
//! JSON, known dtypes, shape x dtype size = byte range, contiguous non-overlapping offsets that
//! cover the data exactly, __metadata__ as string pairs) and throws DiffusionError
//! "<file>: <problem>" on the first violation; nothing is read outside the file.
class SafetensorsFile
{
public:
    //! The largest header accepted, as in the reference implementation.
    static constexpr std::uint64_t maxHeaderSize = 100'000'000;

    explicit SafetensorsFile(const std::string& path);
    ~SafetensorsFile();
    SafetensorsFile(const SafetensorsFile&) = delete;
    SafetensorsFile& operator=(const SafetensorsFile&) = delete;
    SafetensorsFile(SafetensorsFile&&) noexcept;
    SafetensorsFile& operator=(SafetensorsFile&&) noexcept;

    const std::string& path() const;
    //! The tensors in file order (by offset).
    const std::vector<SafetensorsTensor>& tensors() const;
    //! The optional __metadata__ string map.
    const std::map<std::string, std::string>& metadata() const;
    bool contains(const std::string& name) const;
    //! The named tensor; throws DiffusionError when it is absent.
    const SafetensorsTensor& tensor(const std::string& name) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace tessera
