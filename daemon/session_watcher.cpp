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

#include <systemd/sd-bus.h>

#include "daemon/c_callback.hpp"
#include "daemon/sd_bus_loop.hpp"

namespace walkbreak::daemon {
namespace {

constexpr const char* login1 = "org.freedesktop.login1";
constexpr const char* manager_path = "/org/freedesktop/login1";
constexpr const char* manager_interface = "org.freedesktop.login1.Manager";
constexpr const char* session_interface = "org.freedesktop.login1.Session";
constexpr const char* properties_interface = "org.freedesktop.DBus.Properties";
// Bounds the blocking calls of start(), the only ones made on the loop.
constexpr std::uint64_t start_call_timeout_usec = 5'000'000;

// Owns an sd_bus_error (SD_BUS_ERROR_NULL is a C compound literal).
struct BusError {
    sd_bus_error e{};
    BusError() = default;
    BusError(const BusError&) = delete;
    BusError& operator=(const BusError&) = delete;
    ~BusError() { sd_bus_error_free(&e); }
    std::string message(int r) const {
        return e.message != nullptr ? e.message : std::strerror(-r);
    }
    bool has_name(const char* name) const { return sd_bus_error_has_name(&e, name) != 0; }
};

}  // namespace

// Every member is used on the loop thread only: sd-bus is driven from the
// io_context by SdBusLoop, and its callbacks run inside sd_bus_process().
// SessionCallbacks must not destroy the watcher.
struct SessionWatcher::Impl {
    Impl(boost::asio::io_context& io, SessionCallbacks cb, Logger& logger)
        : callbacks(std::move(cb)), log(logger), loop(io, [this](int r) noexcept { lost(r); }) {}
    ~Impl() { close(); }

    bool start();
    bool find_session();
    bool add_matches();
    void take_inhibitor();
    void release_inhibitor();
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
    sd_bus* bus{nullptr};
    SdBusLoop loop;
    std::string session_path;  // empty: no session, sleep only
    int inhibitor_fd{-1};
    bool inhibitor_pending{false};
    bool inhibitor_warned{false};
    bool locked{false};
    bool suspended{false};
};

bool SessionWatcher::Impl::start() {
    if (bus != nullptr) return true;
    if (int r = sd_bus_open_system(&bus); r < 0) {
        bus = nullptr;
        log.warning("session",
                    "cannot connect to the system bus ({}): lock and suspend will "
                    "not be noticed",
                    std::strerror(-r));
        return false;
    }
    sd_bus_set_method_call_timeout(bus, start_call_timeout_usec);
    if (!find_session() || !add_matches()) {
        close();
        return false;
    }
    if (!session_path.empty()) {
        // Already locked when we start? Answered from the loop, not inside start().
        sd_bus_call_method_async(bus, nullptr, login1, session_path.c_str(), properties_interface,
                                 "Get", sd_bus_handler<&Impl::on_locked_hint>, this, "ss",
                                 session_interface, "LockedHint");
    }
    take_inhibitor();
    loop.attach(bus);
    return true;
}

bool SessionWatcher::Impl::find_session() {
    BusError error;
    sd_bus_message* reply = nullptr;
    const char* id = std::getenv("XDG_SESSION_ID");
    const bool by_id = id != nullptr && *id != '\0';
    int r =
        by_id ? sd_bus_call_method(bus, login1, manager_path, manager_interface, "GetSession",
                                   &error.e, &reply, "s", id)
              : sd_bus_call_method(bus, login1, manager_path, manager_interface, "GetSessionByPID",
                                   &error.e, &reply, "u", static_cast<std::uint32_t>(getpid()));
    if (r < 0) {
        // Nobody answered: no logind. Any other error (no session for this
        // process, access denied) still leaves PrepareForSleep worth watching.
        const bool no_logind =
            sd_bus_error_is_set(&error.e) == 0 || error.has_name(SD_BUS_ERROR_SERVICE_UNKNOWN) ||
            error.has_name(SD_BUS_ERROR_NAME_HAS_NO_OWNER) ||
            error.has_name(SD_BUS_ERROR_NO_REPLY) || error.has_name(SD_BUS_ERROR_TIMEOUT);
        if (no_logind) {
            log.warning("session",
                        "logind is not available on the system bus ({}): lock and "
                        "suspend will not be noticed",
                        error.message(r));
            return false;
        }
        log.warning("session", "no logind session ({}): lock and unlock will not be noticed",
                    error.message(r));
        return true;
    }
    const char* path = nullptr;
    r = sd_bus_message_read(reply, "o", &path);
    if (r >= 0) session_path = path;
    sd_bus_message_unref(reply);
    if (r < 0) {
        log.warning("session",
                    "unexpected reply from logind ({}): lock and suspend will not be "
                    "noticed",
                    std::strerror(-r));
        return false;
    }
    log.info("session", "watching logind session {}", session_path);
    return true;
}

bool SessionWatcher::Impl::add_matches() {
    int r =
        sd_bus_match_signal(bus, nullptr, login1, manager_path, manager_interface,
                            "PrepareForSleep", sd_bus_handler<&Impl::on_prepare_for_sleep>, this);
    if (r >= 0 && !session_path.empty()) {
        const char* path = session_path.c_str();
        r = sd_bus_match_signal(bus, nullptr, login1, path, session_interface, "Lock",
                                sd_bus_handler<&Impl::on_lock>, this);
        if (r >= 0)
            r = sd_bus_match_signal(bus, nullptr, login1, path, session_interface, "Unlock",
                                    sd_bus_handler<&Impl::on_unlock>, this);
        if (r >= 0)
            r = sd_bus_match_signal(bus, nullptr, login1, path, properties_interface,
                                    "PropertiesChanged",
                                    sd_bus_handler<&Impl::on_properties_changed>, this);
    }
    if (r < 0)
        log.warning("session",
                    "cannot watch logind signals ({}): lock and suspend will not be "
                    "noticed",
                    std::strerror(-r));
    return r >= 0;
}

void SessionWatcher::Impl::take_inhibitor() {
    if (inhibitor_fd >= 0 || inhibitor_pending) return;
    int r = sd_bus_call_method_async(bus, nullptr, login1, manager_path, manager_interface,
                                     "Inhibit", sd_bus_handler<&Impl::on_inhibit>, this, "ssss",
                                     "sleep", "walkbreak", "Stamp the moment of suspend", "delay");
    inhibitor_pending = r >= 0;
}

void SessionWatcher::Impl::release_inhibitor() {
    if (inhibitor_fd < 0) return;
    ::close(inhibitor_fd);
    inhibitor_fd = -1;
}

void SessionWatcher::Impl::lost(int r) {
    log.warning("session", "lost the system bus ({}): lock and suspend are no longer noticed",
                std::strerror(-r));
    close();
}

void SessionWatcher::Impl::close() {
    loop.stop();
    release_inhibitor();
    if (bus != nullptr) bus = sd_bus_flush_close_unref(bus);  // frees the slots with it
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
        release_inhibitor();  // lets logind go ahead
    } else {
        log.info("session", "resumed");
        call(callbacks.on_resume);
        take_inhibitor();
    }
}

void SessionWatcher::Impl::on_locked_hint(sd_bus_message* m) noexcept {
    int value = 0;
    if (!sd_bus_message_is_method_error(m, nullptr) &&
        sd_bus_message_read(m, "v", "b", &value) >= 0 && value != 0)
        set_locked(true);
}

void SessionWatcher::Impl::on_inhibit(sd_bus_message* m) noexcept {
    inhibitor_pending = false;
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
    inhibitor_fd = held;
    log.debug("session", "holding a sleep delay inhibitor");
}

SessionWatcher::SessionWatcher(boost::asio::io_context& io, SessionCallbacks callbacks, Logger& log)
    : impl_(std::make_unique<Impl>(io, std::move(callbacks), log)) {}

SessionWatcher::~SessionWatcher() = default;

bool SessionWatcher::start() { return impl_->start(); }

}  // namespace walkbreak::daemon
