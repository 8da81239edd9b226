// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The control socket's protocol: newline-delimited JSON, one request per line,
// one response line per request (a `subscribe` request then streams one status
// line per change). Decoding is total: any bytes give a request or an error.
//
//   -> {"cmd":"status"}                   <- {"ok":true,"status":{...}}
//   -> {"cmd":"snooze","seconds":600}     <- {"ok":true}
//   -> {"cmd":"resume"}                   <- {"ok":true,"message":"reminders were not paused"}
//   -> {"cmd":"checkin","feel":"worse"}   <- {"ok":true,"message":"..."}
//   -> {"cmd":"delete","id":12}           <- {"ok":true,"message":"deleted walk 12: ..."}
//   -> {"cmd":"nonsense"}                 <- {"ok":false,"error":"unknown command \"nonsense\";
//   expected one of ..."}
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/records.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

namespace walkbreak::core::protocol {

// A request line longer than this (without the newline) is refused.
constexpr std::size_t max_request_bytes = 4096;

namespace request {
struct Status {};
struct Subscribe {};  // status now, then on every change
struct Walk {};
struct Snooze {
    std::optional<Seconds> length;
};
struct Skip {};
struct Pause {
    std::optional<Seconds> length;
    std::optional<WallTime> until;
};
struct Resume {};
struct Reload {};
struct Refresh {};  // the database changed behind the daemon's back (walkbreak import)
// How the back feels after the last walk: answers the pending check-in, or is
// recorded as an answer of its own when none is pending.
struct Checkin {
    BackFeel feel{BackFeel::Same};
};
// `walkbreak log` while walkbreakd runs: a walk typed in, with the offset in
// force at its start (the client's zone, the same rule as a direct write).
//   -> {"cmd":"log","start":1764685800,"seconds":600,"utc_offset":3600,"note":"park"}
// Refused (ok false) when it would walk a stored span twice.
struct Log {
    WallTime start{};
    Seconds length{};
    UtcOffset utc_offset{0};
    std::string note;
    friend bool operator==(const Log&, const Log&) = default;
};
// `walkbreak meeting [DURATION]`: in a meeting from now, until `meeting end`
// or for `length`.   -> {"cmd":"meeting","seconds":1800}
struct Meeting {
    std::optional<Seconds> length;
};
struct MeetingEnd {};  // -> {"cmd":"meeting_end"}
// `walkbreak edit` while walkbreakd runs: stored walk `id` as it is to be,
// every field given (the client read the walk and applied the user's change;
// an absent note would not mean "keep it").
//   -> {"cmd":"edit","id":12,"start":1764685800,"seconds":900,"utc_offset":3600,"note":"park"}
// Refused when there is no such walk or it would walk a stored span twice.
struct Edit {
    std::int64_t id{0};
    Log walk;  // the fields as `log` carries them
    friend bool operator==(const Edit&, const Edit&) = default;
};
// `walkbreak delete` while walkbreakd runs; the reply's message names the walk.
//   -> {"cmd":"delete","id":12}
struct Delete {
    std::int64_t id{0};
    friend bool operator==(const Delete&, const Delete&) = default;
};
}  // namespace request

using Request = std::variant<request::Status, request::Subscribe, request::Walk, request::Snooze,
                             request::Skip, request::Pause, request::Resume, request::Reload,
                             request::Refresh, request::Checkin, request::Log, request::Meeting,
                             request::MeetingEnd, request::Edit, request::Delete>;

// What `walkbreak status --json` prints (DESIGN.md §4), plus a few extras.
struct Status {
    std::string state;  // to_string(TrackerState): "sitting", "away", ...
    std::int64_t sitting_seconds{0};
    std::optional<std::int64_t> next_reminder_in_seconds;
    std::int64_t today_walk_minutes{0};
    std::int64_t today_walk_seconds{0};
    std::int64_t goal_minutes{0};
    std::string backend;                       // idle backend in use, "none" without one
    std::optional<std::int64_t> paused_until;  // unix seconds
    bool reminder_showing{false};
    // In a meeting (DESIGN.md §4): since when, RFC 3339 in the daemon's zone,
    // and the signals that hold ("microphone", ..., "manual"). Absent: null.
    struct Meeting {
        std::string since;
        std::vector<std::string> signals;
        friend bool operator==(const Meeting&, const Meeting&) = default;
    };
    std::optional<Meeting> meeting;
    friend bool operator==(const Status&, const Status&) = default;
};

Result<Request> decode_request(std::string_view line);
std::string encode_request(const Request& request);  // one line, no newline

// {"ok":true}, with "message" when one is given: what the daemon did when it
// is not what the request asked for ("reminders were not paused").
std::string encode_ok(std::string_view message = {});
std::string encode_error(std::string_view message);
std::string encode_status(const Status& status);  // {"ok":true,"status":{...}}

// A response line: ok (with status when it carried one) or the daemon's error.
struct Response {
    bool ok{false};
    std::string error;
    std::string message;  // an ok response's message, empty without one
    std::optional<Status> status;
};
Result<Response> decode_response(std::string_view line);

// The status object alone, as `status --json` prints it.
std::string status_json(const Status& status);

}  // namespace walkbreak::core::protocol
