// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the service takes from the desktop session: an idle source, logind's
// lock and sleep signals, and the notification server. Each is a factory the
// service calls when it starts (and open_idle_source again when a reload
// changes the backend), handing it the callbacks into the tracker. main()
// passes desktop_session(), the real backends; the service's tests pass
// fakes that they drive through those callbacks. Loop thread only.
#include <functional>
#include <memory>

#include <boost/asio/io_context.hpp>

#include "core/config.hpp"
#include "daemon/idle_source.hpp"
#include "daemon/logger.hpp"
#include "daemon/meeting_source.hpp"
#include "daemon/notifier.hpp"
#include "daemon/session_watcher.hpp"

namespace walkbreak::daemon {

struct Desktop {
    // The idle source for `idle` (connected, not started), or nullptr when
    // none can be used here; why each backend could not is logged.
    std::function<std::unique_ptr<IdleSource>(const core::Config::Idle& idle,
                                              IdleCallbacks callbacks)>
        open_idle_source;
    // The session, watched from now on; nullptr when nothing is watched.
    std::function<std::unique_ptr<SessionWatcher>(SessionCallbacks callbacks)> watch_session;
    std::function<std::unique_ptr<NoticeSink>(NoticeSink::ActionHandler on_action)> open_notifier;
    // The meeting sources for `options` that can be seen here (why each other
    // cannot is logged). Optional: without it, only `walkbreak meeting` says so.
    std::function<std::vector<std::unique_ptr<MeetingSource>>(const MeetingSourceOptions& options,
                                                              MeetingSourceCallbacks callbacks)>
        open_meeting_sources;
};

// probe_idle_source, SessionWatcher, Notifier and open_meeting_sources on `io`.
Desktop desktop_session(boost::asio::io_context& io, Logger& log);

}  // namespace walkbreak::daemon
