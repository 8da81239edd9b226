// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Desktop notifications through libnotify. GLib runs on one dedicated thread
// owned by the Notifier; every public method is called on the loop thread,
// returns at once, and every callback is posted back to the loop thread, so
// no domain state is touched off it and the loop never waits for the server.
// A missing, crashing, restarting or hung notification server is logged and
// survived: the next show() uses the server again when it returns. The server
// is named in the log when the notifier starts and whenever it changes.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "daemon/event_callback.hpp"
#include "daemon/logger.hpp"

namespace walkbreak::daemon {

// Each kind has at most one notification on screen; showing a kind again
// replaces it.
enum class NoticeKind { Reminder, BreakQuestion, WelcomeBack, Checkin, ScaleBack };

enum class NoticeAction { WalkNow, Snooze, Skip, LogWalk, NotAWalk, Better, Same, Worse };
// The action's key in the notification ("walk", "log-walk", ...), as servers send it back.
const char* action_key(NoticeAction action);

struct Notice {
    NoticeKind kind{NoticeKind::Reminder};
    std::string summary;
    std::string body;
    bool critical{false};  // urgency critical (the escalated reminder)
    // Buttons, in order.
    std::vector<NoticeAction> actions;
    // What clicking the bubble's body does (the "default" action), one of
    // `actions`; none: a click only dismisses it. A health answer is never a
    // click's.
    std::optional<NoticeAction> click;
    // Said in the body instead when the server cannot show actions,
    // e.g. "Run `walkbreak walk`, `walkbreak snooze` or `walkbreak skip`."
    std::string actions_fallback_text;
};

// What the service asks of the notification server: Notifier in walkbreakd;
// the service's tests pass one that keeps what it is shown. Loop thread only.
class NoticeSink {
public:
    // A button or the bubble's body was clicked; runs on the loop thread.
    using ActionHandler = Callback<void(NoticeKind, NoticeAction)>;
    virtual ~NoticeSink() = default;
    virtual void show(Notice notice) = 0;
    virtual void close(NoticeKind kind) = 0;
    virtual void close_all() = 0;
};

class Notifier final : public NoticeSink {
public:
    Notifier(boost::asio::io_context& io, ActionHandler on_action, Logger& log);
    // Closes what is shown and stops the GLib thread. A server that does not
    // answer within shutdown_grace has its connection closed, which fails
    // the call in progress: the wait is bounded, whatever the server does.
    ~Notifier() override;
    static constexpr std::chrono::milliseconds shutdown_grace{1000};
    Notifier(const Notifier&) = delete;
    Notifier& operator=(const Notifier&) = delete;

    void show(Notice notice) override;
    void close(NoticeKind kind) override;
    void close_all() override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace walkbreak::daemon
