// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/render_csv.hpp"

#include <initializer_list>

#include <fmt/format.h>

#include "core/civil.hpp"

namespace walkbreak::cli {

namespace {

std::string row(std::initializer_list<std::string> fields) {
    std::string out;
    bool first = true;
    for (const auto& f : fields) {
        if (!first) out += ',';
        out += csv_field(f);
        first = false;
    }
    out += '\n';
    return out;
}

std::string num(std::int64_t n) { return fmt::format("{}", n); }

}  // namespace

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string days_csv(const RangeReport& report) {
    std::string out =
        "date,walk_minutes,walk_seconds,walks,goal_minutes,sitting_minutes,"
        "longest_sitting_minutes,reminders_sent,reminders_walked,reminders_snoozed,"
        "reminders_skipped,reminders_ignored,meeting_minutes\n";
    for (const auto& d : report.days) {
        const auto& t = d.totals;
        const auto& r = t.reminders;
        out += row({core::format_date(t.date), num(whole_minutes(t.walk_seconds)),
                    num(t.walk_seconds.count()), num(t.walks), num(whole_minutes(d.goal)),
                    num(whole_minutes(t.sitting_seconds)), num(whole_minutes(t.longest_sitting)),
                    num(r.sent), num(r.walked), num(r.snoozed), num(r.skipped), num(r.ignored),
                    num(whole_minutes(t.meeting_seconds))});
    }
    return out;
}

std::string export_csv(const ExportData& data) {
    using core::Seconds;
    using std::chrono::floor;
    std::string out = "kind,id,start,end,seconds,utc_offset_seconds,value,escalated,note\n";
    for (const auto& w : data.walks) {
        out += row({"walk", num(w.id), format_rfc3339(w.start, w.utc_offset),
                    format_rfc3339(w.end, w.utc_offset), num(w.seconds().count()),
                    num(w.utc_offset.count()), std::string(core::to_string(w.how)), "", w.note});
    }
    for (const auto& b : data.sitting_bouts) {
        out +=
            row({"sitting", "", format_rfc3339(b.start, b.utc_offset),
                 format_rfc3339(b.end, b.utc_offset), num(floor<Seconds>(b.end - b.start).count()),
                 num(b.utc_offset.count()), "", "", ""});
    }
    for (const auto& r : data.reminders) {
        out += row({"reminder", "", format_rfc3339(r.shown, r.utc_offset),
                    format_rfc3339(r.resolved, r.utc_offset),
                    num(floor<Seconds>(r.resolved - r.shown).count()), num(r.utc_offset.count()),
                    std::string(core::to_string(r.outcome)), r.escalated ? "true" : "false", ""});
    }
    for (const auto& c : data.checkins) {
        out += row({"checkin", "", format_rfc3339(c.at, c.utc_offset), "", "",
                    num(c.utc_offset.count()), std::string(core::to_string(c.feel)), "", ""});
    }
    for (const auto& m : data.meetings) {
        out += row({"meeting", "", format_rfc3339(m.start, m.utc_offset),
                    format_rfc3339(m.end, m.utc_offset), num(m.seconds().count()),
                    num(m.utc_offset.count()), core::signals_text(m.signals), "", ""});
    }
    return out;
}

std::string history_csv(const std::vector<core::WalkRecord>& walks,
                        const std::vector<WalkOrigin>& origins) {
    std::string out = "id,device,device_id,this_device,start,end,seconds,minutes,how,note\n";
    for (std::size_t i = 0; i < walks.size(); ++i) {
        const auto& w = walks[i];
        const WalkOrigin origin = i < origins.size() ? origins[i] : WalkOrigin{};
        out += row({num(w.id), origin.device, origin.id.value_or(""),
                    origin.this_device ? "true" : "false", format_rfc3339(w.start, w.utc_offset),
                    format_rfc3339(w.end, w.utc_offset), num(w.seconds().count()),
                    num(whole_minutes(w.seconds())), std::string(core::to_string(w.how)), w.note});
    }
    return out;
}

}  // namespace walkbreak::cli
