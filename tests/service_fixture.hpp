// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The service (daemon/service.hpp) with the desktop's parts as fakes the test
// drives, on a clock moved by hand and a store that remembers what it was
// given (service_test_support.hpp): the fixture of the service's tests.
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "core/config.hpp"
#include "daemon/recorder.hpp"
#include "daemon/service.hpp"
#include "tests/service_test_support.hpp"
#include "tests/store_test_support.hpp"

namespace walkbreak::test {

using namespace std::chrono_literals;

class FakeIdle final : public daemon::IdleSource {
public:
    std::string_view name() const override { return "fake"; }
    void start(core::Seconds) override {}
    void stop() override {}
};

// The desktop as the service sees it: what it shows, and the callbacks through
// which the test plays the user.
struct FakeDesktop {
    daemon::IdleCallbacks idle;
    daemon::SessionCallbacks session;
    std::vector<daemon::Notice> shown;
    int closed_all{0};
    daemon::MeetingSourceCallbacks meeting;
    daemon::MeetingSourceOptions meeting_options;
    int meeting_opens{0};

    class Notices final : public daemon::NoticeSink {
    public:
        explicit Notices(FakeDesktop& d) : desktop_(d) {}
        void show(daemon::Notice notice) override { desktop_.shown.push_back(std::move(notice)); }
        void close(daemon::NoticeKind) override {}
        void close_all() override { ++desktop_.closed_all; }

    private:
        FakeDesktop& desktop_;
    };

    daemon::Desktop parts() {
        return {[this](const core::Config::Idle&, daemon::IdleCallbacks callbacks) {
                    idle = std::move(callbacks);
                    return std::unique_ptr<daemon::IdleSource>{std::make_unique<FakeIdle>()};
                },
                [this](daemon::SessionCallbacks callbacks) {
                    session = std::move(callbacks);
                    return std::unique_ptr<daemon::SessionWatcher>{};
                },
                [this](daemon::NoticeSink::ActionHandler) {
                    return std::unique_ptr<daemon::NoticeSink>{std::make_unique<Notices>(*this)};
                },
                [this](const daemon::MeetingSourceOptions& options,
                       daemon::MeetingSourceCallbacks callbacks) {
                    meeting_options = options;
                    meeting = std::move(callbacks);
                    ++meeting_opens;
                    return std::vector<std::unique_ptr<daemon::MeetingSource>>{};
                }};
    }

    int reminders() const {
        int n = 0;
        for (const auto& notice : shown) n += notice.kind == daemon::NoticeKind::Reminder;
        return n;
    }
};

// 2026-03-30 at `h:m` UTC (the zone is UTC too); the boot clock at one hour.
inline core::Moment at(int h, int m) {
    return {local_time(2026, 3, 30, h, m, core::UtcOffset{0}), core::Millis{3'600'000},
            core::UtcOffset{0}};
}

inline core::WalkRecord walk(core::WallTime start, core::Seconds length, std::int64_t id = 0) {
    core::WalkRecord w;
    w.id = id;
    w.start = start;
    w.end = start + length;
    return w;
}

struct Fixture {
    explicit Fixture(core::Moment start, core::Config config = {})
        : clock(start),
          paths{dir.file("config.toml"), dir.file("walkbreak.db"), dir.file("control.sock")},
          recorder(clock, paths.db, scripted_store(script), log.logger()),
          service(io, clock, recorder, desktop.parts(), log.logger(), paths, std::move(config)) {
        service.start();
    }

    TempDir dir;
    boost::asio::io_context io;
    ManualClock clock;
    std::shared_ptr<StoreScript> script = std::make_shared<StoreScript>();
    CapturedLog log;
    core::Paths paths;
    daemon::Recorder recorder;
    FakeDesktop desktop;
    daemon::Service service;
};

}  // namespace walkbreak::test
