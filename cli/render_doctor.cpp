// SPDX-License-Identifier: GPL-3.0-or-later
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/doctor.hpp"

namespace walkbreak::cli {
namespace {

std::string_view health_word(Health h) {
    switch (h) {
        case Health::Ok:
            return "ok";
        case Health::Info:
            return "info";
        case Health::Warning:
            return "warning";
        case Health::Problem:
            return "problem";
    }
    return "problem";
}

std::string mark(Health h, bool colour) {
    // Words, not just colours: the output must read the same without them.
    const char* text = h == Health::Ok        ? "ok  "
                       : h == Health::Info    ? "--  "
                       : h == Health::Warning ? "warn"
                                              : "FAIL";
    if (!colour) return text;
    const char* code = h == Health::Ok        ? "32"
                       : h == Health::Info    ? "2"
                       : h == Health::Warning ? "33"
                                              : "31";
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
}

}  // namespace

bool DoctorReport::healthy() const {
    return std::none_of(findings.begin(), findings.end(),
                        [](const Finding& f) { return f.health == Health::Problem; });
}

std::string render_doctor_text(const DoctorReport& report, bool colour) {
    std::string out;
    std::string area;
    for (const auto& f : report.findings) {
        if (f.area != area) {
            area = f.area;
            out += fmt::format("{}{}\n", out.empty() ? "" : "\n", area);
        }
        out += fmt::format("  [{}] {}", mark(f.health, colour), f.subject);
        if (!f.detail.empty()) out += fmt::format(": {}", f.detail);
        out += '\n';
        // A fix of several lines: each after the first under the first's text.
        std::string_view fix = f.fix;
        for (std::string_view lead = "         fix: "; !fix.empty(); lead = "              ") {
            const auto newline = fix.find('\n');
            out += fmt::format("{}{}\n", lead, fix.substr(0, newline));
            fix = newline == std::string_view::npos ? std::string_view{} : fix.substr(newline + 1);
        }
    }
    out += report.healthy() ? "\nNo problems found.\n"
                            : "\nProblems found: walkbreak may not remind you as it should.\n";
    return out;
}

std::string render_doctor_json(const DoctorReport& report) {
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& f : report.findings) {
        findings.push_back({{"area", f.area},
                            {"subject", f.subject},
                            {"health", health_word(f.health)},
                            {"detail", f.detail},
                            {"fix", f.fix}});
    }
    nlohmann::json j{{"healthy", report.healthy()}, {"findings", std::move(findings)}};
    return j.dump(2) + "\n";
}

}  // namespace walkbreak::cli
