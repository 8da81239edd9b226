// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/service.hpp"

#include "core/civil.hpp"
#include "core/duration.hpp"
#include "daemon/sd_notify.hpp"
#include "daemon/sync_reader.hpp"

namespace walkbreak::daemon {

Service::Service(boost::asio::io_context& io, Clock& clock, Recorder& recorder, Desktop desktop,
                 Logger& log, core::Paths paths, core::Config config)
    : io_(io),
      clock_(clock),
      recorder_(recorder),
      desktop_(std::move(desktop)),
      log_(log),
      paths_(std::move(paths)),
      tracker_(std::move(config), clock.now()),
      journal_(io, clock, recorder, log),
      deadline_(clock.make_deadline([this]() noexcept { feed(core::event::Tick{}); })),
      clock_watch_(io,
                   [this]() noexcept {
                       log_.info("tracker", "the wall clock was set; looking at deadlines again");
                       feed(core::event::Tick{});
                   }),
      stop_signals_(io, SIGTERM, SIGINT),
      reload_signals_(io, SIGHUP),
      devices_changed_(io, [this]() noexcept { walks_changed(); }) {
    recorder_.on_written([this]() noexcept { journal_.drain(); });
    recorder_.set_devices_listener([this]() noexcept { devices_changed_.schedule(); });
}

// The recorder outlives the service (main() made it first).
Service::~Service() {
    recorder_.set_devices_listener({});
    recorder_.on_written({});
}

void Service::start() {
    control_ = std::make_unique<ControlServer>(io_, paths_.socket, *this, log_);
    recorder_.use_day_start(tracker_.config().day.starts_at);
    recorder_.open();
    resume_checkins();
    configure_sync();

    notifier_ = desktop_.open_notifier(
        [this](NoticeKind kind, NoticeAction action) noexcept { on_notice_action(kind, action); });
    session_ = desktop_.watch_session(
        SessionCallbacks{[this]() noexcept { feed(core::event::ScreenLocked{}); },
                         [this]() noexcept { feed(core::event::ScreenUnlocked{}); },
                         [this]() noexcept { feed(core::event::Suspending{}); },
                         [this]() noexcept { feed(core::event::Resumed{}); }});
    start_idle_source();
    start_meeting_sources();

    stop_signals_.async_wait([this](const boost::system::error_code& ec, int signal_number) {
        if (!ec) shutdown(signal_number);
    });
    wait_for_reload_signal();

    feed(core::event::Tick{});
    publish_presence();
    log_.notice("walkbreakd", "ready: idle source {}, reminder every {}", idle_backend_,
                core::format_duration(tracker_.config().reminder.interval));
    notify_ready(fmt::format("Watching with {}", idle_backend_));
    // Last: the folder is read in steps from the loop, after it is ready.
    start_sync();
}

// The run of "worse" check-ins goes on across logins (DESIGN.md §3). It
// depends only on the answers since the last "better" or "same", counted in
// threes, so a few weeks of once-a-day answers are plenty, and start-up reads
// the same little however long the history. Thirty all "worse" (a multiple
// of three) resume at zero: the message then comes again three answers on.
void Service::resume_checkins() {
    constexpr int checkin_history = 30;
    const auto checkins = recorder_.latest_checkins(checkin_history);
    tracker_.resume_checkins(checkins);
    log_.debug("tracker", "back check-ins: {} \"worse\" in a row, from the last {} stored",
               tracker_.worse_in_a_row(), checkins.size());
}

namespace {

// Paused and off hours are still at the computer; a meeting too.
core::PresenceState presence_of(core::TrackerState state) {
    switch (state) {
        case core::TrackerState::Away:
        case core::TrackerState::Locked:
        case core::TrackerState::Suspended:
            return core::PresenceState::Away;
        case core::TrackerState::Sitting:
        case core::TrackerState::Paused:
        case core::TrackerState::OffHours:
            break;
    }
    return core::PresenceState::Sitting;
}

}  // namespace

void Service::publish_presence() {
    const auto now = clock_.now();
    const auto snap = tracker_.snapshot(now);
    const auto presence = presence_of(snap.state);
    journal_.presence_changed(presence, snap.away_since.value_or(now.wall), snap.sitting_since);
}

void Service::start_idle_source() {
    IdleCallbacks callbacks{
        [this](core::Millis idle_for) noexcept { feed(core::event::UserIdle{idle_for}); },
        [this]() noexcept { feed(core::event::UserActive{}); },
        [this](std::string reason) noexcept { on_idle_lost(reason); }};
    idle_ = desktop_.open_idle_source(tracker_.config().idle, std::move(callbacks));
    if (idle_) {
        idle_backend_ = std::string{idle_->name()};  // the probe has logged which one
        idle_->start(tracker_.config().idle.away_after);
    } else {
        idle_backend_ = "none";  // the probe has logged why each backend is unavailable
    }
}

void Service::on_idle_lost(const std::string& reason) {
    log_.error("idle", "{} lost: {}; tracking continues without idle detection", idle_backend_,
               reason);
    idle_backend_ = "none";
    publish_status();
}

// Meetings begin and end with a signal, a lock, a reload or a manual
// meeting's end coming due: logged here, whichever event did it.
void Service::feed(const core::Event& event) {
    const bool was_in_meeting = tracker_.in_meeting();
    const auto presence = presence_of(tracker_.state());
    const auto sitting_from = tracker_.sitting_from();
    run_step(tracker_.handle(event, clock_.now()));
    if (tracker_.in_meeting() != was_in_meeting) log_meeting_change();
    // Also when the sitting was carried over from another computer.
    if (presence_of(tracker_.state()) != presence || tracker_.sitting_from() != sitting_from) {
        publish_presence();
    }
}

void Service::run_step(const core::Step& step) {
    for (const auto& action : step.actions) perform(action);
    if (step.wake_at) {
        deadline_->arm_at(*step.wake_at);
    } else {
        deadline_->disarm();
    }
    publish_status();
}

void Service::wait_for_reload_signal() {
    reload_signals_.async_wait([this](const boost::system::error_code& ec, int) {
        if (ec) return;
        (void)reload();  // a refusal is logged, and there is nobody else to tell
        wait_for_reload_signal();
    });
}

core::Outcome Service::reload() {
    notify_reloading();
    auto parsed = core::load_config_file(paths_.config);
    for (const auto& w : parsed.warnings) log_.warning("config", "{}", w.to_string());
    if (!parsed.config) {
        for (const auto& e : parsed.errors) log_.error("config", "{}", e.to_string());
        log_.error("config", "reload refused; keeping the configuration in use");
        notify_ready("Reload refused: the config file has errors");
        return core::Error{"reload refused: " + (parsed.errors.empty()
                                                     ? std::string{"the config file has errors"}
                                                     : parsed.errors.front().to_string())};
    }
    // Read before the tracker takes the new config.
    const auto& old_idle = tracker_.config().idle;
    const bool threshold_changed = parsed.config->idle.away_after != old_idle.away_after;
    const bool day_start_changed = parsed.config->day.starts_at != tracker_.config().day.starts_at;
    // Backends take the inhibitor setting when they are opened.
    const bool backend_changed =
        parsed.config->idle.backend != old_idle.backend ||
        parsed.config->idle.inhibitors_keep_sitting != old_idle.inhibitors_keep_sitting;
    const bool meetings_changed = parsed.config->meeting != tracker_.config().meeting;
    feed(core::event::ConfigChanged{*parsed.config});
    recorder_.use_day_start(tracker_.config().day.starts_at);
    reconfigure_sync();                     // also retries a failing folder at once
    if (day_start_changed) today_.reset();  // today has other bounds now
    if (backend_changed) {
        idle_.reset();
        start_idle_source();
    } else if (threshold_changed && idle_) {
        idle_->start(tracker_.config().idle.away_after);
    }
    if (meetings_changed) {
        stop_meeting_sources();
        start_meeting_sources();
    }
    log_.notice("config", "reloaded {}", paths_.config);
    notify_ready(fmt::format("Watching with {}", idle_backend_));
    return core::success();
}

void Service::shutdown(int signal_number) {
    notify_stopping();
    log_.notice("walkbreakd", "stopping on signal {}", signal_number);
    const auto sitting_since = tracker_.snapshot(clock_.now()).sitting_since;
    for (const auto& action : tracker_.finish(clock_.now()).actions) perform(action);
    recorder_.flush_before_exit();
    // Nobody is tracked at this computer any more.
    journal_.presence_changed(core::PresenceState::Away, clock_.now().wall, sitting_since);
    deadline_->disarm();
    if (notifier_) notifier_->close_all();
    idle_.reset();
    meeting_sources_.clear();
    sync_reader_.reset();
    session_.reset();
    notifier_.reset();
    control_.reset();
    io_.stop();
}

void Service::publish_status() {
    if (!control_) return;
    auto s = status();
    if (last_published_ && *last_published_ == s) return;
    last_published_ = s;
    control_->publish(s);
}

}  // namespace walkbreak::daemon
