// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The service: walkbreakd's object graph. It owns the tracker and connects it
// to every input on one io_context — the idle source, logind, notification
// actions, the control socket, signals and one boot-clock deadline — and
// performs the tracker's actions (notifications, records). Loop thread only.
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "core/config.hpp"
#include "core/goals.hpp"
#include "core/messages.hpp"
#include "core/paths.hpp"
#include "core/tracker.hpp"
#include "daemon/clock_watch.hpp"
#include "daemon/control_server.hpp"
#include "daemon/idle_source.hpp"
#include "daemon/logger.hpp"
#include "daemon/notifier.hpp"
#include "daemon/recorder.hpp"
#include "daemon/session_watcher.hpp"
#include "daemon/timer_event.hpp"

namespace walkbreak::daemon {

class Service final : private ControlHandler {
public:
    Service(boost::asio::io_context& io, Logger& log, core::Paths paths, core::Config config);
    ~Service() override;
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    // Binds the socket (throws if another walkbreakd owns it), opens the
    // database, resumes the back check-ins from it and starts every input;
    // then tells systemd it is ready.
    void start();

private:
    // ControlHandler
    core::protocol::Status status() override;
    core::Result<ControlReply> apply(const core::protocol::Request& request) override;

    void feed(const core::Event& event);
    void run_step(const core::Step& step);
    // service_actions.cpp: what the tracker's actions do.
    void perform(const core::Action& action);
    void show(NoticeKind kind, const core::Message& message, bool critical = false);
    core::Seconds walked_today(const core::Moment& now);
    // Adds a credited walk to today's, if it has a part on today.
    void count_walk(const core::WalkRecord& walk);
    // `walkbreak log` while running: the union rule, then the tracker.
    core::Outcome log_walk(const core::protocol::request::Log& log);
    void publish_status();
    // Loads the config file again; on an error keeps the config in use and
    // says "reload refused: " with the first problem, as "file:line:col: key: message".
    core::Outcome reload();
    std::string nothing_to_snooze();
    void wait_for_reload_signal();
    void shutdown(int signal_number);
    // Carries the run of "worse" check-ins over from the database.
    void resume_checkins();
    void start_idle_source();
    void on_idle_lost(const std::string& reason);
    void on_notice_action(NoticeKind kind, NoticeAction action);
    core::Goals goals_today(const core::Moment& now) const;

    boost::asio::io_context& io_;
    Logger& log_;
    core::Paths paths_;
    core::Tracker tracker_;
    Recorder recorder_;
    TimerEvent deadline_;
    ClockWatch clock_watch_;
    boost::asio::signal_set stop_signals_;
    boost::asio::signal_set reload_signals_;
    std::unique_ptr<IdleSource> idle_;
    std::string idle_backend_{"none"};
    std::unique_ptr<SessionWatcher> session_;
    std::unique_ptr<Notifier> notifier_;
    std::unique_ptr<ControlServer> control_;
    std::optional<core::protocol::Status> last_published_;
    // Today's walks and their union, read from the database once per day and
    // on Refresh (the CLI changed the file), and kept current in memory as
    // walks are credited: no read after a credit.
    struct Today {
        core::Date day{};
        std::vector<core::WalkRecord> walks;
        core::Seconds walked{0};
    };
    std::optional<Today> today_;
};

}  // namespace walkbreak::daemon
