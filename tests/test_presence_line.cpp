// SPDX-License-Identifier: GPL-3.0-or-later
// The presence file's one line: the journal's frame around the device, its
// state and since when; and what a reader makes of a file that is not whole,
// not of this version, or not sense.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "core/crc32.hpp"
#include "core/presence_line.hpp"

using namespace walkbreak::core;

namespace {

constexpr DeviceId desk = DeviceId::from_bits(0x3f2a9c0d5e6b7a81);

std::string framed(const std::string& body) {
    return fmt::format("{} {:08x}\n", body, crc32(body));
}

LineProblem problem_of(std::string_view text) {
    auto decoded = decode_presence_line(text);
    REQUIRE(std::holds_alternative<LineProblem>(decoded));
    return std::get<LineProblem>(decoded);
}

}  // namespace

TEST_CASE("a presence line is exactly the documented one and reads back", "[sync][presence]") {
    const Presence away{desk, PresenceState::Away, from_unix_seconds(1780300800)};
    const std::string line = encode_presence_line(away);
    CHECK(line == framed(R"(1 {"device":"3f2a9c0d5e6b7a81","state":"away","since":1780300800})"));
    CHECK(std::get<Presence>(decode_presence_line(line)) == away);
    const Presence sitting{desk, PresenceState::Sitting, from_unix_seconds(0)};
    CHECK(std::get<Presence>(decode_presence_line(encode_presence_line(sitting))) == sitting);
}

TEST_CASE("a presence file that is not whole or not sense is refused", "[sync][presence]") {
    const std::string line =
        encode_presence_line({desk, PresenceState::Sitting, from_unix_seconds(1780300800)});
    CHECK(problem_of(line.substr(0, line.size() - 1)).kind == LineProblem::Kind::Damaged);
    CHECK(problem_of("").kind == LineProblem::Kind::Damaged);
    std::string changed = line;
    changed[20] = 'x';
    CHECK(problem_of(changed).kind == LineProblem::Kind::Damaged);
    CHECK(problem_of(framed(R"(2 {"device":"3f2a9c0d5e6b7a81","mood":"great"})")).version == 2);
    for (const char* body : {R"(1 {"device":"3f2a9c0d5e6b7a81","state":"walking","since":1})",
                             R"(1 {"device":"3F2A9C0D5E6B7A81","state":"away","since":1})",
                             R"(1 {"device":"3f2a9c0d5e6b7a81","state":"away","since":-1})",
                             R"(1 {"device":"3f2a9c0d5e6b7a81","state":"away","since":1.5})",
                             R"(1 {"device":"3f2a9c0d5e6b7a81","state":"away"})", R"(1 [])"}) {
        CHECK(problem_of(framed(body)).kind == LineProblem::Kind::Invalid);
    }
}
