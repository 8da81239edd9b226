// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/journal_read.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

#include "core/journal_line.hpp"

namespace walkbreak::core {

bool SequenceVersions::add(JournalEntry entry) {
    if (std::find(distinct_.begin(), distinct_.end(), entry) != distinct_.end()) return false;
    distinct_.push_back(std::move(entry));
    return true;
}

const JournalEntry& SequenceVersions::kept() const {
    if (distinct_.size() == 1) return distinct_.front();
    return *std::min_element(distinct_.begin(), distinct_.end(), [](const auto& a, const auto& b) {
        return encode_journal_line(a) < encode_journal_line(b);
    });
}

Result<JournalRead> read_journal(std::string_view text, std::optional<DeviceId> writer) {
    JournalRead read;
    std::map<std::pair<DeviceId, std::uint64_t>, SequenceVersions> by_sequence;
    int line_number = 0;
    while (!text.empty()) {
        const auto newline = text.find('\n');
        if (newline == std::string_view::npos) {
            read.torn_tail = true;  // the rest of it is still on its way
            break;
        }
        const std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline + 1);
        ++line_number;
        if (line.empty()) continue;  // a writer never leaves one; a hand edit may

        auto decoded = decode_journal_line(line);
        if (const auto* problem = std::get_if<LineProblem>(&decoded)) {
            switch (problem->kind) {
                case LineProblem::Kind::NewerVersion:
                    return Error{fmt::format(
                        "line {} is in journal format {}, newer than the {} this walkbreak "
                        "reads; the journal is skipped until walkbreak is upgraded here",
                        line_number, problem->version, journal_format_version)};
                case LineProblem::Kind::UnknownKind:
                    ++read.unknown_kind_lines;
                    break;
                case LineProblem::Kind::Damaged:
                case LineProblem::Kind::Invalid:
                    ++read.damaged_lines;
                    break;
            }
            continue;
        }
        JournalEntry& entry = std::get<JournalEntry>(decoded);
        if (writer && entry.device != *writer) {
            ++read.foreign_lines;
            continue;
        }
        SequenceVersions& versions = by_sequence[std::pair{entry.device, entry.sequence}];
        if (!versions.add(std::move(entry))) {
            ++read.duplicate_lines;
        }
    }
    read.entries.reserve(by_sequence.size());
    for (const auto& [device_and_sequence, versions] : by_sequence) {
        read.conflicting_lines += versions.conflicts();
        read.entries.push_back(versions.kept());
    }
    return read;
}

}  // namespace walkbreak::core
