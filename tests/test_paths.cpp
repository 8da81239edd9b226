// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdlib>
#include <map>
#include <string>
#include <catch2/catch.hpp>

#include "core/paths.hpp"

using namespace walkbreak::core;

namespace {

using Env = std::map<std::string, std::string>;

GetEnv env_of(const Env& vars) {
    return [vars](const char* name) -> std::optional<std::string> {
        if (auto it = vars.find(name); it != vars.end()) {
            return it->second;
        }
        return std::nullopt;
    };
}

}  // namespace

TEST_CASE("paths default to the XDG locations under HOME", "[paths]") {
    const auto p = resolve_paths({}, env_of({{"HOME", "/home/ana"}}), 1000);
    CHECK(p.config == "/home/ana/.config/walkbreak/config.toml");
    CHECK(p.db == "/home/ana/.local/share/walkbreak/walkbreak.db");
    CHECK(p.socket == "/tmp/walkbreak-1000/control.sock");
}

TEST_CASE("XDG variables move the files", "[paths]") {
    const auto p = resolve_paths({},
                                 env_of({{"HOME", "/home/ana"},
                                         {"XDG_CONFIG_HOME", "/cfg"},
                                         {"XDG_DATA_HOME", "/data/"},
                                         {"XDG_RUNTIME_DIR", "/run/user/1000"}}),
                                 1000);
    CHECK(p.config == "/cfg/walkbreak/config.toml");
    CHECK(p.db == "/data/walkbreak/walkbreak.db");
    CHECK(p.socket == "/run/user/1000/walkbreak/control.sock");
}

TEST_CASE("relative or empty XDG variables are ignored as the specification says", "[paths]") {
    const auto p = resolve_paths({},
                                 env_of({{"HOME", "/home/ana"},
                                         {"XDG_CONFIG_HOME", "cfg"},
                                         {"XDG_DATA_HOME", ""},
                                         {"XDG_RUNTIME_DIR", "./run"}}),
                                 42);
    CHECK(p.config == "/home/ana/.config/walkbreak/config.toml");
    CHECK(p.db == "/home/ana/.local/share/walkbreak/walkbreak.db");
    CHECK(p.socket == "/tmp/walkbreak-42/control.sock");
}

TEST_CASE("WALKBREAK_* variables beat the XDG locations", "[paths]") {
    const auto p = resolve_paths({},
                                 env_of({{"HOME", "/home/ana"},
                                         {"XDG_CONFIG_HOME", "/cfg"},
                                         {"XDG_RUNTIME_DIR", "/run/user/1000"},
                                         {"WALKBREAK_CONFIG", "/etc/wb.toml"},
                                         {"WALKBREAK_DB", "relative/wb.db"},
                                         {"WALKBREAK_SOCKET", "/run/wb.sock"}}),
                                 1000);
    CHECK(p.config == "/etc/wb.toml");
    CHECK(p.db == "relative/wb.db");
    CHECK(p.socket == "/run/wb.sock");
}

TEST_CASE("flags beat the environment", "[paths]") {
    PathOverrides flags;
    flags.config = "/flag/config.toml";
    flags.db = "/flag/db";
    flags.socket = "/flag/sock";
    const auto p = resolve_paths(flags,
                                 env_of({{"HOME", "/home/ana"},
                                         {"WALKBREAK_CONFIG", "/env/config.toml"},
                                         {"WALKBREAK_DB", "/env/db"},
                                         {"WALKBREAK_SOCKET", "/env/sock"}}),
                                 1000);
    CHECK(p.config == "/flag/config.toml");
    CHECK(p.db == "/flag/db");
    CHECK(p.socket == "/flag/sock");
}

TEST_CASE("each file is overridden on its own", "[paths]") {
    PathOverrides flags;
    flags.db = "/flag/db";
    const auto p =
        resolve_paths(flags, env_of({{"HOME", "/home/ana"}, {"WALKBREAK_SOCKET", "/env/sock"}}), 7);
    CHECK(p.config == "/home/ana/.config/walkbreak/config.toml");
    CHECK(p.db == "/flag/db");
    CHECK(p.socket == "/env/sock");
}

TEST_CASE("empty overrides count as unset", "[paths]") {
    PathOverrides flags;
    flags.config = "";
    const auto p =
        resolve_paths(flags, env_of({{"HOME", "/home/ana"}, {"WALKBREAK_CONFIG", ""}}), 1000);
    CHECK(p.config == "/home/ana/.config/walkbreak/config.toml");
}

TEST_CASE("without a usable HOME the files go to the per-user fallback directory", "[paths]") {
    for (const Env& env : {Env{}, Env{{"HOME", ""}}, Env{{"HOME", "home/ana"}}}) {
        const auto p = resolve_paths({}, env_of(env), 1001);
        CHECK(p.config == "/tmp/walkbreak-1001/config.toml");
        CHECK(p.db == "/tmp/walkbreak-1001/walkbreak.db");
        CHECK(p.socket == "/tmp/walkbreak-1001/control.sock");
    }
    // XDG variables still apply without HOME.
    const auto p = resolve_paths({}, env_of({{"XDG_DATA_HOME", "/data"}}), 1001);
    CHECK(p.db == "/data/walkbreak/walkbreak.db");
    CHECK(p.config == "/tmp/walkbreak-1001/config.toml");
}

TEST_CASE("process_env reads the process environment", "[paths]") {
    ::setenv("WALKBREAK_TEST_PATHS_VAR", "/x/y", 1);
    CHECK(process_env("WALKBREAK_TEST_PATHS_VAR") == std::optional<std::string>{"/x/y"});
    ::unsetenv("WALKBREAK_TEST_PATHS_VAR");
    CHECK_FALSE(process_env("WALKBREAK_TEST_PATHS_VAR").has_value());
}
