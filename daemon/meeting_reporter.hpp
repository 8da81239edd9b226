// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The bookkeeping every meeting source shares: the service hears of changes
// only (never "holds" twice in a row), and a signal that already holds when
// its source opens is reported from the loop, never from inside open
// (MeetingSourceCallbacks). Each report is one debug line. Loop thread only.
#include <boost/asio/io_context.hpp>

#include "core/meeting_signal.hpp"
#include "daemon/defer_event.hpp"
#include "daemon/logger.hpp"
#include "daemon/meeting_source.hpp"

namespace walkbreak::daemon {

class MeetingReporter {
public:
    MeetingReporter(boost::asio::io_context& io, core::MeetingSignal signal,
                    MeetingSourceCallbacks callbacks, Logger& log);

    // What the source found at open; a signal that holds is reported soon,
    // from the loop.
    void start(bool holds);
    // The signal holds now, or not: reported when it changed.
    void set(bool holds);
    bool holds() const { return holds_; }
    core::MeetingSignal signal() const { return signal_; }

private:
    void report() noexcept;

    core::MeetingSignal signal_;
    MeetingSourceCallbacks callbacks_;
    Logger& log_;
    bool holds_{false};     // what the source sees
    bool reported_{false};  // what the service was last told
    DeferEvent initial_;    // the report of a signal that held at open
};

}  // namespace walkbreak::daemon
