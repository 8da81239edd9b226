// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Whether GNOME's session manager holds an idle inhibitor (a video player or
// a presentation asked org.gnome.SessionManager.Inhibit with flag 8, "idle").
// Asks IsInhibited(8) at start, again at each InhibitorAdded/InhibitorRemoved
// signal and when the session manager's bus name changes owner; without a
// session manager nothing is inhibited. Used by the gnome-mutter idle source
// for idle.inhibitors_keep_sitting. Runs inside sd_bus_process() on the bus
// of its owner, so on the loop thread.
#include <string>

#include "core/result.hpp"
#include "daemon/event_callback.hpp"
#include "daemon/logger.hpp"
#include "daemon/sd_bus_ptr.hpp"

namespace walkbreak::daemon {

class GnomeSessionInhibit {
public:
    // `on_change(inhibited)` is called whenever inhibited() changes; it must
    // not destroy this object. `bus` must outlive it.
    GnomeSessionInhibit(sd_bus* bus, Callback<void(bool)> on_change, Logger& log);
    GnomeSessionInhibit(const GnomeSessionInhibit&) = delete;
    GnomeSessionInhibit& operator=(const GnomeSessionInhibit&) = delete;

    // Adds the signal matches (blocking calls, at open) and sends the first
    // question; the answer comes through the bus loop. Success, or why not.
    core::Outcome start();
    bool inhibited() const { return inhibited_; }

private:
    // sd-bus's callbacks (c_callback.hpp).
    void on_inhibitors_changed(sd_bus_message*) noexcept { ask(); }
    void on_owner_changed(sd_bus_message* m) noexcept;
    void on_is_inhibited(sd_bus_message* reply) noexcept;
    void ask();
    void set(bool inhibited);

    sd_bus* bus_;
    Callback<void(bool)> on_change_;
    Logger& log_;
    SdBusSlotPtr added_match_;
    SdBusSlotPtr removed_match_;
    SdBusSlotPtr owner_match_;
    SdBusSlotPtr question_;  // the IsInhibited call in flight
    bool inhibited_{false};
};

}  // namespace walkbreak::daemon
