// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Which of some files other processes hold open now, read from the
// /proc/PID/fd links (readlink opens nothing, so the camera source's own
// inotify watches never see this look). Processes whose descriptors this
// user may not read (other users') are not counted. Blocking, but only
// /proc is read: at a camera source's open and on the closes it must check.
#include <map>
#include <string>
#include <vector>

namespace walkbreak::daemon {

// For each of `paths` (absolute, without symlinks), how many descriptors
// refer to it. Descriptors that share one open file (dup, fork) count each:
// the number only says "none" exactly, which is what the camera source asks.
std::map<std::string, unsigned> count_open_files(const std::vector<std::string>& paths);

}  // namespace walkbreak::daemon
