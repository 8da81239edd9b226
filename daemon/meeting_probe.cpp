// SPDX-License-Identifier: GPL-3.0-or-later
// open_meeting_sources() and list_meeting_signals() (meeting_source.hpp): one
// opener per signal in one table. A signal is one line here; its backend
// file exposes an opener of the OpenFn shape whose error is the reason for
// the user ("no camera device matches /dev/video*").
#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "daemon/meeting_camera.hpp"
#include "daemon/meeting_dnd.hpp"
#include "daemon/meeting_fullscreen.hpp"
#include "daemon/meeting_microphone.hpp"
#include "daemon/meeting_source.hpp"

namespace walkbreak::daemon {
namespace {

using OpenFn = core::Result<std::unique_ptr<MeetingSource>> (*)(boost::asio::io_context&,
                                                                const MeetingSourceOptions&,
                                                                MeetingSourceCallbacks, Logger&);

struct MeetingSignalEntry {
    core::MeetingSignal signal;
    OpenFn open;
};

using S = core::MeetingSignal;
using Entry = MeetingSignalEntry;
constexpr std::array registry{
    Entry{S::Microphone, open_microphone_source},
    Entry{S::Camera, open_camera_source},
    Entry{S::DoNotDisturb, open_dnd_source},
    Entry{S::Fullscreen, open_fullscreen_source},
};

bool enabled(const MeetingSourceOptions& options, core::MeetingSignal signal) {
    return std::find(options.signals.begin(), options.signals.end(), signal) !=
           options.signals.end();
}

}  // namespace

std::vector<std::unique_ptr<MeetingSource>> open_meeting_sources(
    boost::asio::io_context& io, const MeetingSourceOptions& options,
    MeetingSourceCallbacks callbacks, Logger& log) {
    std::vector<std::unique_ptr<MeetingSource>> sources;
    for (const MeetingSignalEntry& entry : registry) {
        if (!enabled(options, entry.signal)) continue;
        auto source = entry.open(io, options, callbacks, log);
        if (!source) {
            log.info("meeting", "{} not watched: {}", core::to_string(entry.signal),
                     source.error());
            continue;
        }
        log.notice("meeting", "{}: using {}", core::to_string(entry.signal),
                   source.value()->backend());
        sources.push_back(std::move(source).value());
    }
    return sources;
}

std::vector<MeetingSignalStatus> list_meeting_signals(boost::asio::io_context& io,
                                                      const MeetingSourceOptions& options,
                                                      Logger& log) {
    std::vector<MeetingSignalStatus> rows;
    for (const MeetingSignalEntry& entry : registry) {
        MeetingSignalStatus row{entry.signal, false, {}, {}, {}};
        if (auto source = entry.open(io, options, MeetingSourceCallbacks{}, log); !source) {
            row.reason = source.error();
        } else {
            row.available = true;
            row.backend = source.value()->backend();
            row.detail = source.value()->detail();
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace walkbreak::daemon
