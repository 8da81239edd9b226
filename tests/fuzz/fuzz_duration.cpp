// SPDX-License-Identifier: GPL-3.0-or-later
// parse_duration on any bytes: a value or an error, never a crash; a value
// prints with format_duration to text that parses back to the same value.
#include "core/duration.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace walkbreak;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto parsed = core::parse_duration(fuzz::as_text(data, size));
    if (!parsed) {
        fuzz::check(!parsed.error().empty(), "a refused duration says why");
        return 0;
    }
    fuzz::check(*parsed >= core::Seconds{0}, "a parsed duration is not negative");
    const auto again = core::parse_duration(core::format_duration(*parsed));
    fuzz::check(again.ok(), "format_duration output parses");
    fuzz::check(again.ok() && *again == *parsed, "format_duration round-trips");
    return 0;
}
