#pragma once

#include <stdexcept>
#include <string>

namespace tessera {

//! Any failure of the diffusion engine (bad model file, bad config, bad request).
//! what() reads "<file>: <problem>" so the CLI can print it as one line.
class DiffusionError : public std::runtime_error
{
public:
    DiffusionError(const std::string& path, const std::string& problem);

    //! The file (or component) the problem is about; may be empty.
    const std::string& path() const { return m_path; }
    //! The problem without the path.
    const std::string& problem() const { return m_problem; }

private:
    std::string m_path;
    std::string m_problem;
};

} // namespace tessera
