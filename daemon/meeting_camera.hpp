// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// "inotify": the camera signal. Holds while any video device node matching
// meeting camera_devices (a glob, "/dev/video*") is open by anyone. inotify
// reports IN_OPEN and IN_CLOSE_* on each node (camera_open_counts.hpp keeps
// the count per node), and a watch on the glob's directory sees nodes come
// and go (a camera plugged in or out). Only the last component of the glob
// may hold wildcards. walkbreakd never opens the nodes itself: that would be
// an open it reports. No polling: the inotify descriptor is an FdEvent.
//
// Limits: opens by processes of other users are seen by inotify but not by
// the /proc count made at open and on the closes of an uncertain node
// (camera_open_counts.hpp); a camera plugged in while no node matched at
// open is not seen (the source did not open).
#include <memory>

#include <boost/asio/io_context.hpp>

#include "core/result.hpp"
#include "daemon/logger.hpp"
#include "daemon/meeting_source.hpp"

namespace walkbreak::daemon {

// Watches the matching nodes; an error says why not ("no camera device
// matches /dev/video*", a directory that cannot be watched).
core::Result<std::unique_ptr<MeetingSource>> open_camera_source(boost::asio::io_context& io,
                                                                const MeetingSourceOptions& options,
                                                                MeetingSourceCallbacks callbacks,
                                                                Logger& log);

}  // namespace walkbreak::daemon
