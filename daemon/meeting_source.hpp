// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A meeting source watches one of the desktop's meeting signals (the
// microphone, the camera, do-not-disturb, a fullscreen window) and says when
// it begins and ends to hold. One backend per file, each event-driven on the
// event layer (no polling); open_meeting_sources() (meeting_probe.cpp) opens
// the enabled ones. The manual signal (`walkbreak meeting`) is not a source:
// the service keeps it. Loop thread only; callbacks run on the loop thread.
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "core/config.hpp"
#include "core/meeting_signal.hpp"
#include "daemon/event_callback.hpp"
#include "daemon/logger.hpp"

namespace walkbreak::daemon {

struct MeetingSourceCallbacks {
    // The signal began (true) or ceased (false) to hold. Sent on changes only;
    // a source whose signal already holds when it opens reports true at once
    // (deferred, never from inside open).
    Callback<void(core::MeetingSignal signal, bool holds)> on_change;
};

// What the sources are told at open: the [meeting] config section itself.
// `signals` are the ones to open; recording by `ignore_apps` (the PulseAudio
// application.name or application.process.binary) is not a meeting;
// `camera_devices` globs the video device nodes ("/dev/video*" on a real
// system, a test's own node in the tests).
using MeetingSourceOptions = core::Config::Meeting;

class MeetingSource {
public:
    virtual ~MeetingSource() = default;
    virtual core::MeetingSignal signal() const = 0;
    // The backend in use, for the log and doctor: "pulseaudio", "inotify",
    // "dunst", "freedesktop-inhibited", "gnome-show-banners", "x11-ewmh",
    // "wlr-foreign-toplevel".
    virtual std::string_view backend() const = 0;
    // Whether the signal holds now.
    virtual bool holds() const = 0;
    // What the user should know about a signal that is watched but cannot
    // hold yet ("no camera device matches /dev/video* now; ..."); empty when
    // there is nothing to say. For the log and doctor.
    virtual std::string detail() const { return {}; }
};

// One row of `walkbreak doctor`: whether a signal can be seen here, and why not.
struct MeetingSignalStatus {
    core::MeetingSignal signal{core::MeetingSignal::Manual};
    bool available{false};
    std::string backend;  // as MeetingSource::backend(); empty when unavailable
    std::string reason;   // why not, with what would make it work; empty when available
    std::string detail;   // as MeetingSource::detail() when available
};

// Opens a source for each enabled signal that can be seen here; for each one
// that cannot, logs why once (the daemon goes on without it).
std::vector<std::unique_ptr<MeetingSource>> open_meeting_sources(
    boost::asio::io_context& io, const MeetingSourceOptions& options,
    MeetingSourceCallbacks callbacks, Logger& log);

// Every signal but Manual, each tried by opening and closing it.
std::vector<MeetingSignalStatus> list_meeting_signals(boost::asio::io_context& io,
                                                      const MeetingSourceOptions& options,
                                                      Logger& log);

}  // namespace walkbreak::daemon
