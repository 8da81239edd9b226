// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Owners for sd-bus's reference-counted objects, for the backends that use
// the session bus. A slot owns a match or a pending call: dropping it cancels
// that callback (also from inside the callback itself, which sd-bus allows).
#include <cstring>
#include <memory>
#include <string>

#include <systemd/sd-bus.h>

namespace walkbreak::daemon {

struct SdBusClose {
    void operator()(sd_bus* bus) const { sd_bus_flush_close_unref(bus); }
};
using SdBusPtr = std::unique_ptr<sd_bus, SdBusClose>;

struct SdBusSlotUnref {
    void operator()(sd_bus_slot* slot) const { sd_bus_slot_unref(slot); }
};
using SdBusSlotPtr = std::unique_ptr<sd_bus_slot, SdBusSlotUnref>;

// Owns an sd_bus_error (SD_BUS_ERROR_NULL is a C compound literal).
struct SdBusError {
    sd_bus_error e{};
    SdBusError() = default;
    SdBusError(const SdBusError&) = delete;
    SdBusError& operator=(const SdBusError&) = delete;
    ~SdBusError() { sd_bus_error_free(&e); }
    // The bus's message, else the errno text of `r` (negative).
    std::string message(int r) const {
        return e.message != nullptr ? e.message : std::strerror(-r);
    }
    bool has_name(const char* name) const { return sd_bus_error_has_name(&e, name) != 0; }
};

}  // namespace walkbreak::daemon
