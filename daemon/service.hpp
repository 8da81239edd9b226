// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The service: walkbreakd's object graph. It owns the tracker and connects it
// to every input on one io_context — the idle source, logind, notification
// actions, the control socket, signals and one boot-clock deadline — and
// performs the tracker's actions (notifications, records, the sync journal
// and presence). The clock, the
// recorder and the desktop's parts are given to it (main() builds the real
// ones), so that tests drive it with a clock of their own and fakes of the
// desktop. Loop thread only.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "core/config.hpp"
#include "core/goals.hpp"
#include "core/messages.hpp"
#include "core/paths.hpp"
#include "core/tracker.hpp"
#include "daemon/clock.hpp"
#include "daemon/clock_watch.hpp"
#include "daemon/control_server.hpp"
#include "daemon/defer_event.hpp"
#include "daemon/desktop.hpp"
#include "daemon/journal_writer.hpp"
#include "daemon/logger.hpp"
#include "daemon/recorder.hpp"

namespace walkbreak::daemon {

class SyncReader;

class Service final : public ControlHandler {
public:
    // `paths` gives the control socket and the config file (reloads);
    // `recorder` writes to the database.
    Service(boost::asio::io_context& io, Clock& clock, Recorder& recorder, Desktop desktop,
            Logger& log, core::Paths paths, core::Config config);
    ~Service() override;
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    // Binds the socket (throws if another walkbreakd owns it), opens the
    // database, resumes the back check-ins from it and starts every input;
    // then tells systemd it is ready.
    void start();
    // SIGTERM, SIGINT: records what the tracker's finish() gives, writes what
    // waits in memory, closes every input and stops the loop.
    void shutdown(int signal_number);

    // ControlHandler: what the control socket's requests do.
    core::protocol::Status status() override;
    core::Result<ControlReply> apply(const core::protocol::Request& request) override;

private:
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
    // `walkbreak edit` and `delete` while running: the store's rule through
    // the recorder, then today's total made again. Delete's reply names the walk.
    core::Outcome edit_walk(const core::protocol::request::Edit& edit);
    core::Result<std::string> delete_walk(const core::protocol::request::Delete& request);
    // Walks changed behind the tracker (an edit, a delete, the CLI's own
    // write): today's are read again when next needed, and subscribers told.
    void walks_changed();
    void publish_status();
    // Loads the config file again; on an error keeps the config in use and
    // says "reload refused: " with the first problem, as "file:line:col: key: message".
    core::Outcome reload();
    std::string nothing_to_snooze();
    void wait_for_reload_signal();
    // Carries the run of "worse" check-ins over from the database.
    void resume_checkins();
    // service_sync.cpp. The sync folder per the config's [sync] (off when no
    // folder is set), for the journal writer; a setting that cannot be used is
    // logged and turns sync off.
    void configure_sync();
    // Reads the other devices' journals in the configured folder (again,
    // from the start), or stops reading when sync is off.
    void start_sync();
    // On reload: configure_sync(), and the reader started again only when
    // the folder or this computer's id changed (a new name changes nothing
    // in what is read).
    void reconfigure_sync();
    // The other devices' presence, as the tracker's SeenElsewhere.
    void feed_elsewhere();
    // The user's presence as the tracker has it now, for the presence file.
    void publish_presence();
    void start_idle_source();
    void on_idle_lost(const std::string& reason);
    void on_notice_action(NoticeKind kind, NoticeAction action);
    // service_meetings.cpp: the meeting sources and `walkbreak meeting`.
    void start_meeting_sources();
    void stop_meeting_sources();
    void on_meeting_signal(core::MeetingSignal signal, bool holds,
                           std::optional<core::Seconds> length);
    void log_meeting_change();
    core::Outcome start_manual_meeting(std::optional<core::Seconds> length, ControlReply& reply);
    void end_manual_meeting(ControlReply& reply);
    core::Goals goals_today(const core::Moment& now) const;

    boost::asio::io_context& io_;
    Clock& clock_;
    Recorder& recorder_;
    Desktop desktop_;
    Logger& log_;
    core::Paths paths_;
    core::Tracker tracker_;
    JournalWriter journal_;
    std::unique_ptr<Deadline> deadline_;  // the tracker's next wake_at
    ClockWatch clock_watch_;
    boost::asio::signal_set stop_signals_;
    boost::asio::signal_set reload_signals_;
    std::unique_ptr<IdleSource> idle_;
    std::string idle_backend_{"none"};
    std::unique_ptr<SessionWatcher> session_;
    std::unique_ptr<NoticeSink> notifier_;
    std::unique_ptr<ControlServer> control_;
    std::vector<std::unique_ptr<MeetingSource>> meeting_sources_;
    std::optional<SyncTarget> sync_target_;                              // none while sync is off
    std::unique_ptr<SyncReader> sync_reader_;                            // none while sync is off
    std::map<core::DeviceId, core::PresenceRecord> presence_elsewhere_;  // as last read
    // Other devices' records changed in the database: today's total is read
    // again, from the loop (the recorder tells in the middle of a write).
    DeferEvent devices_changed_;
    std::optional<core::protocol::Status> last_published_;
    // Today's walks and their union, read from the database once per day, on
    // Refresh (the CLI changed the file) and after other devices' records
    // changed, and kept current in memory as walks are credited: no read
    // after a credit. With other devices' walks, the union across devices
    // (core/device_totals.hpp).
    struct Today {
        core::Date day{};
        std::vector<core::WalkRecord> walks;
        std::vector<core::DeviceSpan> others;
        core::Seconds walked{0};
    };
    std::optional<Today> today_;
};

}  // namespace walkbreak::daemon
