// SPDX-License-Identifier: GPL-3.0-or-later
// `walkbreak doctor`'s look at the config file: no desktop needed, so it
// lives in the CLI library and is tested there.
#include <filesystem>

#include <fmt/format.h>

#include "cli/doctor.hpp"
#include "core/config.hpp"

namespace walkbreak::cli {
namespace {

// A diagnostic without its file, which the finding's subject already names.
std::string placed(const core::ConfigDiagnostic& d) {
    std::string out = d.line > 0 ? fmt::format("{}:{}: ", d.line, d.column) : std::string();
    if (!d.key.empty()) out += d.key + ": ";
    return out + d.message;
}

}  // namespace

void check_config(const core::Paths& paths, DoctorReport& report) {
    const auto parsed = core::load_config_file(paths.config);
    for (const auto& e : parsed.errors) {
        report.findings.push_back({"config", paths.config, Health::Problem, placed(e),
                                   "walkbreak config check, then edit the file"});
    }
    for (const auto& w : parsed.warnings) {
        report.findings.push_back({"config", paths.config, Health::Warning, placed(w), {}});
    }
    if (!parsed.errors.empty() || !parsed.warnings.empty()) return;
    std::error_code ec;
    const bool exists = std::filesystem::exists(paths.config, ec);
    report.findings.push_back(
        {"config", paths.config, Health::Ok, exists ? "valid" : "no file: built-in defaults", {}});
}

}  // namespace walkbreak::cli
