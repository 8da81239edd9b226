// SPDX-License-Identifier: GPL-3.0-or-later
// The frame (version, payload, CRC-32) and the payload's fields, both ways.
#include "core/journal_line.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <limits>

#include "core/crc32.hpp"

namespace walkbreak::core {
namespace {

using Json = nlohmann::ordered_json;

// The bounds a payload's numbers must keep: times from 1970 to 9999 in unix
// seconds (as the store keeps them), offsets as far from UTC as any zone.
constexpr std::int64_t max_unix_seconds = 253402300799;
constexpr std::int64_t max_offset_seconds = std::int64_t{18} * 3600;
constexpr std::int64_t max_id = std::numeric_limits<std::int64_t>::max();

std::string frame(std::string_view body) { return fmt::format("{} {:08x}\n", body, crc32(body)); }

// --- encoding ----------------------------------------------------------------

// The first `max` bytes of `s` or fewer, not ending inside a UTF-8 sequence.
std::string cut_text(std::string_view s, std::size_t max) {
    if (s.size() <= max) return std::string(s);
    std::size_t end = max;
    const auto continuation = [&](std::size_t i) {
        return (static_cast<unsigned char>(s[i]) & 0xC0U) == 0x80U;
    };
    while (end > 0 && continuation(end)) --end;
    return std::string(s.substr(0, end));
}

void put_fields(Json& j, const DeviceNameRecord& r) {
    j["name"] = cut_text(r.name, max_device_name_bytes);
}
// The fields of a span of time, which walks, bouts and meetings share.
void put_span(Json& j, WallTime start, WallTime end, UtcOffset utc_offset) {
    j["start"] = to_unix_seconds(start);
    j["end"] = to_unix_seconds(end);
    j["utc_offset"] = utc_offset.count();
}
void put_fields(Json& j, const WalkRecord& r) {
    put_span(j, r.start, r.end, r.utc_offset);
    j["how"] = to_string(r.how);
    j["note"] = cut_text(r.note, max_journal_note_bytes);
}
void put_fields(Json& j, const SittingBout& r) { put_span(j, r.start, r.end, r.utc_offset); }
void put_fields(Json& j, const ReminderRecord& r) {
    j["shown"] = to_unix_seconds(r.shown);
    j["escalated"] = r.escalated;
    j["outcome"] = to_string(r.outcome);
    j["resolved"] = to_unix_seconds(r.resolved);
    j["utc_offset"] = r.utc_offset.count();
}
void put_fields(Json& j, const CheckinRecord& r) {
    j["at"] = to_unix_seconds(r.at);
    j["feel"] = to_string(r.feel);
    j["utc_offset"] = r.utc_offset.count();
}
void put_fields(Json& j, const MeetingRecord& r) {
    put_span(j, r.start, r.end, r.utc_offset);
    Json& signals = j["signals"] = Json::array();
    for (const MeetingSignal s : r.signals) signals.push_back(to_string(s));
}

// --- decoding ----------------------------------------------------------------

// Reads the payload's fields, keeping the first complaint; a field that is
// missing or out of range reads as a zero value and makes the line Invalid.
class Fields {
public:
    explicit Fields(const Json& j) : j_(j) {}
    bool ok() const { return problem_.empty(); }
    const std::string& problem() const { return problem_; }

    std::int64_t whole(const char* key, std::int64_t lo, std::int64_t hi) {
        const auto it = j_.find(key);
        // nlohmann keeps non-negative integers unsigned and negative ones
        // signed; fractions and anything past 64 bits are floats.
        if (it != j_.end() && it->is_number_unsigned()) {
            const auto v = it->get<std::uint64_t>();
            if (v <= static_cast<std::uint64_t>(hi) && static_cast<std::int64_t>(v) >= lo) {
                return static_cast<std::int64_t>(v);
            }
        } else if (it != j_.end() && it->is_number_integer()) {
            const auto v = it->get<std::int64_t>();
            if (v >= lo && v <= hi) return v;
        }
        complain(fmt::format("\"{}\" is not a whole number from {} to {}", key, lo, hi));
        return lo;
    }
    WallTime time(const char* key) { return from_unix_seconds(whole(key, 0, max_unix_seconds)); }
    UtcOffset offset() {
        return UtcOffset{whole("utc_offset", -max_offset_seconds, max_offset_seconds)};
    }
    std::string text(const char* key, std::size_t max_bytes) {
        const auto it = j_.find(key);
        if (it != j_.end() && it->is_string() &&
            it->get_ref<const std::string&>().size() <= max_bytes) {
            return it->get<std::string>();
        }
        complain(fmt::format("\"{}\" is not a string of at most {} bytes", key, max_bytes));
        return {};
    }
    // A meeting's signals: the names this walkbreak knows, each once, in
    // all_meeting_signals order. A name it does not know is a later
    // walkbreak's signal and is passed over: the meeting is what counts.
    std::vector<MeetingSignal> signals(const char* key) {
        const auto it = j_.find(key);
        std::vector<MeetingSignal> out;
        if (it == j_.end() || !it->is_array()) {
            complain(fmt::format("\"{}\" is not a list of names", key));
            return out;
        }
        for (const auto& name : *it) {
            if (!name.is_string()) {
                complain(fmt::format("\"{}\" is not a list of names", key));
                return {};
            }
            if (const auto s = meeting_signal_from_string(name.get_ref<const std::string&>())) {
                out.push_back(*s);
            }
        }
        std::vector<MeetingSignal> ordered;
        for (const MeetingSignal s : all_meeting_signals) {
            if (std::find(out.begin(), out.end(), s) != out.end()) ordered.push_back(s);
        }
        return ordered;
    }
    bool flag(const char* key) {
        const auto it = j_.find(key);
        if (it != j_.end() && it->is_boolean()) return it->get<bool>();
        complain(fmt::format("\"{}\" is not true or false", key));
        return false;
    }
    // A name from one of records.hpp's tables, through `from`.
    template <typename Enum>
    Enum named(const char* key, std::optional<Enum> (*from)(std::string_view)) {
        const auto value = from(text(key, 32));
        if (value) return *value;
        complain(fmt::format("\"{}\" is not one of the known names", key));
        return Enum{};
    }
    void complain(std::string what) {
        if (problem_.empty()) problem_ = std::move(what);
    }

private:
    const Json& j_;
    std::string problem_;
};

// start, end and utc_offset of a walk, a sitting bout or a meeting (`what`).
template <typename Spanned>
void read_span(Fields& f, Spanned& r, std::string_view what) {
    r.start = f.time("start");
    r.end = f.time("end");
    r.utc_offset = f.offset();
    if (r.end < r.start) f.complain(fmt::format("the {} ends before it starts", what));
    if (r.end - r.start > max_journal_span)
        f.complain(fmt::format("the {} is longer than a week", what));
}

JournalRecord read_record(RecordKind kind, Fields& f) {
    switch (kind) {
        case RecordKind::DeviceName:
            return DeviceNameRecord{f.text("name", max_device_name_bytes)};
        case RecordKind::Walk: {
            WalkRecord w;
            read_span(f, w, "walk");
            w.how = f.named<CreditHow>("how", &credit_how_from);
            w.note = f.text("note", max_journal_note_bytes);
            return w;
        }
        case RecordKind::SittingBout: {
            SittingBout b;
            read_span(f, b, "sitting bout");
            return b;
        }
        case RecordKind::Reminder: {
            ReminderRecord r;
            r.shown = f.time("shown");
            r.escalated = f.flag("escalated");
            r.outcome = f.named<ReminderOutcome>("outcome", &reminder_outcome_from);
            r.resolved = f.time("resolved");
            r.utc_offset = f.offset();
            return r;
        }
        case RecordKind::Checkin: {
            CheckinRecord c;
            c.at = f.time("at");
            c.feel = f.named<BackFeel>("feel", &back_feel_from);
            c.utc_offset = f.offset();
            return c;
        }
        case RecordKind::Meeting: {
            MeetingRecord m;
            read_span(f, m, "meeting");
            m.signals = f.signals("signals");
            return m;
        }
    }
    return DeviceNameRecord{};  // not reached: every kind is a case
}

LineProblem problem(LineProblem::Kind kind, std::string detail) {
    return LineProblem{kind, 0, std::move(detail)};
}

std::variant<JournalEntry, LineProblem> read_payload(std::string_view payload) {
    const Json j = Json::parse(payload.begin(), payload.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        return problem(LineProblem::Kind::Invalid, "the payload is not a JSON object");
    }
    Fields f(j);
    const auto device = DeviceId::parse(f.text("device", 16));
    if (!device) f.complain("\"device\" is not 16 lowercase hex digits");
    const auto sequence = static_cast<std::uint64_t>(f.whole("seq", 1, max_id));
    const std::string kind_name = f.text("kind", 64);
    const std::int64_t id = f.whole("id", 1, max_id);
    const std::string op = f.text("op", 16);
    if (!f.ok()) return problem(LineProblem::Kind::Invalid, f.problem());
    const auto kind = record_kind_from(kind_name);
    if (!kind) {
        return problem(LineProblem::Kind::UnknownKind,
                       fmt::format("records of kind \"{}\" are not known here", kind_name));
    }
    if (op == "delete") return delete_entry(*device, sequence, RecordKey{*kind, id});
    if (op != "put") return problem(LineProblem::Kind::Invalid, "\"op\" is not put or delete");
    JournalRecord record = read_record(*kind, f);
    if (!f.ok()) return problem(LineProblem::Kind::Invalid, f.problem());
    return put_entry(*device, sequence, id, std::move(record));
}

bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

}  // namespace

std::string frame_journal_payload(std::string_view payload) {
    return frame(fmt::format("{} {}", journal_format_version, payload));
}

std::variant<std::string_view, LineProblem> open_journal_frame(std::string_view line) {
    using Kind = LineProblem::Kind;
    if (line.size() > max_journal_line_bytes) {
        return problem(Kind::Damaged, fmt::format("longer than {} bytes", max_journal_line_bytes));
    }
    // The frame: BODY, a space, 8 hex digits of the CRC-32 of BODY.
    const auto last_space = line.rfind(' ');
    const std::string_view check =
        last_space == std::string_view::npos ? line : line.substr(last_space + 1);
    if (last_space == std::string_view::npos || check.size() != 8 ||
        !std::all_of(check.begin(), check.end(), is_lower_hex)) {
        return problem(Kind::Damaged, "no check value at the end");
    }
    const std::string_view body = line.substr(0, last_space);
    std::uint32_t expected = 0;
    std::from_chars(check.data(), check.data() + check.size(), expected, 16);
    if (crc32(body) != expected) return problem(Kind::Damaged, "the check value does not match");

    // The line is whole: its version can be believed.
    const auto first_space = body.find(' ');
    const std::string_view version_text = body.substr(0, first_space);
    int version = 0;
    const auto [end, error] =
        std::from_chars(version_text.data(), version_text.data() + version_text.size(), version);
    if (error != std::errc{} || end != version_text.data() + version_text.size() || version < 1 ||
        version_text.front() == '0' || first_space == std::string_view::npos) {
        return problem(Kind::Invalid, "no format version at the start");
    }
    if (version > journal_format_version) {
        return LineProblem{Kind::NewerVersion, version,
                           fmt::format("written in journal format {}", version)};
    }
    return body.substr(first_space + 1);
}

std::string encode_journal_line(const JournalEntry& entry) {
    Json j;
    j["device"] = entry.device.hex();
    j["seq"] = entry.sequence;
    j["kind"] = to_string(entry.key.kind);
    j["id"] = entry.key.id;
    j["op"] = entry.record ? "put" : "delete";
    if (entry.record) std::visit([&](const auto& r) { put_fields(j, r); }, *entry.record);
    return frame_journal_payload(j.dump(-1, ' ', false, Json::error_handler_t::replace));
}

std::variant<JournalEntry, LineProblem> decode_journal_line(std::string_view line) {
    auto payload = open_journal_frame(line);
    if (auto* p = std::get_if<LineProblem>(&payload)) return std::move(*p);
    return read_payload(std::get<std::string_view>(payload));
}

}  // namespace walkbreak::core
