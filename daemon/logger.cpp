// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/logger.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace walkbreak::daemon {
namespace {

std::string_view level_word(Level level) {
    switch (level) {
        case Level::Error:
            return "error";
        case Level::Warning:
            return "warning";
        case Level::Notice:
            return "notice";
        case Level::Info:
            return "info";
        case Level::Debug:
            return "debug";
    }
    return "info";
}

}  // namespace

Logger Logger::from_environment(bool verbose) {
    return Logger{std::getenv("JOURNAL_STREAM") != nullptr, verbose};
}

void Logger::write(Level level, std::string_view domain, std::string_view message) {
    if (discard_) return;
    std::string line =
        journald_ ? fmt::format("<{}>{}: {}\n", static_cast<int>(level), domain, message)
                  : fmt::format("walkbreakd: {} {}: {}\n", level_word(level), domain, message);
    // One fwrite per line so that concurrent writers never interleave inside it.
    std::fwrite(line.data(), 1, line.size(), out_);
    std::fflush(out_);
}

}  // namespace walkbreak::daemon
