// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where walkbreak's files live, per the XDG base directory specification, with
// the overrides of DESIGN.md §2: a command-line flag beats WALKBREAK_* in the
// environment, which beats the XDG location.
#include <functional>
#include <optional>
#include <string>

namespace walkbreak::core {

struct Paths {
    std::string config;  // $XDG_CONFIG_HOME/walkbreak/config.toml
    std::string db;      // $XDG_DATA_HOME/walkbreak/walkbreak.db
    std::string socket;  // $XDG_RUNTIME_DIR/walkbreak/control.sock
};

struct PathOverrides {
    std::optional<std::string> config, db, socket;
};

using GetEnv = std::function<std::optional<std::string>(const char*)>;
// The process environment, for production callers.
std::optional<std::string> process_env(const char* name);

// Pure given `env`. Without XDG_RUNTIME_DIR the socket falls back to
// /tmp/walkbreak-$UID/control.sock (the daemon checks that directory's owner).
Paths resolve_paths(const PathOverrides& overrides, const GetEnv& env, unsigned uid);

}  // namespace walkbreak::core
