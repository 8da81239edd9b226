// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/session_watcher.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <systemd/sd-bus.h>

#include "daemon/c_callback.hpp"
#include "daemon/sd_bus_loop.hpp"
#include "daemon/sd_bus_ptr.hpp"
#include "daemon/sd_bus_watch.hpp"
#include "daemon/unique_fd.hpp"

namespace walkbreak::daemon {
namespace {

constexpr const char* login1 = "org.freedesktop.login1";
constexpr const char* manager_path = "/org/freedesktop/login1";
constexpr const char* manager_interface = "org.freedesktop.login1.Manager";
constexpr const char* session_interface = "org.freedesktop.login1.Session";
constexpr const char* properties_interface = "org.freedesktop.DBus.Properties";
// Bounds the blocking calls of start(), the only ones made on the loop.
constexpr std::uint64_t start_call_timeout_usec = 5'000'000;

}  // namespace

// Every member is used on the loop thread only: sd-bus is driven from the
// io_context by SdBusLoop, and its callbacks run inside sd_bus_process().
// SessionCallbacks must not destroy the watcher.
struct SessionWatcher::Impl {
    Impl(boost::asio::io_context& io, SessionCallbacks cb, Logger& logger)
        : callbacks(std::move(cb)), log(logger), loop(io, [this](int r) noexcept { lost(r); }) {}
    ~Impl() { close(); }

    core::Outcome start();
    // The session's object path, or empty when this process has none (then
    // only suspend is watched); an error when there is no logind to ask.
    core::Result<std::string> find_session();
    core::Outcome add_matches();
    core::Outcome match(SdBusSlotPtr& slot, const char* path, const char* interface,
                        const char* member, sd_bus_message_handler_t handler);
    void take_inhibitor();
    void lost(int r);
    void close();
    void set_locked(bool now_locked);
    static void call(const Callback<void()>& callback);

    // sd-bus's callbacks (c_callback.hpp).
    void on_lock(sd_bus_message*) noexcept { set_locked(true); }
    void on_unlock(sd_bus_message*) noexcept { set_locked(false); }
    void on_properties_changed(sd_bus_message* m) noexcept;
    void on_prepare_for_sleep(sd_bus_message* m) noexcept;
    void on_locked_hint(sd_bus_message* m) noexcept;
    void on_inhibit(sd_bus_message* m) noexcept;

    SessionCallbacks callbacks;
    Logger& log;
    SdBusLoop loop;
    SdBusPtr bus;
    std::string session_path;  // empty: no session, sleep only
    // Each match and pending call is owned: dropping its slot cancels it.
    SdBusSlotPtr sleep_match;
    SdBusSlotPtr lock_match;
    SdBusSlotPtr unlock_match;
    SdBusSlotPtr properties_match;
    SdBusSlotPtr locked_hint_call;
    SdBusSlotPtr inhibit_call;
    UniqueFd inhibitor;  // held while not suspending: logind waits for its close
    bool inhibitor_warned{false};
    bool locked{false};
    bool suspended{false};
};

core::Outcome SessionWatcher::Impl::start() {
    if (bus) return core::success();
    sd_bus* opened = nullptr;
    if (int r = sd_bus_open_system(&opened); r < 0)
        return core::Error{fmt::format("cannot connect to the system bus ({})", std::strerror(-r))};
    bus.reset(opened);
    sd_bus_set_method_call_timeout(bus.get(), start_call_timeout_usec);
    auto session = find_session();
    if (!session) {
        close();
        return core::Error{session.error()};
    }
    session_path = std::move(session).value();
    if (auto matched = add_matches(); !matched) {
        close();
        return matched;
    }
    if (!session_path.empty()) {
        // Already locked when we start? Answered from the loop, not inside start().
        sd_bus_slot* slot = nullptr;
        sd_bus_call_method_async(bus.get(), &slot, login1, session_path.c_str(),
                                 properties_interface, "Get", sd_bus_handler<&Impl::on_locked_hint>,
                                 this, "ss", session_interface, "LockedHint");
        locked_hint_call.reset(slot);
    }
    take_inhibitor();
    loop.attach(bus.get());
    return core::success();
}

core::Result<std::string> SessionWatcher::Impl::find_session() {
    SdBusError error;
    sd_bus_message* reply = nullptr;
    const char* id = std::getenv("XDG_SESSION_ID");
    const bool by_id = id != nullptr && *id != '\0';
    int r = by_id ? sd_bus_call_method(bus.get(), login1, manager_path, manager_interface,
                                       "GetSession", &error.e, &reply, "s", id)
                  : sd_bus_call_method(bus.get(), login1, manager_path, manager_interface,
                                       "GetSessionByPID", &error.e, &reply, "u",
                                       static_cast<std::uint32_t>(getpid()));
    if (r < 0) {
        // Nobody answered: no logind. Any other error (no session for this
        // process, access denied) still leaves PrepareForSleep worth watching.
        const bool no_logind =
            sd_bus_error_is_set(&error.e) == 0 || error.has_name(SD_BUS_ERROR_SERVICE_UNKNOWN) ||
            error.has_name(SD_BUS_ERROR_NAME_HAS_NO_OWNER) ||
            error.has_name(SD_BUS_ERROR_NO_REPLY) || error.has_name(SD_BUS_ERROR_TIMEOUT);
        if (no_logind)
            return core::Error{
                fmt::format("logind is not available on the system bus ({})", error.message(r))};
        log.warning("session", "no logind session ({}): lock and unlock will not be noticed",
                    error.message(r));
        return std::string{};
    }
    const char* path = nullptr;
    r = sd_bus_message_read(reply, "o", &path);
    std::string found = r >= 0 ? path : "";
    sd_bus_message_unref(reply);
    if (r < 0)
        return core::Error{fmt::format("unexpected reply from logind ({})", std::strerror(-r))};
    log.info("session", "watching logind session {}", found);
    return found;
}

// Blocking AddMatch calls, at start.
core::Outcome SessionWatcher::Impl::match(SdBusSlotPtr& slot, const char* path,
                                          const char* interface, const char* member,
                                          sd_bus_message_handler_t handler) {
    auto watched = watch_signal(bus.get(), login1, path, interface, member, handler, this);
    if (!watched) return core::Error{watched.error()};
    slot = std::move(watched).value();
    return core::success();
}

core::Outcome SessionWatcher::Impl::add_matches() {
    const char* path = session_path.c_str();
    auto matched = match(sleep_match, manager_path, manager_interface, "PrepareForSleep",
                         sd_bus_handler<&Impl::on_prepare_for_sleep>);
    if (matched && !session_path.empty())
        matched =
            match(lock_match, path, session_interface, "Lock", sd_bus_handler<&Impl::on_lock>);
    if (matched && !session_path.empty())
        matched = match(unlock_match, path, session_interface, "Unlock",
                        sd_bus_handler<&Impl::on_unlock>);
    if (matched && !session_path.empty())
        matched = match(properties_match, path, properties_interface, "PropertiesChanged",
                        sd_bus_handler<&Impl::on_properties_changed>);
    return matched;
}

void SessionWatcher::Impl::take_inhibitor() {
    if (inhibitor || inhibit_call) return;
    sd_bus_slot* slot = nullptr;
    if (sd_bus_call_method_async(bus.get(), &slot, login1, manager_path, manager_interface,
                                 "Inhibit", sd_bus_handler<&Impl::on_inhibit>, this, "ssss",
                                 "sleep", "walkbreak", "Stamp the moment of suspend", "delay") >= 0)
        inhibit_call.reset(slot);
}

void SessionWatcher::Impl::lost(int r) {
    log.warning("session", "lost the system bus ({}): lock and suspend are no longer noticed",
                std::strerror(-r));
    close();
}

void SessionWatcher::Impl::close() {
    loop.stop();
    inhibitor.reset();
    // The slots first: each cancels its match or call while the bus is open.
    for (SdBusSlotPtr* slot : {&sleep_match, &lock_match, &unlock_match, &properties_match,
                               &locked_hint_call, &inhibit_call})
        slot->reset();
    bus.reset();
}

void SessionWatcher::Impl::set_locked(bool now_locked) {
    if (now_locked == locked) return;
    locked = now_locked;
    log.info("session", "{}", locked ? "locked" : "unlocked");
    call(locked ? callbacks.on_lock : callbacks.on_unlock);
}

void SessionWatcher::Impl::call(const Callback<void()>& callback) {
    if (callback) callback();
}

// PropertiesChanged(s interface, a{sv} changed, as invalidated): LockedHint
// is set by the screen locker once the screen really is locked.
void SessionWatcher::Impl::on_properties_changed(sd_bus_message* m) noexcept {
    const char* interface = nullptr;
    if (sd_bus_message_read(m, "s", &interface) < 0 ||
        std::strcmp(interface, session_interface) != 0 ||
        sd_bus_message_enter_container(m, SD_BUS_TYPE_ARRAY, "{sv}") < 0)
        return;
    while (sd_bus_message_enter_container(m, SD_BUS_TYPE_DICT_ENTRY, "sv") > 0) {
        const char* name = nullptr;
        int value = 0;
        if (sd_bus_message_read(m, "s", &name) < 0) return;
        if (std::strcmp(name, "LockedHint") == 0 && sd_bus_message_read(m, "v", "b", &value) >= 0)
            set_locked(value != 0);
        else if (sd_bus_message_skip(m, "v") < 0)
            return;
        if (sd_bus_message_exit_container(m) < 0) return;
    }
}

void SessionWatcher::Impl::on_prepare_for_sleep(sd_bus_message* m) noexcept {
    int going_to_sleep = 0;
    if (sd_bus_message_read(m, "b", &going_to_sleep) < 0) return;
    suspended = going_to_sleep != 0;
    if (suspended) {
        log.info("session", "suspending");
        call(callbacks.on_suspend);
        inhibitor.reset();  // lets logind go ahead
    } else {
        log.info("session", "resumed");
        call(callbacks.on_resume);
        take_inhibitor();
    }
}

void SessionWatcher::Impl::on_locked_hint(sd_bus_message* m) noexcept {
    locked_hint_call.reset();
    int value = 0;
    if (!sd_bus_message_is_method_error(m, nullptr) &&
        sd_bus_message_read(m, "v", "b", &value) >= 0 && value != 0)
        set_locked(true);
}

void SessionWatcher::Impl::on_inhibit(sd_bus_message* m) noexcept {
    inhibit_call.reset();
    int held = -1;
    std::string why;
    if (const sd_bus_error* e = sd_bus_message_get_error(m)) {
        why = e->message != nullptr ? e->message : e->name;
    } else if (int r = sd_bus_message_read(m, "h", &held); r < 0) {
        why = std::strerror(-r);
    } else if (held = fcntl(held, F_DUPFD_CLOEXEC, 3); held < 0) {
        // The message owns the descriptor; we keep a copy while we hold the lock.
        why = std::strerror(errno);
    }
    if (!why.empty()) {
        if (!inhibitor_warned)
            log.warning("session",
                        "cannot take a sleep delay inhibitor ({}): a suspend "
                        "may be stamped late",
                        why);
        inhibitor_warned = true;
        return;
    }
    if (suspended) {
        ::close(held);  // asked before this suspend began: do not delay it
        return;
    }
    inhibitor.reset(held);
    log.debug("session", "holding a sleep delay inhibitor");
}

SessionWatcher::SessionWatcher(boost::asio::io_context& io, SessionCallbacks callbacks, Logger& log)
    : impl_(std::make_unique<Impl>(io, std::move(callbacks), log)) {}

SessionWatcher::~SessionWatcher() = default;

core::Outcome SessionWatcher::start() { return impl_->start(); }

}  // namespace walkbreak::daemon
