// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The clocks the core is told about — wall time, boot time (which keeps
// counting through a suspend) and the zone's current offset — and deadlines
// on the boot clock. The service and the recorder take a Clock: main() passes
// a SystemClock, their tests a clock they move by hand. Loop thread only.
#include <memory>

#include <boost/asio/io_context.hpp>

#include "core/time.hpp"
#include "daemon/event_callback.hpp"

namespace walkbreak::daemon {

// A one-shot deadline on its clock's boot time, owned by its user, with
// TimerEvent's guarantees: re-arming replaces the previous deadline, one in
// the past fires once from the loop (never inside arm_at), and a disarmed or
// destroyed deadline never fires.
class Deadline {
public:
    virtual ~Deadline() = default;
    virtual void arm_at(core::Millis boot) = 0;
    virtual void disarm() = 0;
    virtual bool armed() const = 0;
};

class Clock {
public:
    virtual ~Clock() = default;
    // The wall clock, the boot clock and the zone's offset, read together.
    virtual core::Moment now() = 0;
    // A deadline whose `on_expired` runs from the loop once now().boot has
    // reached the instant it is armed at.
    virtual std::unique_ptr<Deadline> make_deadline(Callback<void()> on_expired) = 0;
};

// The system's clocks; deadlines are TimerEvents on CLOCK_BOOTTIME.
class SystemClock final : public Clock {
public:
    explicit SystemClock(boost::asio::io_context& io) : io_(io) {}
    core::Moment now() override;
    std::unique_ptr<Deadline> make_deadline(Callback<void()> on_expired) override;

private:
    boost::asio::io_context& io_;
};

}  // namespace walkbreak::daemon
