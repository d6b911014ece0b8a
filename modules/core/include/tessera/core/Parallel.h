#pragma once

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tessera {

//! The thread count to use: the one asked for, else one per core.
inline int threadCount(int asked)
{
    if (asked > 0)
        return asked;
    return std::max(1, int(std::thread::hardware_concurrency()));
}

//! Runs the tasks on up to `threads` threads (0: one per core), the calling thread among them,
//! taking them in the order given (longest first pays off), and rethrows the first exception any
//! of them threw once all have stopped. The one parallel-for of the modules outside libtorch's
//! (which has its own pool). Plain std::thread rather than QThreadPool: callers ask for an exact
//! thread count (the exporter's colour path), and a shared pool busy with decoding would
//! serialise the work.
inline void runInParallel(const std::vector<std::function<void()>>& tasks, int threads = 0)
{
    if (tasks.empty())
        return;
    std::atomic<size_t> next{0};
    std::exception_ptr failure;
    std::mutex failureMutex;
    const auto worker = [&]() {
        for (size_t i = next++; i < tasks.size(); i = next++) {
            try {
                tasks[i]();
            } catch (...) {
                const std::lock_guard<std::mutex> lock(failureMutex);
                if (!failure)
                    failure = std::current_exception();
            }
        }
    };
    const size_t count = std::clamp<size_t>(size_t(threadCount(threads)), 1, tasks.size());
    std::vector<std::thread> pool;
    pool.reserve(count - 1);
    for (size_t i = 1; i < count; ++i)
        pool.emplace_back(worker);
    worker();
    for (std::thread& thread : pool)
        thread.join();
    if (failure)
        std::rethrow_exception(failure);
}

//! Runs work(firstRow, endRow) over [0, rows) split into `threads` bands (an exact count, at
//! least 1) on as many threads, the calling thread among them.
template <typename Work>
void parallelRows(int rows, int threads, Work work)
{
    const int bands = std::clamp(threads, 1, std::max(1, rows));
    if (bands <= 1) {
        work(0, rows);
        return;
    }
    const auto bandStart = [&](int band) { return int((long long)(rows)*band / bands); };
    std::vector<std::function<void()>> tasks;
    tasks.reserve(std::size_t(bands));
    for (int band = 0; band < bands; ++band)
        tasks.emplace_back([&, band] { work(bandStart(band), bandStart(band + 1)); });
    runInParallel(tasks, bands);
}

} // namespace tessera
