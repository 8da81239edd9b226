// SPDX-License-Identifier: GPL-3.0-or-later
// The sync journal's readers on any bytes, as another computer's files may
// hold them: a line decodes to an entry or a problem, a journal to entries or
// the newer-version error, a presence file to a presence or a problem, a file
// name to a kind; never a crash or an exception. A decoded entry encodes to a
// line that decodes to the same entry, and a decoded presence likewise.
// The CRC-32 would turn almost every mutation away at the frame, so the input
// is also tried as a payload framed with its right check value: that is how
// the fuzzer reaches the payload's parser.
#include <fmt/format.h>

#include <variant>

#include "core/crc32.hpp"
#include "core/device_totals.hpp"
#include "core/journal_line.hpp"
#include "core/journal_merge.hpp"
#include "core/journal_read.hpp"
#include "core/presence_line.hpp"
#include "core/sync_folder.hpp"
#include "tests/fuzz/fuzz_check.hpp"

using namespace walkbreak::core;
namespace fuzz = walkbreak::fuzz;

namespace {

void check_line(std::string_view line) {
    const auto decoded = decode_journal_line(line);
    const auto* entry = std::get_if<JournalEntry>(&decoded);
    if (entry == nullptr) return;
    const std::string encoded = encode_journal_line(*entry);
    fuzz::check(encoded.size() <= max_journal_line_bytes + 1, "an encoded line fits the limit");
    fuzz::check(encoded.find('\n') == encoded.size() - 1, "an encoded entry is one line");
    const auto again = decode_journal_line(std::string_view(encoded).substr(0, encoded.size() - 1));
    const auto* back = std::get_if<JournalEntry>(&again);
    fuzz::check(back != nullptr && *back == *entry, "a decoded entry round-trips");
}

void check_presence(std::string_view text) {
    const auto decoded = decode_presence_file(text);
    const auto* presence = std::get_if<PresenceRecord>(&decoded);
    if (presence == nullptr) return;
    const auto again = decode_presence_file(encode_presence_line(*presence));
    const auto* back = std::get_if<PresenceRecord>(&again);
    fuzz::check(back != nullptr && *back == *presence, "a decoded presence round-trips");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    check_line(text);
    const std::string body = fmt::format("{} {}", journal_format_version, text);
    const std::string framed = fmt::format("{} {:08x}", body, crc32(body));
    check_line(framed);
    check_presence(text);
    check_presence(framed + "\n");

    if (const auto read = read_journal(text, std::nullopt)) {
        for (const JournalEntry& e : read->entries)
            fuzz::check(e.sequence >= 1, "sequences from 1");
        const auto devices = merge_journals(read->entries);
        const Date day = std::chrono::sys_days{std::chrono::year{2026} / 6 / 1};
        (void)day_totals_across_devices(devices, day, day, TimeOfDay{0});
    }
    (void)classify_folder_file(text);
    return 0;
}
