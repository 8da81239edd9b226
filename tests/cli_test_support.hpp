// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs the walkbreak command line in-process, with its XDG directories in a
// temporary home, and captures what it prints.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"

namespace walkbreak::test {

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

// `walkbreak args...` with XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_RUNTIME_DIR under `home`.
struct Sandbox {
    std::filesystem::path home;
    std::optional<core::WallTime> now;  // the clock the CLI reads; the real one without
    std::string input;                  // what the CLI reads from standard input
    Sandbox() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "walkbreak-cli-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        home = pattern;
    }
    ~Sandbox() {
        std::error_code ignored;
        std::filesystem::remove_all(home, ignored);
    }
    // The default socket: where a test server should listen.
    std::string socket_path() const {
        return (home / "run" / "walkbreak" / "control.sock").string();
    }

    Outcome run(std::vector<std::string> args) const {
        args.insert(args.begin(), "walkbreak");
        std::vector<const char*> argv;
        for (const auto& a : args) argv.push_back(a.c_str());
        const std::map<std::string, std::string> vars{
            {"XDG_CONFIG_HOME", (home / "config").string()},
            {"XDG_DATA_HOME", (home / "data").string()},
            {"XDG_RUNTIME_DIR", (home / "run").string()},
            {"HOME", home.string()}};
        cli::Environment env;
        env.env = [vars](const char* name) -> std::optional<std::string> {
            auto it = vars.find(name);
            if (it == vars.end()) return std::nullopt;
            return it->second;
        };
        env.uid = 1000;
        env.now = now.value_or(
            std::chrono::time_point_cast<core::Millis>(std::chrono::system_clock::now()));
        std::istringstream in(input);
        env.in = &in;
        std::ostringstream out, err;
        const int code =
            cli::run_walkbreak(static_cast<int>(argv.size()), argv.data(), out, err, env);
        return {code, out.str(), err.str()};
    }
};

}  // namespace walkbreak::test
