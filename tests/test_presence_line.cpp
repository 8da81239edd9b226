// SPDX-License-Identifier: GPL-3.0-or-later
// A device's presence file: one line in the journal's frame, read back whole
// or not at all; a newer format is told apart from damage.
#include <catch2/catch.hpp>

#include <cstdio>

#include "core/crc32.hpp"
#include "core/presence_line.hpp"

using namespace walkbreak::core;
using Kind = LineProblem::Kind;

namespace {

constexpr DeviceId desk = DeviceId::from_bits(0x3f2a9c0d5e6b7a81);

// A line framed by hand, as docs/SYNC.md describes the frame.
std::string framed(std::string_view body) {
    char check[9];
    std::snprintf(check, sizeof check, "%08x", crc32(body));
    return std::string(body) + " " + check + "\n";
}

Kind problem_of(std::string_view text) {
    const auto decoded = decode_presence_file(text);
    REQUIRE(std::holds_alternative<LineProblem>(decoded));
    return std::get<LineProblem>(decoded).kind;
}

}  // namespace

TEST_CASE("a presence line says who, sitting or away, and since when", "[sync][presence]") {
    const PresenceRecord sitting{desk, PresenceState::Sitting, from_unix_seconds(1780300800),
                                 std::nullopt};
    const std::string line = encode_presence_line(sitting);
    CHECK(line ==
          framed(R"(1 {"device":"3f2a9c0d5e6b7a81","state":"sitting","since":1780300800})"));
    const auto decoded = decode_presence_file(line);
    REQUIRE(std::holds_alternative<PresenceRecord>(decoded));
    CHECK(std::get<PresenceRecord>(decoded) == sitting);

    const PresenceRecord away{desk, PresenceState::Away, from_unix_seconds(0), std::nullopt};
    CHECK(std::get<PresenceRecord>(decode_presence_file(encode_presence_line(away))) == away);
}

TEST_CASE("a presence line may say since when the user has been sitting; older ones do not",
          "[sync][presence]") {
    const PresenceRecord away{desk, PresenceState::Away, from_unix_seconds(1780300800),
                              from_unix_seconds(1780299000)};
    const std::string line = encode_presence_line(away);
    CHECK(line == framed(R"(1 {"device":"3f2a9c0d5e6b7a81","state":"away","since":1780300800,)"
                         R"("sitting_since":1780299000})"));
    CHECK(std::get<PresenceRecord>(decode_presence_file(line)) == away);
    // A line without it (an older walkbreak's) is read with none.
    const auto older =
        decode_presence_file(framed(R"(1 {"device":"3f2a9c0d5e6b7a81","state":"away","since":5})"));
    CHECK_FALSE(std::get<PresenceRecord>(older).sitting_since.has_value());
    CHECK(problem_of(framed(R"(1 {"device":"3f2a9c0d5e6b7a81","state":"away","since":5,)"
                            R"("sitting_since":"soon"})")) == Kind::Invalid);
}

TEST_CASE("a presence file read is whole, or a problem of its kind", "[sync][presence]") {
    const std::string line =
        encode_presence_line({desk, PresenceState::Away, from_unix_seconds(1780300800), {}});
    // Every cut, and every changed byte, is damage: never a wrong presence.
    for (std::size_t cut = 0; cut < line.size(); ++cut) {
        CHECK(problem_of(line.substr(0, cut)) == Kind::Damaged);
    }
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        std::string changed = line;
        changed[i] = static_cast<char>(changed[i] ^ 0x20);
        const auto decoded = decode_presence_file(changed);
        CHECK(std::holds_alternative<LineProblem>(decoded));
    }
    CHECK(problem_of(framed(R"(2 {"device":"3f2a9c0d5e6b7a81","mood":"great"})")) ==
          Kind::NewerVersion);
    CHECK(problem_of(framed(R"(1 {"device":"3f2a9c0d5e6b7a81","state":"dancing","since":1})")) ==
          Kind::Invalid);
    CHECK(problem_of(framed(R"(1 {"device":"3F2A9C0D5E6B7A81","state":"away","since":1})")) ==
          Kind::Invalid);
    CHECK(problem_of(framed(R"(1 {"device":"3f2a9c0d5e6b7a81","state":"away","since":-1})")) ==
          Kind::Invalid);
    CHECK(problem_of(framed(R"(1 {"device":"3f2a9c0d5e6b7a81","state":"away"})")) == Kind::Invalid);
    CHECK(problem_of(framed("1 [1,2]")) == Kind::Invalid);
}
