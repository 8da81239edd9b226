// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Helpers shared by the config tests: fixtures and diagnostic comparison.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#include <catch2/catch.hpp>

#include "core/config.hpp"

namespace walkbreak::test {

inline std::string read_text(const std::string& path) {
    std::ifstream in{path};
    REQUIRE(in.good());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline std::string fixture_path(const std::string& name) {
    return std::string{WALKBREAK_TEST_DATA} + "/config/" + name;
}

// Parses tests/data/config/<name> under its bare name, so diagnostics do not
// depend on where the source tree is.
inline core::ConfigParse parse_fixture(const std::string& name) {
    return core::parse_config(read_text(fixture_path(name)), name);
}

struct Expected {
    int line;
    int column;
    std::string key;
    std::string message;
};

inline void check_diagnostics(const std::vector<core::ConfigDiagnostic>& got,
                              const std::vector<Expected>& want) {
    for (const auto& d : got) {
        UNSCOPED_INFO("got " << d.to_string());
    }
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        CAPTURE(i);
        CHECK(got[i].line == want[i].line);
        CHECK(got[i].column == want[i].column);
        CHECK(got[i].key == want[i].key);
        CHECK(got[i].message == want[i].message);
    }
}

}  // namespace walkbreak::test
