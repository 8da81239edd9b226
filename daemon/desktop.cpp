// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/desktop.hpp"

#include "daemon/idle_probe.hpp"

namespace walkbreak::daemon {

Desktop desktop_session(boost::asio::io_context& io, Logger& log) {
    return Desktop{
        [&io, &log](const core::Config::Idle& idle, IdleCallbacks callbacks) {
            return probe_idle_source(io, idle, std::move(callbacks), log);
        },
        [&io, &log](SessionCallbacks callbacks) {
            auto watcher = std::make_unique<SessionWatcher>(io, std::move(callbacks), log);
            if (auto watching = watcher->start(); !watching)
                log.warning("session", "{}: lock and suspend will not be noticed",
                            watching.error());
            return watcher;
        },
        [&io, &log](NoticeSink::ActionHandler on_action) -> std::unique_ptr<NoticeSink> {
            return std::make_unique<Notifier>(io, std::move(on_action), log);
        },
        [&io, &log](const MeetingSourceOptions& options, MeetingSourceCallbacks callbacks) {
            return open_meeting_sources(io, options, std::move(callbacks), log);
        },
    };
}

}  // namespace walkbreak::daemon
