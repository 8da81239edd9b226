// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Watches logind on the system bus for this session's Lock/Unlock (and
// LockedHint) and for PrepareForSleep, holding a delay inhibitor so that the
// moment of suspend is stamped before the machine sleeps. The bus fd is
// driven from the io_context (sd-bus), so callbacks run on the loop thread.
// A missing logind or system bus is an ordinary answer: start() says why,
// and the daemon goes on without lock and suspend.
#include <memory>
#include <variant>

#include <boost/asio/io_context.hpp>

#include "core/result.hpp"
#include "daemon/event_callback.hpp"
#include "daemon/logger.hpp"

namespace walkbreak::daemon {

// Called from inside sd-bus's dispatch, so noexcept (event_callback.hpp);
// none may destroy the watcher.
struct SessionCallbacks {
    Callback<void()> on_lock;
    Callback<void()> on_unlock;
    Callback<void()> on_suspend;  // called before the delay inhibitor is released
    Callback<void()> on_resume;
};

class SessionWatcher {
public:
    SessionWatcher(boost::asio::io_context& io, SessionCallbacks callbacks, Logger& log);
    ~SessionWatcher();
    SessionWatcher(const SessionWatcher&) = delete;
    SessionWatcher& operator=(const SessionWatcher&) = delete;

    // Connects and watches; an error names what is missing (the system bus, logind).
    core::Outcome start();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace walkbreak::daemon
