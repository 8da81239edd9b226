// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/meeting_reporter.hpp"

#include <utility>

namespace walkbreak::daemon {

MeetingReporter::MeetingReporter(boost::asio::io_context& io, core::MeetingSignal signal,
                                 MeetingSourceCallbacks callbacks, Logger& log)
    : signal_(signal),
      callbacks_(std::move(callbacks)),
      log_(log),
      initial_(io, [this]() noexcept { report(); }) {}

void MeetingReporter::start(bool holds) {
    holds_ = holds;
    if (holds_) initial_.schedule();
}

void MeetingReporter::set(bool holds) {
    holds_ = holds;
    if (!initial_.pending()) report();  // else the deferred report tells the latest
}

void MeetingReporter::report() noexcept {
    if (holds_ == reported_) return;
    reported_ = holds_;
    log_.debug("meeting", "{}: {}", core::to_string(signal_), holds_ ? "holds" : "ends");
    if (callbacks_.on_change) callbacks_.on_change(signal_, holds_);
}

}  // namespace walkbreak::daemon
