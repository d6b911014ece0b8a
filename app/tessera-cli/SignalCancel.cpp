#include "SignalCancel.h"

#include <csignal>

namespace tessera::cli {

namespace {

std::atomic<bool> g_cancel{false};

extern "C" void cancelOnSignal(int)
{
    g_cancel.store(true); // lock-free atomic store: async-signal-safe
}

} // namespace

SignalCancel::SignalCancel()
{
    g_cancel = false;
    m_interrupt = std::signal(SIGINT, cancelOnSignal);
    m_terminate = std::signal(SIGTERM, cancelOnSignal);
}

SignalCancel::~SignalCancel()
{
    std::signal(SIGINT, m_interrupt);
    std::signal(SIGTERM, m_terminate);
}

const std::atomic<bool>* SignalCancel::flag() const { return &g_cancel; }

} // namespace tessera::cli
