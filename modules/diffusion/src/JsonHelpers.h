#pragma once

// Typed reads from diffusers/transformers JSON configs: a missing key or a null keeps the default
// (diffusers' None), a value of the wrong type is a DiffusionError "<file>: <key>: ...".

#include "tessera/diffusion/DiffusionError.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace tessera::detail {

nlohmann::json parseJson(const std::string& text, const std::string& path);

class JsonReader
{
public:
    JsonReader(const nlohmann::json& json, std::string path);

    bool has(const char* key) const;
    void read(const char* key, int& out) const;
    void read(const char* key, double& out) const;
    void read(const char* key, bool& out) const;
    void read(const char* key, std::string& out) const;
    void read(const char* key, std::vector<std::string>& out) const;
    void read(const char* key, std::vector<double>& out) const;
    //! An int or a list of ints; a single int is broadcast to `count` entries.
    void readPerBlock(const char* key, std::vector<int>& out, std::size_t count) const;
    [[noreturn]] void fail(const char* key, const std::string& problem) const;

    const nlohmann::json& json() const { return m_json; }

private:
    const nlohmann::json* value(const char* key) const;

    const nlohmann::json& m_json;
    std::string m_path;
};

} // namespace tessera::detail
