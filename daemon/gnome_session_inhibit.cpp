// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/gnome_session_inhibit.hpp"

#include <cstdint>
#include <cstring>
#include <optional>
#include <utility>

#include "daemon/c_callback.hpp"
#include "daemon/sd_bus_watch.hpp"

namespace walkbreak::daemon {
namespace {

constexpr const char* session_name = "org.gnome.SessionManager";
constexpr const char* session_path = "/org/gnome/SessionManager";
constexpr const char* session_interface = "org.gnome.SessionManager";
constexpr std::uint32_t inhibit_idle = 8;  // GsmInhibitorFlag: "idle"

}  // namespace

GnomeSessionInhibit::GnomeSessionInhibit(sd_bus* bus, Callback<void(bool)> on_change, Logger& log)
    : bus_(bus), on_change_(std::move(on_change)), log_(log) {}

core::Outcome GnomeSessionInhibit::start() {
    auto added = watch_signal(bus_, session_name, session_path, session_interface, "InhibitorAdded",
                              sd_bus_handler<&GnomeSessionInhibit::on_inhibitors_changed>, this);
    if (!added) return core::Error{added.error()};
    auto removed =
        watch_signal(bus_, session_name, session_path, session_interface, "InhibitorRemoved",
                     sd_bus_handler<&GnomeSessionInhibit::on_inhibitors_changed>, this);
    if (!removed) return core::Error{removed.error()};
    auto owner = watch_name_owner(bus_, session_name,
                                  sd_bus_handler<&GnomeSessionInhibit::on_owner_changed>, this);
    if (!owner) return core::Error{owner.error()};
    added_match_ = std::move(added).value();
    removed_match_ = std::move(removed).value();
    owner_match_ = std::move(owner).value();
    ask();
    return core::success();
}

void GnomeSessionInhibit::ask() {
    sd_bus_slot* slot = nullptr;
    const int r = sd_bus_call_method_async(
        bus_, &slot, session_name, session_path, session_interface, "IsInhibited",
        sd_bus_handler<&GnomeSessionInhibit::on_is_inhibited>, this, "u", inhibit_idle);
    question_.reset(slot);  // a question still in flight is dropped: this one answers later
    if (r < 0) log_.debug("idle", "gnome-mutter: cannot ask IsInhibited: {}", std::strerror(-r));
}

void GnomeSessionInhibit::set(bool inhibited) {
    if (inhibited == inhibited_) return;
    inhibited_ = inhibited;
    log_.info("idle", "gnome-mutter: {}",
              inhibited ? "an idle inhibitor keeps you sitting" : "no idle inhibitor any more");
    if (on_change_) on_change_(inhibited);
}

// NameOwnerChanged(s name, s old_owner, s new_owner) for org.gnome.SessionManager.
void GnomeSessionInhibit::on_owner_changed(sd_bus_message* m) noexcept {
    const std::optional<bool> present = name_has_new_owner(m);
    if (!present) return;
    if (!*present) {
        question_.reset();
        set(false);  // its inhibitors went with it
    } else {
        ask();
    }
}

void GnomeSessionInhibit::on_is_inhibited(sd_bus_message* reply) noexcept {
    question_.reset();
    int inhibited = 0;
    if (const sd_bus_error* e = sd_bus_message_get_error(reply)) {
        // No session manager (not GNOME, or it left): nothing is inhibited.
        log_.debug("idle", "gnome-mutter: IsInhibited failed: {}",
                   e->message != nullptr ? e->message : "?");
    } else if (sd_bus_message_read(reply, "b", &inhibited) < 0) {
        return;
    }
    set(inhibited != 0);
}

}  // namespace walkbreak::daemon
