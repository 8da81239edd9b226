// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reads the clocks the core is told about: wall time, boot time (which keeps
// counting through a suspend) and the zone's current offset.
#include "core/time.hpp"

namespace walkbreak::daemon {

core::Millis boot_now();
core::Moment now_moment();

}  // namespace walkbreak::daemon
