#include "tessera/diffusion/DiffusionError.h"

namespace tessera {

DiffusionError::DiffusionError(const std::string& path, const std::string& problem)
    : std::runtime_error(path.empty() ? problem : path + ": " + problem)
    , m_path(path)
    , m_problem(problem)
{
}

} // namespace tessera
