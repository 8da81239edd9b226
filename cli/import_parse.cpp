// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/import_parse.hpp"

#include <array>
#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace walkbreak::cli {

using namespace std::chrono;

namespace {

constexpr std::string_view csv_header =
    "kind,id,start,end,seconds,utc_offset_seconds,value,escalated,note";
constexpr std::array<std::string_view, 9> column_name{
    "kind", "id", "start", "end", "seconds", "utc_offset_seconds", "value", "escalated", "note"};
// No zone is further than this from UTC; a bigger offset is a typo.
constexpr std::int64_t max_offset_seconds = 18 * 3600;

std::optional<std::int64_t> parse_int(std::string_view text) {
    std::int64_t n = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, n);
    if (text.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
    return n;
}

std::optional<int> digits(std::string_view text, std::size_t at, std::size_t count) {
    if (at + count > text.size()) return std::nullopt;
    int n = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        n = n * 10 + (text[i] - '0');
    }
    return n;
}

// One CSV record and the line it starts on.
struct CsvRecord {
    int line{0};
    std::vector<std::string> fields;
};

// RFC 4180 records; quoted fields may hold commas, quotes and newlines.
core::Result<std::vector<CsvRecord>> split_csv(std::string_view text) {
    std::vector<CsvRecord> records;
    int line = 1;
    std::size_t i = 0;
    while (i < text.size()) {
        CsvRecord record{line, {}};
        std::string field;
        bool end_of_record = false;
        while (!end_of_record) {
            if (i < text.size() && text[i] == '"') {
                const int opened = line;
                ++i;
                for (;;) {
                    if (i >= text.size()) {
                        return core::Error{fmt::format(
                            "line {}: a quoted field is never closed; expected a closing \"",
                            opened)};
                    }
                    if (text[i] == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                    } else if (text[i] == '"') {
                        ++i;
                        break;
                    } else {
                        if (text[i] == '\n') ++line;
                        field += text[i++];
                    }
                }
            }
            while (i < text.size() && text[i] != ',' && text[i] != '\n') {
                if (text[i] != '\r') field += text[i];
                ++i;
            }
            record.fields.push_back(std::move(field));
            field.clear();
            if (i < text.size() && text[i] == ',') {
                ++i;
            } else {
                end_of_record = true;
                if (i < text.size()) ++i;  // the '\n'
                ++line;
            }
        }
        records.push_back(std::move(record));
    }
    return records;
}

// Reads the fields of one record by column, remembering where a problem was.
class RowReader {
public:
    explicit RowReader(const CsvRecord& record) : record_(record) {}

    const std::string& field(std::size_t column) const { return record_.fields[column]; }

    core::Error error(std::size_t column, std::string_view expected) const {
        return core::Error{fmt::format("line {}, column {} ({}): {}, got \"{}\"", record_.line,
                                       column + 1, column_name[column], expected, field(column))};
    }

    std::optional<core::WallTime> time(std::size_t column, std::optional<core::Error>& problem) {
        auto t = parse_rfc3339(field(column));
        if (!t && !problem) {
            problem = error(column, "expected a time like 2026-03-29T11:03:00+02:00");
        }
        return t ? std::optional<core::WallTime>(*t) : std::nullopt;
    }

    // The `seconds` column must be the record's length from start to end.
    std::optional<core::Error> wrong_seconds(core::Seconds length) const {
        const auto seconds = parse_int(field(4));
        if (seconds && *seconds == length.count()) return std::nullopt;
        return error(4, fmt::format("expected {}, the length from start to end", length.count()));
    }

private:
    const CsvRecord& record_;
};

core::Result<ExportData> read_csv_rows(const std::vector<CsvRecord>& records) {
    ExportData data;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const CsvRecord& rec = records[r];
        if (rec.fields.size() == 1 && rec.fields[0].empty()) continue;  // a blank line
        if (rec.fields.size() != column_name.size()) {
            return core::Error{fmt::format("line {}: {} fields; expected {} ({})", rec.line,
                                           rec.fields.size(), column_name.size(), csv_header)};
        }
        RowReader row(rec);
        std::optional<core::Error> problem;
        const std::string& kind = row.field(0);
        if (kind != "walk" && kind != "sitting" && kind != "reminder" && kind != "checkin" &&
            kind != "meeting") {
            return row.error(0, "expected walk, sitting, reminder, checkin or meeting");
        }
        const auto offset = parse_int(row.field(5));
        if (!offset || *offset < -max_offset_seconds || *offset > max_offset_seconds) {
            return row.error(5, "expected seconds east of UTC, like 7200");
        }
        const core::UtcOffset utc_offset{*offset};
        const std::string& value = row.field(6);
        auto start = row.time(2, problem);
        if (problem) return *problem;
        if (kind == "checkin") {
            const auto feel = core::back_feel_from(value);
            if (!feel) return row.error(6, "expected better, same or worse");
            data.checkins.push_back({*start, *feel, utc_offset});
            continue;
        }
        auto end = row.time(3, problem);
        if (problem) return *problem;
        if (*end < *start) return row.error(3, "expected an end at or after the start");
        if (kind == "walk") {
            const auto how = core::credit_how_from(value);
            if (!how) return row.error(6, "expected reminder, auto, confirmed or manual");
            core::WalkRecord w;
            w.start = *start;
            w.end = *end;
            // An empty span is refused, as `log 0s` is; `seconds` must be its length.
            if (w.end == w.start) return row.error(3, "expected an end after the start");
            if (auto wrong = row.wrong_seconds(w.seconds())) return *wrong;
            w.utc_offset = utc_offset;
            w.how = *how;
            w.note = row.field(8);
            data.walks.push_back(std::move(w));
        } else if (kind == "meeting") {
            core::MeetingRecord m{*start, *end, utc_offset, {}};
            if (auto span = core::check_meeting_span(m); !span) return row.error(3, span.error());
            if (auto wrong = row.wrong_seconds(m.seconds())) return *wrong;
            auto signals = core::signals_from_text(value);
            if (!signals) {
                return row.error(6,
                                 "expected signals among microphone, camera, "
                                 "do-not-disturb, fullscreen and manual, like microphone,camera");
            }
            m.signals = std::move(*signals);
            data.meetings.push_back(std::move(m));
        } else if (kind == "sitting") {
            data.sitting_bouts.push_back({*start, *end, utc_offset});
        } else {
            const auto outcome = core::reminder_outcome_from(value);
            if (!outcome) return row.error(6, "expected walked, snoozed, skipped or ignored");
            const std::string& escalated = row.field(7);
            if (escalated != "true" && escalated != "false") {
                return row.error(7, "expected true or false");
            }
            data.reminders.push_back({*start, escalated == "true", *outcome, *end, utc_offset});
        }
    }
    return data;
}

}  // namespace

core::Result<core::WallTime> parse_rfc3339(std::string_view text) {
    const auto y = digits(text, 0, 4), mo = digits(text, 5, 2), d = digits(text, 8, 2);
    const auto h = digits(text, 11, 2), mi = digits(text, 14, 2), s = digits(text, 17, 2);
    const bool separators = text.size() >= 20 && text[4] == '-' && text[7] == '-' &&
                            (text[10] == 'T' || text[10] == 't') && text[13] == ':' &&
                            text[16] == ':';
    if (!y || !mo || !d || !h || !mi || !s || !separators) {
        return core::Error{"expected a time like 2026-03-29T11:03:00+02:00"};
    }
    const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*mo)},
                             day{static_cast<unsigned>(*d)}};
    if (!ymd.ok() || *h > 23 || *mi > 59 || *s > 59) {
        return core::Error{"expected a valid date and time"};
    }
    const std::string_view zone = text.substr(19);
    std::int64_t offset = 0;
    if (zone == "Z" || zone == "z") {
        offset = 0;
    } else {
        const auto oh = digits(zone, 1, 2), om = digits(zone, 4, 2);
        if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' || !oh ||
            !om || *om > 59) {
            return core::Error{"expected a zone like +02:00 or Z"};
        }
        offset = (zone[0] == '-' ? -1 : 1) * (*oh * 3600 + *om * 60);
    }
    const sys_seconds local = sys_days{ymd} + hours{*h} + minutes{*mi} + seconds{*s};
    return core::WallTime{local - seconds{offset}};
}

core::Result<ExportData> parse_export_csv(std::string_view text) {
    auto records = split_csv(text);
    if (!records) return core::Error{records.error()};
    if (records->empty() || records->front().fields.size() != column_name.size() ||
        fmt::format("{}", fmt::join(records->front().fields, ",")) != csv_header) {
        return core::Error{fmt::format("line 1: expected the header {}", csv_header)};
    }
    return read_csv_rows(*records);
}

core::Result<ExportData> parse_export(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && text[first] == '{') return parse_export_json(text);
    return parse_export_csv(text);
}

}  // namespace walkbreak::cli
