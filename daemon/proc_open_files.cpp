// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/proc_open_files.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cstdlib>
#include <memory>

namespace walkbreak::daemon {
namespace {

struct DirClose {
    void operator()(DIR* dir) const { closedir(dir); }
};
using DirPtr = std::unique_ptr<DIR, DirClose>;

bool all_digits(const char* name) {
    if (*name == '\0') return false;
    for (; *name != '\0'; ++name)
        if (std::isdigit(static_cast<unsigned char>(*name)) == 0) return false;
    return true;
}

}  // namespace

std::map<std::string, unsigned> count_open_files(const std::vector<std::string>& paths) {
    std::map<std::string, unsigned> counts;
    for (const std::string& path : paths) counts[path] = 0;
    const pid_t self = getpid();
    const DirPtr proc{opendir("/proc")};
    if (!proc) return counts;  // every node, none seen open
    while (const dirent* process = readdir(proc.get())) {
        if (!all_digits(process->d_name)) continue;
        const auto pid = static_cast<pid_t>(std::strtol(process->d_name, nullptr, 10));
        if (pid == self) continue;  // walkbreakd never opens a camera node
        const std::string fd_dir = std::string{"/proc/"} + process->d_name + "/fd";
        const DirPtr fds{opendir(fd_dir.c_str())};
        if (!fds) continue;  // gone meanwhile, or another user's
        while (const dirent* entry = readdir(fds.get())) {
            if (!all_digits(entry->d_name)) continue;
            std::array<char, 4096> target{};
            const ssize_t n =
                readlinkat(dirfd(fds.get()), entry->d_name, target.data(), target.size() - 1);
            if (n <= 0) continue;
            const auto it = counts.find(std::string{target.data(), static_cast<std::size_t>(n)});
            if (it != counts.end()) ++it->second;
        }
    }
    return counts;
}

}  // namespace walkbreak::daemon
