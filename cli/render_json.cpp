// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/render_json.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

#include <fmt/compile.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/civil.hpp"

namespace walkbreak::cli {

namespace {

using Json = nlohmann::ordered_json;

// Notes come from the user and the database: never let bad UTF-8 throw.
std::string pretty(const Json& j) {
    return j.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
}

Json day_object(const DayReport& day, bool checkins_enabled) {
    const auto& t = day.totals;
    Json j;
    j["date"] = core::format_date(t.date);
    j["walk_minutes"] = whole_minutes(t.walk_seconds);
    j["walk_seconds"] = t.walk_seconds.count();
    j["walks"] = t.walks;
    j["goal_minutes"] = whole_minutes(day.goal);
    j["sitting_minutes"] = whole_minutes(t.sitting_seconds);
    j["longest_sitting_minutes"] = whole_minutes(t.longest_sitting);
    j["meeting_minutes"] = whole_minutes(t.meeting_seconds);
    j["reminders"] = Json{{"sent", t.reminders.sent},
                          {"walked", t.reminders.walked},
                          {"snoozed", t.reminders.snoozed},
                          {"skipped", t.reminders.skipped},
                          {"ignored", t.reminders.ignored}};
    j["goal_met"] = day.goal_met();
    j["back"] =
        checkins_enabled
            ? Json{{"better", day.back.better}, {"same", day.back.same}, {"worse", day.back.worse}}
            : Json(nullptr);
    return j;
}

// day_object(day).dump(2) indented for the "days" array of range_json, written
// directly: a day holds only numbers, booleans and a date, and ten years of
// days through the JSON tree took most of `stats --json`'s time.
void append_day(std::string& out, const DayReport& day, bool checkins_enabled) {
    const auto& t = day.totals;
    const auto& r = t.reminders;
    fmt::format_to(std::back_inserter(out),
                   FMT_COMPILE("    {{\n"
                               "      \"date\": \"{}\",\n"
                               "      \"walk_minutes\": {},\n"
                               "      \"walk_seconds\": {},\n"
                               "      \"walks\": {},\n"
                               "      \"goal_minutes\": {},\n"
                               "      \"sitting_minutes\": {},\n"
                               "      \"longest_sitting_minutes\": {},\n"
                               "      \"meeting_minutes\": {},\n"
                               "      \"reminders\": {{\n"
                               "        \"sent\": {},\n"
                               "        \"walked\": {},\n"
                               "        \"snoozed\": {},\n"
                               "        \"skipped\": {},\n"
                               "        \"ignored\": {}\n"
                               "      }},\n"
                               "      \"goal_met\": {},\n"),
                   core::format_date(t.date), whole_minutes(t.walk_seconds), t.walk_seconds.count(),
                   t.walks, whole_minutes(day.goal), whole_minutes(t.sitting_seconds),
                   whole_minutes(t.longest_sitting), whole_minutes(t.meeting_seconds), r.sent,
                   r.walked, r.snoozed, r.skipped, r.ignored, day.goal_met());
    if (checkins_enabled) {
        fmt::format_to(std::back_inserter(out),
                       FMT_COMPILE("      \"back\": {{\n"
                                   "        \"better\": {},\n"
                                   "        \"same\": {},\n"
                                   "        \"worse\": {}\n"
                                   "      }}\n"
                                   "    }}"),
                       day.back.better, day.back.same, day.back.worse);
    } else {
        out += "      \"back\": null\n    }";
    }
}

// The "days" array of range_json at its place in the document.
std::string days_array(const std::vector<DayReport>& days, bool checkins_enabled) {
    if (days.empty()) return "[]";
    std::string out = "[\n";
    out.reserve(days.size() * 420);
    for (std::size_t i = 0; i < days.size(); ++i) {
        append_day(out, days[i], checkins_enabled);
        out += i + 1 < days.size() ? ",\n" : "\n";
    }
    out += "  ]";
    return out;
}

Json program_object(const std::optional<ProgramReport>& program) {
    if (!program) return nullptr;
    return Json{{"name", "beginner"},
                {"week", program->week},
                {"maintenance", program->maintenance()},
                {"daily_minutes", whole_minutes(program->daily)},
                {"weekly_minutes", whole_minutes(program->weekly)},
                {"starts", program->starts ? Json(core::format_date(*program->starts)) : Json()}};
}

Json walk_object(const core::WalkRecord& w) {
    Json j;
    j["id"] = w.id;
    j["start"] = format_rfc3339(w.start, w.utc_offset);
    j["end"] = format_rfc3339(w.end, w.utc_offset);
    j["seconds"] = w.seconds().count();
    j["minutes"] = whole_minutes(w.seconds());
    j["how"] = core::to_string(w.how);
    j["note"] = w.note;
    return j;
}

// walk_object with who recorded it.
Json walk_object(const core::WalkRecord& w, const WalkOrigin& origin) {
    Json j = walk_object(w);
    j["device"] = origin.device;
    j["device_id"] = origin.id ? Json(*origin.id) : Json(nullptr);
    j["this_device"] = origin.this_device;
    return j;
}

// The walks as objects, with their origins when there is one per walk.
Json walk_list(const std::vector<core::WalkRecord>& walks, const std::vector<WalkOrigin>& origins) {
    Json list = Json::array();
    for (std::size_t i = 0; i < walks.size(); ++i) {
        list.push_back(origins.size() == walks.size() ? walk_object(walks[i], origins[i])
                                                      : walk_object(walks[i]));
    }
    return list;
}

// {"recent": [{"at","feel"}...] newest first, "scale_back": bool}, null
// without check-ins enabled.
Json recent_checkins_object(const std::vector<core::CheckinRecord>& newest_first, bool enabled) {
    if (!enabled) return nullptr;
    Json recent = Json::array();
    for (const auto& c : newest_first) {
        recent.push_back(
            Json{{"at", format_rfc3339(c.at, c.utc_offset)}, {"feel", core::to_string(c.feel)}});
    }
    return Json{{"recent", recent},
                {"scale_back", worse_in_a_row(newest_first) >= worse_in_a_row_to_scale_back}};
}

}  // namespace

std::string day_json(const DayReport& day, bool checkins_enabled) {
    return pretty(day_object(day, checkins_enabled));
}

std::string today_json(const TodayReport& today) {
    Json j = day_object(today.day, today.checkins_enabled);
    j["walk_list"] = walk_list(today.walks, today.origins);
    j["live"] = today.live ? Json::parse(core::protocol::status_json(*today.live)) : Json(nullptr);
    j["program"] = program_object(today.program);
    j["checkins"] = recent_checkins_object(today.recent_checkins, today.checkins_enabled);
    return pretty(j);
}

std::string range_json(const RangeReport& report) {
    Json j;
    j["from"] = core::format_date(report.from);
    j["to"] = core::format_date(report.to);
    j["days"] = nullptr;  // a placeholder: written directly below
    j["total_walk_minutes"] = whole_minutes(report.total_walk());
    j["total_walk_seconds"] = report.total_walk().count();
    j["total_walks"] = report.total_walks();
    j["days_goal_met"] = report.days_goal_met();
    j["goal_weekly_minutes"] = whole_minutes(report.weekly_goal);
    j["weeks"] = Json::array();
    for (const auto& w : report.weeks) {
        j["weeks"].push_back(Json{{"from", core::format_date(w.from)},
                                  {"to", core::format_date(w.to)},
                                  {"whole", w.whole()},
                                  {"walk_minutes", whole_minutes(w.walked)},
                                  {"walk_seconds", w.walked.count()},
                                  {"goal_minutes", whole_minutes(w.goal)},
                                  {"goal_met", w.goal_met()}});
    }
    j["streak"] =
        Json{{"current_days", report.current_streak()}, {"longest_days", report.longest_streak()}};
    const auto r = report.reminders();
    j["reminders"] = Json{{"sent", r.sent},
                          {"walked", r.walked},
                          {"snoozed", r.snoozed},
                          {"skipped", r.skipped},
                          {"ignored", r.ignored}};
    const auto b = report.back();
    j["back"] = report.checkins_enabled
                    ? Json{{"better", b.better}, {"same", b.same}, {"worse", b.worse}}
                    : Json(nullptr);
    j["program"] = program_object(report.program);
    j["checkins"] = recent_checkins_object(report.recent_checkins, report.checkins_enabled);
    std::string text = pretty(j);
    constexpr std::string_view placeholder = "\n  \"days\": null,";
    const auto at = text.find(placeholder);
    text.replace(at + placeholder.size() - 5, 4, days_array(report.days, report.checkins_enabled));
    return text;
}

std::string history_json(const std::vector<core::WalkRecord>& walks) {
    return history_json(walks, {});
}

std::string history_json(const std::vector<core::WalkRecord>& walks,
                         const std::vector<WalkOrigin>& origins) {
    Json j;
    j["walks"] = walk_list(walks, origins);
    return pretty(j);
}

std::string export_json(const ExportData& data) {
    Json j;
    j["walkbreak_export"] = 1;
    j["walks"] = Json::array();
    for (const auto& w : data.walks) {
        Json o = walk_object(w);
        o["utc_offset_seconds"] = w.utc_offset.count();
        j["walks"].push_back(std::move(o));
    }
    j["sitting_bouts"] = Json::array();
    for (const auto& b : data.sitting_bouts) {
        j["sitting_bouts"].push_back(
            Json{{"start", format_rfc3339(b.start, b.utc_offset)},
                 {"end", format_rfc3339(b.end, b.utc_offset)},
                 {"seconds", std::chrono::floor<core::Seconds>(b.end - b.start).count()},
                 {"utc_offset_seconds", b.utc_offset.count()}});
    }
    j["reminders"] = Json::array();
    for (const auto& r : data.reminders) {
        j["reminders"].push_back(Json{{"shown", format_rfc3339(r.shown, r.utc_offset)},
                                      {"resolved", format_rfc3339(r.resolved, r.utc_offset)},
                                      {"escalated", r.escalated},
                                      {"outcome", core::to_string(r.outcome)},
                                      {"utc_offset_seconds", r.utc_offset.count()}});
    }
    j["checkins"] = Json::array();
    for (const auto& c : data.checkins) {
        j["checkins"].push_back(Json{{"at", format_rfc3339(c.at, c.utc_offset)},
                                     {"feel", core::to_string(c.feel)},
                                     {"utc_offset_seconds", c.utc_offset.count()}});
    }
    j["meetings"] = Json::array();
    for (const auto& m : data.meetings) {
        Json signals = Json::array();
        for (const auto signal : m.signals) signals.push_back(core::to_string(signal));
        j["meetings"].push_back(Json{{"start", format_rfc3339(m.start, m.utc_offset)},
                                     {"end", format_rfc3339(m.end, m.utc_offset)},
                                     {"seconds", m.seconds().count()},
                                     {"utc_offset_seconds", m.utc_offset.count()},
                                     {"signals", std::move(signals)}});
    }
    return pretty(j);
}

std::string import_json(const core::ImportResult& result) {
    auto counts = [](const core::RecordCounts& c) {
        return Json{{"walks", c.walks},
                    {"sitting_bouts", c.sitting_bouts},
                    {"reminders", c.reminders},
                    {"checkins", c.checkins},
                    {"meetings", c.meetings}};
    };
    return pretty(Json{{"added", counts(result.added)},
                       {"skipped", counts(result.skipped)},
                       {"overlapping_walks", result.overlapping_walks}});
}

std::string paths_json(const core::Paths& paths) {
    return pretty(Json{{"config", paths.config}, {"db", paths.db}, {"socket", paths.socket}});
}

std::string config_check_json(const std::string& file, bool exists,
                              const core::ConfigParse& parse) {
    const auto list = [](const std::vector<core::ConfigDiagnostic>& diagnostics) {
        Json out = Json::array();
        for (const auto& d : diagnostics) {
            out.push_back(Json{{"file", d.file},
                               {"line", d.line},
                               {"column", d.column},
                               {"key", d.key},
                               {"message", d.message}});
        }
        return out;
    };
    return pretty(Json{{"file", file},
                       {"exists", exists},
                       {"ok", parse.config.has_value()},
                       {"errors", list(parse.errors)},
                       {"warnings", list(parse.warnings)}});
}

std::string status_json_line(const core::protocol::Status& status) {
    return core::protocol::status_json(status) + '\n';
}

}  // namespace walkbreak::cli
