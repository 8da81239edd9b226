// SPDX-License-Identifier: GPL-3.0-or-later
// parse_export_json: the `export --format json` document back into records.
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/import_parse.hpp"

namespace walkbreak::cli {

namespace {

using ParsedJson = nlohmann::json;

// A problem at `where` (e.g. "walks[2].how"); thrown inside, returned outside.
struct Problem {
    std::string message;
};

const ParsedJson& member(const ParsedJson& object, const std::string& where, const char* key) {
    if (!object.is_object() || !object.contains(key)) {
        throw Problem{fmt::format("{}: expected a \"{}\" member", where, key)};
    }
    return object.at(key);
}

std::string text(const ParsedJson& object, const std::string& where, const char* key) {
    const ParsedJson& v = member(object, where, key);
    if (!v.is_string()) throw Problem{fmt::format("{}.{}: expected a string", where, key)};
    return v.get<std::string>();
}

core::WallTime instant(const ParsedJson& object, const std::string& where, const char* key) {
    auto t = parse_rfc3339(text(object, where, key));
    if (!t) throw Problem{fmt::format("{}.{}: {}", where, key, t.error())};
    return *t;
}

core::UtcOffset offset(const ParsedJson& object, const std::string& where) {
    const ParsedJson& v = member(object, where, "utc_offset_seconds");
    if (!v.is_number_integer() || v.get<std::int64_t>() < -18 * 3600 ||
        v.get<std::int64_t>() > 18 * 3600) {
        throw Problem{
            fmt::format("{}.utc_offset_seconds: expected seconds east of UTC, like "
                        "7200",
                        where)};
    }
    return core::UtcOffset{v.get<std::int64_t>()};
}

// Calls `read(element, "name[i]")` for each element of the array `name`.
template <typename Read>
void each(const ParsedJson& doc, const char* name, Read read) {
    const ParsedJson& list = member(doc, "export", name);
    if (!list.is_array()) throw Problem{fmt::format("{}: expected an array", name)};
    for (std::size_t i = 0; i < list.size(); ++i) read(list[i], fmt::format("{}[{}]", name, i));
}

template <typename T, typename From>
T enum_value(const ParsedJson& o, const std::string& where, const char* key, From from,
             std::string_view expected) {
    const auto v = from(text(o, where, key));
    if (!v) throw Problem{fmt::format("{}.{}: expected {}", where, key, expected)};
    return *v;
}

void check_order(core::WallTime start, core::WallTime end, const std::string& where) {
    if (end < start) throw Problem{fmt::format("{}: expected an end at or after the start", where)};
}

// The "seconds" an export writes beside a span, when there, must be its length.
void check_seconds(core::Seconds length, const ParsedJson& o, const std::string& where) {
    if (!o.contains("seconds")) return;
    const ParsedJson& v = o.at("seconds");
    if (!v.is_number_integer() || v.get<std::int64_t>() != length.count()) {
        throw Problem{fmt::format("{}.seconds: expected {}, the length from start to end", where,
                                  length.count())};
    }
}

// A walk is a span of time (an empty one is refused, as `log 0s` is), and
// the "seconds" an export writes beside it must be that span's length.
void check_walk_span(const core::WalkRecord& w, const ParsedJson& o, const std::string& where) {
    if (w.end <= w.start) {
        throw Problem{
            fmt::format("{}: expected an end after the start (a walk of 0s is none)", where)};
    }
    check_seconds(w.seconds(), o, where);
}

// A meeting is checked as core::check_meeting_span says, then like a walk.
void check_meeting(const core::MeetingRecord& m, const ParsedJson& o, const std::string& where) {
    if (auto span = core::check_meeting_span(m); !span) {
        throw Problem{fmt::format("{}: {}", where, span.error())};
    }
    check_seconds(m.seconds(), o, where);
}

// ["microphone", "camera"]: known names, each once.
std::vector<core::MeetingSignal> signals(const ParsedJson& o, const std::string& where) {
    const ParsedJson& list = member(o, where, "signals");
    std::string joined;
    bool strings = list.is_array();
    for (std::size_t i = 0; strings && i < list.size(); ++i) {
        strings = list[i].is_string();
        if (strings) joined += (i == 0 ? "" : ",") + list[i].get<std::string>();
    }
    auto parsed = strings ? core::signals_from_text(joined) : std::nullopt;
    if (!parsed) {
        throw Problem{
            fmt::format("{}.signals: expected a list of microphone, camera, "
                        "do-not-disturb, fullscreen or manual, each once",
                        where)};
    }
    return std::move(*parsed);
}

}  // namespace

core::Result<ExportData> parse_export_json(std::string_view input) {
    const ParsedJson doc = ParsedJson::parse(input, nullptr, false);
    if (doc.is_discarded()) return core::Error{"expected a walkbreak export (JSON that parses)"};
    try {
        const ParsedJson& version = member(doc, "export", "walkbreak_export");
        if (version != 1) throw Problem{"walkbreak_export: expected 1"};
        ExportData data;
        each(doc, "walks", [&](const ParsedJson& o, const std::string& where) {
            core::WalkRecord w;
            w.start = instant(o, where, "start");
            w.end = instant(o, where, "end");
            check_walk_span(w, o, where);
            w.utc_offset = offset(o, where);
            w.how = enum_value<core::CreditHow>(o, where, "how", core::credit_how_from,
                                                "reminder, auto, confirmed or manual");
            w.note = o.contains("note") ? text(o, where, "note") : std::string();
            data.walks.push_back(std::move(w));
        });
        each(doc, "sitting_bouts", [&](const ParsedJson& o, const std::string& where) {
            core::SittingBout b{instant(o, where, "start"), instant(o, where, "end"),
                                offset(o, where)};
            check_order(b.start, b.end, where);
            data.sitting_bouts.push_back(b);
        });
        each(doc, "reminders", [&](const ParsedJson& o, const std::string& where) {
            core::ReminderRecord r;
            r.shown = instant(o, where, "shown");
            r.resolved = instant(o, where, "resolved");
            check_order(r.shown, r.resolved, where);
            const ParsedJson& escalated = member(o, where, "escalated");
            if (!escalated.is_boolean()) {
                throw Problem{fmt::format("{}.escalated: expected true or false", where)};
            }
            r.escalated = escalated.get<bool>();
            r.outcome =
                enum_value<core::ReminderOutcome>(o, where, "outcome", core::reminder_outcome_from,
                                                  "walked, snoozed, skipped or ignored");
            r.utc_offset = offset(o, where);
            data.reminders.push_back(r);
        });
        each(doc, "checkins", [&](const ParsedJson& o, const std::string& where) {
            data.checkins.push_back(
                {instant(o, where, "at"),
                 enum_value<core::BackFeel>(o, where, "feel", core::back_feel_from,
                                            "better, same or worse"),
                 offset(o, where)});
        });
        // Exports from before meetings were recorded have none.
        if (doc.contains("meetings")) {
            each(doc, "meetings", [&](const ParsedJson& o, const std::string& where) {
                core::MeetingRecord m{
                    instant(o, where, "start"), instant(o, where, "end"), core::UtcOffset{0}, {}};
                check_meeting(m, o, where);
                m.utc_offset = offset(o, where);
                m.signals = signals(o, where);
                data.meetings.push_back(std::move(m));
            });
        }
        return data;
    } catch (const Problem& p) {
        return core::Error{p.message};
    }
}

}  // namespace walkbreak::cli
