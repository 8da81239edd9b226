// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One line per event on stderr: "<level> domain: message". Under systemd
// (JOURNAL_STREAM set) the line starts with a syslog priority prefix such as
// "<4>" instead, and carries no timestamp: the journal adds its own.
// Loop thread only.
#include <cstdio>
#include <string_view>

#include <fmt/format.h>

namespace walkbreak::daemon {

enum class Level { Error = 3, Warning = 4, Notice = 5, Info = 6, Debug = 7 };

class Logger {
public:
    // `journald`: write <N> prefixes; `verbose`: include Debug lines; `out`:
    // where the lines go (a test's memory stream instead of stderr).
    Logger(bool journald, bool verbose, std::FILE* out = stderr)
        : journald_(journald), verbose_(verbose), out_(out) {}
    // Decides `journald` from the environment (JOURNAL_STREAM).
    static Logger from_environment(bool verbose);
    // Writes nothing: for tools such as `walkbreak doctor` that reuse the
    // daemon's backends and report their findings themselves.
    static Logger discarding() {
        Logger log{false, false};
        log.discard_ = true;
        return log;
    }

    void write(Level level, std::string_view domain, std::string_view message);

    template <typename... Args>
    void error(std::string_view domain, fmt::format_string<Args...> f, Args&&... args) {
        write(Level::Error, domain, fmt::format(f, std::forward<Args>(args)...));
    }
    template <typename... Args>
    void warning(std::string_view domain, fmt::format_string<Args...> f, Args&&... args) {
        write(Level::Warning, domain, fmt::format(f, std::forward<Args>(args)...));
    }
    template <typename... Args>
    void notice(std::string_view domain, fmt::format_string<Args...> f, Args&&... args) {
        write(Level::Notice, domain, fmt::format(f, std::forward<Args>(args)...));
    }
    template <typename... Args>
    void info(std::string_view domain, fmt::format_string<Args...> f, Args&&... args) {
        write(Level::Info, domain, fmt::format(f, std::forward<Args>(args)...));
    }
    template <typename... Args>
    void debug(std::string_view domain, fmt::format_string<Args...> f, Args&&... args) {
        if (verbose_) write(Level::Debug, domain, fmt::format(f, std::forward<Args>(args)...));
    }

private:
    bool journald_;
    bool verbose_;
    std::FILE* out_;
    bool discard_{false};
};

}  // namespace walkbreak::daemon
