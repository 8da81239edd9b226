// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/notify_glib.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include <gio/gio.h>

#include "daemon/c_callback.hpp"
#include "daemon/notify_dbus.hpp"

namespace walkbreak::daemon {
namespace {

constexpr const char* app_name = "walkbreak";

const char* action_label(NoticeAction action) {
    switch (action) {
        case NoticeAction::WalkNow:
            return "Walk now";
        case NoticeAction::Snooze:
            return "Snooze";
        case NoticeAction::Skip:
            return "Skip";
        case NoticeAction::LogWalk:
            return "Log walk";
        case NoticeAction::NotAWalk:
            return "Not a walk";
        case NoticeAction::Better:
            return "Better";
        case NoticeAction::Same:
            return "Same";
        case NoticeAction::Worse:
            return "Worse";
    }
    return "Walk now";
}

bool contains(const std::vector<std::string>& caps, std::string_view cap) {
    return std::find(caps.begin(), caps.end(), cap) != caps.end();
}

}  // namespace

const char* action_key(NoticeAction action) {
    switch (action) {
        case NoticeAction::WalkNow:
            return "walk";
        case NoticeAction::Snooze:
            return "snooze";
        case NoticeAction::Skip:
            return "skip";
        case NoticeAction::LogWalk:
            return "log-walk";
        case NoticeAction::NotAWalk:
            return "not-a-walk";
        case NoticeAction::Better:
            return "better";
        case NoticeAction::Same:
            return "same";
        case NoticeAction::Worse:
            return "worse";
    }
    return "walk";
}

// One button of a notification: libnotify calls invoked() when it is pressed.
struct GlibNotifier::ActionData {
    GlibNotifier* self;
    NoticeKind kind;
    NoticeAction action;

    void invoked(NotifyNotification* n, char*) noexcept {
        self->mailbox_.post_action(kind, action);
        // Not every server closes a bubble whose action was invoked. Its "closed"
        // signal then drops our reference: libnotify still uses it after this.
        GError* e = nullptr;
        if (!notify_notification_close(n, &e)) g_clear_error(&e);
    }
    void destroy() noexcept { delete this; }
};

GlibNotifier::GlibNotifier(NotifierMailbox& mailbox)
    : mailbox_(mailbox), cancellable_(g_cancellable_new()) {}

GlibNotifier::~GlibNotifier() { g_object_unref(cancellable_); }

void GlibNotifier::init() {
    notify_init(app_name);
    ask_identity();
}

void GlibNotifier::uninit() {
    close_all();
    backlog_.clear();
    g_cancellable_cancel(cancellable_);  // their callbacks run as "cancelled" and do nothing
    notify_uninit();
    use_bus(nullptr);
}

void GlibNotifier::show(const Notice& notice) {
    if (stopping_) return;  // the daemon is going: a new bubble would outlive it
    backlog_.emplace_back(notice);
    run_backlog();
}

void GlibNotifier::close(NoticeKind kind) {
    backlog_.emplace_back(kind);
    run_backlog();
}

void GlibNotifier::close_all() {
    backlog_.emplace_back(CloseAll{});
    run_backlog();
}

// Shows need the current server's capabilities; what comes after a show
// waits for it, so that everything happens in the order asked.
void GlibNotifier::run_backlog() {
    while (!backlog_.empty()) {
        Pending& next = backlog_.front();
        if (const auto* notice = std::get_if<Notice>(&next)) {
            if (stopping_) {
                backlog_.pop_front();
                continue;
            }
            if (needs_reset_) reset();
            if (!caps_) {
                ask_capabilities();  // its answer runs the backlog again
                return;
            }
            const Notice taken = *notice;
            backlog_.pop_front();
            show_now(taken, *caps_);
        } else if (const auto* kind = std::get_if<NoticeKind>(&next)) {
            const NoticeKind taken = *kind;
            backlog_.pop_front();
            close_now(taken);
        } else {
            backlog_.pop_front();
            while (!shown_.empty()) close_now(shown_.begin()->first);
        }
    }
}

void GlibNotifier::show_now(const Notice& notice, const std::vector<std::string>& caps) {
    const bool with_actions = !notice.actions.empty() && contains(caps, "actions");
    std::string body = notice.body;
    if (!notice.actions.empty() && !with_actions && !notice.actions_fallback_text.empty())
        body += (body.empty() ? "" : "\n\n") + notice.actions_fallback_text;
    const std::string summary = notice.summary.empty() ? app_name : notice.summary;

    NotifyNotification* n = prepare(notice.kind, summary.c_str(), body.c_str());
    notify_notification_set_urgency(
        n, notice.critical ? NOTIFY_URGENCY_CRITICAL : NOTIFY_URGENCY_NORMAL);
    auto add_action = [&](const char* key, NoticeAction action) {
        notify_notification_add_action(
            n, key, action_label(action), glib_callback<&ActionData::invoked>,
            new ActionData{this, notice.kind, action}, glib_callback<&ActionData::destroy>);
    };
    for (std::size_t i = 0; with_actions && i < notice.actions.size(); ++i) {
        add_action(action_key(notice.actions[i]), notice.actions[i]);
    }
    if (with_actions && notice.click) add_action("default", *notice.click);
    GError* e = nullptr;
    if (!notify_notification_show(n, &e)) {
        failed(notify_dbus::take_message(e));
        needs_reset_ = true;
        return;
    }
    if (failing_) {
        failing_ = false;
        log(Level::Notice, "the notification server is back");
    }
}

NotifyNotification* GlibNotifier::prepare(NoticeKind kind, const char* summary, const char* body) {
    if (auto it = shown_.find(kind); it != shown_.end()) {
        // Same object, same id: the server replaces the bubble in place.
        notify_notification_update(it->second, summary, body, nullptr);
        notify_notification_clear_actions(it->second);
        return it->second;
    }
    NotifyNotification* n = notify_notification_new(summary, body, nullptr);
    // GCallback is void (*)(void), the type GObject casts every handler to.
    g_signal_connect_data(n, "closed",
                          reinterpret_cast<GCallback>(glib_callback<&GlibNotifier::on_closed>),
                          this, nullptr, static_cast<GConnectFlags>(0));
    shown_.emplace(kind, n);
    return n;
}

void GlibNotifier::close_now(NoticeKind kind) {
    auto it = shown_.find(kind);
    if (it == shown_.end()) return;
    NotifyNotification* n = it->second;
    shown_.erase(it);
    GError* e = nullptr;
    if (!notify_notification_close(n, &e))
        log(Level::Debug, "close: " + notify_dbus::take_message(e));
    g_object_unref(n);
}

// After a failed show the server may have restarted or the session bus
// reconnected: drop libnotify's proxy and our bubbles (their ids belong to
// the old server) and start afresh.
void GlibNotifier::reset() {
    for (auto& [kind, n] : shown_) g_object_unref(n);
    shown_.clear();
    notify_uninit();
    notify_init(app_name);
    needs_reset_ = false;
    caps_.reset();  // asked again: the server may be another one now
}

void GlibNotifier::failed(const std::string& why) {
    if (failing_) {
        log(Level::Debug, "still cannot show notifications: " + why);
        return;
    }
    failing_ = true;
    log(Level::Warning, "cannot show notifications (" + why + "); trying again with the next one");
}

void GlibNotifier::on_closed(NotifyNotification* n) noexcept {
    for (auto it = shown_.begin(); it != shown_.end(); ++it) {
        if (it->second != n) continue;
        shown_.erase(it);
        g_object_unref(n);  // libnotify holds its own reference while it emits
        return;
    }
}

void GlibNotifier::log(Level level, std::string message) {
    mailbox_.post_log(level, std::move(message));
}

void NotifierMailbox::post_action(NoticeKind kind, NoticeAction action) {
    put(Action{kind, action});
}

void NotifierMailbox::post_log(Level level, std::string message) {
    put(Line{level, std::move(message)});
}

void NotifierMailbox::put(std::variant<Action, Line> item) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(item));
    }
    deliver_.schedule();
}

void NotifierMailbox::deliver() noexcept {
    std::vector<std::variant<Action, Line>> items;
    {
        std::lock_guard lock(mutex_);
        items.swap(queue_);
    }
    for (auto& item : items) {
        if (const auto* a = std::get_if<Action>(&item)) {
            if (on_action_) on_action_(a->kind, a->action);
        } else {
            const auto& line = std::get<Line>(item);
            if (line.level == Level::Debug)
                log_.debug("notify", "{}", line.message);  // only when verbose
            else
                log_.write(line.level, "notify", line.message);
        }
    }
}

}  // namespace walkbreak::daemon
