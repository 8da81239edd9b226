// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One journal entry as one line of text (docs/SYNC.md "Journal lines"):
//
//   1 {"device":"3f2a9c0d5e6b7a81","seq":17,"kind":"walk","id":42,"op":"put",...} 5d41402a
//
// VERSION, a space, the payload (a JSON object), a space, and the CRC-32 of
// everything before that last space as 8 lowercase hex digits. That frame is
// the one thing no format version may change: a line whose check verifies is
// whole, and only then is its version believed.
#include <string>
#include <string_view>
#include <variant>

#include "core/journal_entry.hpp"

namespace walkbreak::core {

// The journal format this walkbreak writes and reads.
inline constexpr int journal_format_version = 1;
// A line longer than this is damaged: the longest entry, a note and a device
// name of the most bytes below, every byte escaped six-fold, needs less.
inline constexpr std::size_t max_journal_line_bytes = std::size_t{64} * 1024;
// What a journal carries of a walk's note and of a device name: their first
// bytes, cut at a character boundary (the control protocol allows 4 KiB for a
// whole request; a longer note came from an import and is not a note).
inline constexpr std::size_t max_journal_note_bytes = 4096;
inline constexpr std::size_t max_device_name_bytes = 256;
// The longest walk or sitting bout a line may hold. Nobody walks or sits for
// a week; a line that says so is damaged or hostile, and would cost every
// reader's totals a pass over each of its days.
inline constexpr Seconds max_journal_span{std::int64_t{7} * 24 * 3600};

// The entry's line, newline included. It reads back as the same entry when
// the record keeps the limits the decoder holds lines to (times 1970-9999 in
// whole seconds, offsets within 18 h, spans up to max_journal_span), as every
// row of the store does; a longer note or name is cut to fit. A note or name
// that is not UTF-8 has its bad bytes replaced (U+FFFD), as everywhere
// walkbreak writes JSON.
std::string encode_journal_line(const JournalEntry& entry);

// Why a line gives no entry.
struct LineProblem {
    enum class Kind {
        Damaged,       // no frame, or its check fails: torn, cut, or changed in transit
        NewerVersion,  // whole, but written by a later journal format (`version`)
        UnknownKind,   // whole, this version, a record kind a later walkbreak added
        Invalid,       // whole, this version, but its payload makes no sense
    };
    Kind kind{Kind::Damaged};
    int version{0};      // NewerVersion: the line's version
    std::string detail;  // for a log line
};

// A line without its newline. Never throws, whatever the bytes.
std::variant<JournalEntry, LineProblem> decode_journal_line(std::string_view line);

// The frame alone, for the other lines in it (the presence file's): `payload`
// (one JSON object, no newline) framed with this format's version and its
// check, newline included; and the payload of a whole line of a version this
// walkbreak reads, or why the line is not one (Damaged, NewerVersion, Invalid).
std::string frame_journal_payload(std::string_view payload);
std::variant<std::string_view, LineProblem> open_journal_frame(std::string_view line);

}  // namespace walkbreak::core
