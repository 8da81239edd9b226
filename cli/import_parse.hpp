// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `walkbreak import`: reads back what `export` wrote, CSV or JSON, into
// records. Pure: text in, records or the first problem out. Every record is
// checked before any is stored, so one bad row imports nothing.
#include <string_view>

#include "cli/report.hpp"
#include "core/result.hpp"

namespace walkbreak::cli {

// `export --format csv`: the header row, then kind,id,start,end,seconds,
// utc_offset_seconds,value,escalated,note (RFC 4180 quoting; CRLF accepted).
// ids and seconds are not read back (ids are the database's; seconds follow
// from start and end). An error names the place and what was expected:
//   line 3, column 3 (start): expected a time like 2026-03-29T11:03:00+02:00, got "noon"
core::Result<ExportData> parse_export_csv(std::string_view text);

// `export --format json` ({"walkbreak_export":1,...}). An error names the
// record, e.g. `walks[2].how: expected reminder, auto, confirmed or manual`.
core::Result<ExportData> parse_export_json(std::string_view text);

// JSON when the first non-blank character is '{', else CSV.
core::Result<ExportData> parse_export(std::string_view text);

// "2026-03-29T11:03:00+02:00" or "...Z" to the instant it names.
core::Result<core::WallTime> parse_rfc3339(std::string_view text);

}  // namespace walkbreak::cli
