// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reading one TOML value into a Config field, with the diagnostic that says
// what was expected. Used by config_parse.cpp only; not part of the interface.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <array>
#include <string>
#include <vector>

#include "core/config_detail.hpp"

namespace walkbreak::core::config_detail {

Place place_of(const toml::source_region& region);
// "a string", "an integer", ... as the diagnostics say "got a string".
std::string_view type_name(toml::node_type type);

// Each read either sets `out` and returns true, or leaves it alone, reports an
// error at the value and returns false.
class ValueReader {
public:
    ValueReader(const toml::node& node, std::string key, Diagnostics& diagnostics)
        : node_(node), key_(std::move(key)), diagnostics_(diagnostics) {}

    bool duration(Seconds& out) const;                            // "45m"
    bool boolean(bool& out) const;                                // true
    bool time_of_day(TimeOfDay& out) const;                       // "04:00"
    bool date(std::optional<Date>& out) const;                    // 2026-03-30 or "2026-03-30"
    bool work_hours(std::optional<WorkHours>& out) const;         // "09:00-17:30"
    bool work_days(std::array<bool, 7>& out) const;               // ["mon", "tue"]
    bool meeting_signals(std::vector<MeetingSignal>& out) const;  // ["microphone", "camera"]
    bool app_names(std::vector<std::string>& out) const;          // ["nerd-dictation"]
    bool device_glob(std::string& out) const;                     // "/dev/video*"
    bool folder(std::optional<std::string>& out) const;           // "~/Sync/walkbreak"
    bool device_name(std::optional<std::string>& out) const;      // "desk"

    // One of `values`, spelt as to_string() spells it.
    template <typename Enum, std::size_t N>
    bool choice(Enum& out, const std::array<Enum, N>& values) const {
        std::string names;
        for (const Enum v : values) {
            names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", to_string(v));
        }
        const auto* s = node_.as_string();
        if (s == nullptr) {
            return wrong_type(fmt::format("one of {}", names));
        }
        for (const Enum v : values) {
            if (to_string(v) == s->get()) {
                out = v;
                return true;
            }
        }
        return fail(fmt::format("expected one of {}, got \"{}\"", names, s->get()));
    }

private:
    // Each item of an array of strings, to `read(item, text)`, which reports its
    // own errors; false when the value is no array or any item was refused.
    template <typename Read>
    bool each_string(std::string_view expected_array, std::string_view expected_item,
                     Read read) const;

    bool fail(std::string message) const { return fail_at(node_, std::move(message)); }
    bool fail_at(const toml::node& where, std::string message) const;
    bool wrong_type(std::string_view expected) const;

    const toml::node& node_;
    std::string key_;
    Diagnostics& diagnostics_;
};

}  // namespace walkbreak::core::config_detail
