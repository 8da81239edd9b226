// SPDX-License-Identifier: GPL-3.0-or-later
// parse_config on any bytes: a config or errors, never a crash or a stray
// exception. A config prints with format_config (`config show`) to a file that
// parses back, without errors, to the same config.
#include "core/config.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace walkbreak;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto parsed = core::parse_config(fuzz::as_text(data, size), "fuzz.toml");
    fuzz::check(parsed.config.has_value() == parsed.errors.empty(),
                "a config comes back exactly when there are no errors");
    for (const auto& e : parsed.errors) {
        fuzz::check(!e.message.empty() && e.line >= 0 && e.column >= 0,
                    "an error says what and where");
    }
    if (!parsed.config) {
        return 0;
    }
    const std::string shown = core::format_config(*parsed.config);
    const auto again = core::parse_config(shown, "shown.toml");
    if (!again.errors.empty()) {
        std::fprintf(stderr, "%s\n%s\n", shown.c_str(), again.errors.front().to_string().c_str());
    }
    fuzz::check(again.errors.empty(), "format_config output parses without errors");
    fuzz::check(again.config == parsed.config, "format_config round-trips");
    return 0;
}
