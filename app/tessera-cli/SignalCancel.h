#pragma once

#include <atomic>

namespace tessera::cli {

//! While alive, Ctrl+C (SIGINT) and SIGTERM set a flag instead of killing the process, so long
//! work (generate, export) can stop cleanly and keep what it saved; the previous handlers come
//! back on destruction. One at a time: the flag is process-wide, as signals are.
class SignalCancel
{
public:
    SignalCancel();
    ~SignalCancel();
    SignalCancel(const SignalCancel&) = delete;
    SignalCancel& operator=(const SignalCancel&) = delete;

    bool requested() const { return flag()->load(); }
    //! The flag for APIs that poll an std::atomic<bool>.
    const std::atomic<bool>* flag() const;

private:
    void (*m_interrupt)(int);
    void (*m_terminate)(int);
};

} // namespace tessera::cli
