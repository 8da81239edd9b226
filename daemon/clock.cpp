// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/clock.hpp"

#include <time.h>

#include "core/civil.hpp"

namespace walkbreak::daemon {

core::Millis boot_now() {
    timespec ts{};
    clock_gettime(CLOCK_BOOTTIME, &ts);
    return std::chrono::duration_cast<core::Millis>(std::chrono::seconds{ts.tv_sec} +
                                                    std::chrono::nanoseconds{ts.tv_nsec});
}

core::Moment now_moment() {
    // glibc's localtime_r does not look for a changed zone by itself; tzset()
    // re-reads TZ and /etc/localtime, so a move to another zone is seen at
    // the next event.
    tzset();
    const auto wall = std::chrono::time_point_cast<core::Millis>(std::chrono::system_clock::now());
    return core::Moment{wall, boot_now(), core::local_utc_offset(wall)};
}

}  // namespace walkbreak::daemon
