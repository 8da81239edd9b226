// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/clock.hpp"

#include <time.h>

#include "core/civil.hpp"
#include "daemon/timer_event.hpp"

namespace walkbreak::daemon {
namespace {

class BootDeadline final : public Deadline {
public:
    BootDeadline(boost::asio::io_context& io, Callback<void()> on_expired)
        : timer_(io, TimerClock::Boot, std::move(on_expired)) {}
    void arm_at(core::Millis boot) override { timer_.arm_at(boot); }
    void disarm() override { timer_.disarm(); }
    bool armed() const override { return timer_.armed(); }

private:
    TimerEvent timer_;
};

}  // namespace

core::Moment SystemClock::now() {
    // glibc's localtime_r does not look for a changed zone by itself; tzset()
    // re-reads TZ and /etc/localtime, so a move to another zone is seen at
    // the next event.
    tzset();
    const auto wall = std::chrono::time_point_cast<core::Millis>(std::chrono::system_clock::now());
    const auto boot = std::chrono::duration_cast<core::Millis>(clock_now(TimerClock::Boot));
    return core::Moment{wall, boot, core::local_utc_offset(wall)};
}

std::unique_ptr<Deadline> SystemClock::make_deadline(Callback<void()> on_expired) {
    return std::make_unique<BootDeadline>(io_, std::move(on_expired));
}

}  // namespace walkbreak::daemon
