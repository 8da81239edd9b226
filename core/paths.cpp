// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/paths.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace walkbreak::core {
namespace {

// An empty value counts as unset, for flags and variables alike (the XDG
// specification says so for its variables; `WALKBREAK_DB= walkbreak` means the
// same to a user).
std::optional<std::string> non_empty(std::optional<std::string> v) {
    if (v && v->empty()) {
        return std::nullopt;
    }
    return v;
}

// XDG base directories must be absolute; a relative value is invalid and is
// ignored, per the specification.
std::optional<std::string> absolute(std::optional<std::string> v) {
    if (v && (v->empty() || v->front() != '/')) {
        return std::nullopt;
    }
    return v;
}

std::string join(const std::string& dir, std::string_view rest) {
    if (!dir.empty() && dir.back() == '/') {
        return dir + std::string{rest};
    }
    return fmt::format("{}/{}", dir, rest);
}

// A flag beats the environment, which beats the XDG location.
std::string pick(const std::optional<std::string>& flag, const std::optional<std::string>& var,
                 std::string xdg) {
    if (auto v = non_empty(flag)) {
        return *v;
    }
    if (auto v = non_empty(var)) {
        return *v;
    }
    return xdg;
}

}  // namespace

std::optional<std::string> process_env(const char* name) {
    if (const char* v = std::getenv(name)) {
        return std::string{v};
    }
    return std::nullopt;
}

// Without a usable HOME (unset or relative) the XDG defaults cannot be formed;
// the config and database then live in the same per-user fallback directory as
// the socket, rather than relative to whatever directory the process runs in.
Paths resolve_paths(const PathOverrides& overrides, const GetEnv& env, unsigned uid) {
    const std::string fallback = fmt::format("/tmp/walkbreak-{}", uid);
    const auto home = absolute(env("HOME"));

    const auto config_home = absolute(env("XDG_CONFIG_HOME"));
    const std::string config_dir =
        config_home ? *config_home : (home ? join(*home, ".config") : std::string{});
    const auto data_home = absolute(env("XDG_DATA_HOME"));
    const std::string data_dir =
        data_home ? *data_home : (home ? join(*home, ".local/share") : std::string{});
    const auto runtime_dir = absolute(env("XDG_RUNTIME_DIR"));

    return Paths{
        .config = pick(overrides.config, env("WALKBREAK_CONFIG"),
                       config_dir.empty() ? join(fallback, "config.toml")
                                          : join(config_dir, "walkbreak/config.toml")),
        .db = pick(overrides.db, env("WALKBREAK_DB"),
                   data_dir.empty() ? join(fallback, "walkbreak.db")
                                    : join(data_dir, "walkbreak/walkbreak.db")),
        .socket = pick(overrides.socket, env("WALKBREAK_SOCKET"),
                       runtime_dir ? join(*runtime_dir, "walkbreak/control.sock")
                                   : join(fallback, "control.sock")),
    };
}

}  // namespace walkbreak::core
