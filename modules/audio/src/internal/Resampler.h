#pragma once

#include <QString>

#include <vector>

namespace tessera::internal {

//! Resamples one channel of float samples with libswresample (analysis of odd or very high rates).
std::vector<float> resampleMono(const float* samples, size_t count, int fromRate, int toRate, const QString& origin);

} // namespace tessera::internal
