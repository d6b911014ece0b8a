#pragma once

#include <algorithm>
#include <thread>
#include <vector>

namespace tessera::internal {

//! The thread count to use: the one asked for, else one per core.
inline int threadCount(int asked)
{
    if (asked > 0)
        return asked;
    return std::max(1, int(std::thread::hardware_concurrency()));
}

//! Runs work(firstRow, endRow) over [0, rows) split into one band per thread, the calling thread
//! taking the first band. Plain std::thread rather than QThreadPool: the exporter asks for an
//! exact thread count, and a shared pool busy with decoding would serialise the bands.
template <typename Work>
void parallelRows(int rows, int threads, Work work)
{
    const int bands = std::clamp(threads, 1, std::max(1, rows));
    if (bands <= 1) {
        work(0, rows);
        return;
    }
    std::vector<std::thread> workers;
    workers.reserve(std::size_t(bands - 1));
    const auto bandStart = [&](int band) { return int((long long)(rows) * band / bands); };
    for (int band = 1; band < bands; ++band)
        workers.emplace_back([&, band] { work(bandStart(band), bandStart(band + 1)); });
    work(0, bandStart(1));
    for (std::thread& worker : workers)
        worker.join();
}

} // namespace tessera::internal
