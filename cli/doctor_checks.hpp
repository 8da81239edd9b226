// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "cli/doctor.hpp"
#include "core/paths.hpp"

namespace walkbreak::cli {

// Looks at everything walkbreak depends on: idle backends, the notification
// server, logind, the user unit, the database and the config. Takes a few
// seconds at most (each bus call has a short timeout).
DoctorReport run_doctor_checks(const core::Paths& paths);

}  // namespace walkbreak::cli
