// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The bus plumbing every sd-bus client here needs: a signal watched through
// a match whose slot the caller owns (dropping it stops the watch), and the
// owner of a well-known name followed through NameOwnerChanged. Handlers are
// made with sd_bus_handler<&T::f> (c_callback.hpp). Loop thread only.
#include <cstdint>
#include <optional>

#include <systemd/sd-bus.h>

#include "core/result.hpp"
#include "daemon/sd_bus_ptr.hpp"

namespace walkbreak::daemon {

// Adds the match (a blocking AddMatch call, at set-up); an error names the
// signal that cannot be watched.
core::Result<SdBusSlotPtr> watch_signal(sd_bus* bus, const char* sender, const char* path,
                                        const char* interface, const char* member,
                                        sd_bus_message_handler_t handler, void* data);

// Watches NameOwnerChanged(s name, s old_owner, s new_owner) for `name`.
core::Result<SdBusSlotPtr> watch_name_owner(sd_bus* bus, const char* name,
                                            sd_bus_message_handler_t handler, void* data);

// A connection to the session bus whose blocking calls wait at most
// `call_timeout_usec`; an error says why there is none.
core::Result<SdBusPtr> open_session_bus(std::uint64_t call_timeout_usec);

// Whether `name` has an owner now (a blocking GetNameOwner): an error
// "NAME is not on the session bus", or why the bus could not say.
core::Outcome require_name_owner(sd_bus* bus, const char* name);

// From a NameOwnerChanged message: whether the name has an owner now; none
// when the message is not one.
std::optional<bool> name_has_new_owner(sd_bus_message* message);

}  // namespace walkbreak::daemon
