// SPDX-License-Identifier: GPL-3.0-or-later
// journal_dump: what walkbreak's own reader makes of sync files, as JSON on
// one line, for the end-to-end tests (and for a look at a folder by hand).
//
//   journal_dump journal FILE...   every entry of the journals (read_journal
//                                  with the device each name gives), by device
//                                  and sequence, each as its line's payload,
//                                  and what was skipped
//   journal_dump presence FILE     the presence file's device, state, since and
//                                  sitting_since (when the line has it)
//
// Exit 0, or 1 with the reason on stderr (an unreadable file, a journal of a
// newer format, a presence file that is not whole).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/journal_read.hpp"
#include "core/presence_line.hpp"
#include "core/sync_folder.hpp"

using namespace walkbreak::core;

namespace {

bool read_file(const std::string& path, std::string& text) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    text = bytes.str();
    return true;
}

// The payload of an entry's line: the JSON object between the version and
// the check value.
std::string payload_of(const JournalEntry& entry) {
    const std::string line = encode_journal_line(entry);
    const auto first = line.find(' ');
    const auto last = line.rfind(' ');
    return line.substr(first + 1, last - first - 1);
}

int dump_journals(const std::vector<std::string>& files) {
    std::vector<std::string> payloads;
    int damaged = 0, duplicates = 0, conflicting = 0, foreign = 0, unknown = 0;
    bool torn = false;
    for (const auto& path : files) {
        std::string text;
        if (!read_file(path, text)) {
            std::cerr << "journal_dump: cannot read " << path << '\n';
            return 1;
        }
        const auto slash = path.rfind('/');
        const FolderFile named =
            classify_folder_file(slash == std::string::npos ? path : path.substr(slash + 1));
        const auto read = read_journal(text, named.device);
        if (!read) {
            std::cerr << "journal_dump: " << path << ": " << read.error() << '\n';
            return 1;
        }
        for (const auto& entry : read->entries) payloads.push_back(payload_of(entry));
        damaged += read->damaged_lines;
        duplicates += read->duplicate_lines;
        conflicting += read->conflicting_lines;
        foreign += read->foreign_lines;
        unknown += read->unknown_kind_lines;
        torn = torn || read->torn_tail;
    }
    fmt::print(R"({{"entries":[{}],"torn_tail":{},"damaged_lines":{},"duplicate_lines":{},)"
               R"("conflicting_lines":{},"foreign_lines":{},"unknown_kind_lines":{}}})"
               "\n",
               fmt::join(payloads, ","), torn, damaged, duplicates, conflicting, foreign, unknown);
    return 0;
}

int dump_presence(const std::string& path) {
    std::string text;
    if (!read_file(path, text)) {
        std::cerr << "journal_dump: cannot read " << path << '\n';
        return 1;
    }
    const auto decoded = decode_presence_file(text);
    if (const auto* problem = std::get_if<LineProblem>(&decoded)) {
        std::cerr << "journal_dump: " << path << ": " << problem->detail << '\n';
        return 1;
    }
    const auto& p = std::get<PresenceRecord>(decoded);
    fmt::print(R"({{"device":"{}","state":"{}","since":{})", p.device.hex(), to_string(p.state),
               to_unix_seconds(p.since));
    // Older lines have no sitting_since; the key is left out for them.
    if (p.sitting_since) fmt::print(R"(,"sitting_since":{})", to_unix_seconds(*p.sitting_since));
    fmt::print("}}\n");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() >= 2 && args[0] == "journal") {
        return dump_journals({args.begin() + 1, args.end()});
    }
    if (args.size() == 2 && args[0] == "presence") return dump_presence(args[1]);
    std::cerr << "usage: journal_dump journal FILE... | journal_dump presence FILE\n";
    return 2;
}
