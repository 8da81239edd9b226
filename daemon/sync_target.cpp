// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/sync_target.hpp"

#include <sys/random.h>

#include <cerrno>
#include <cstring>
#include <fmt/format.h>

#include "core/sync_paths.hpp"

namespace walkbreak::daemon {
namespace {

// 64 bits from the kernel's random source (blocking only until it is
// seeded, early in boot).
core::Result<core::DeviceId> draw_device_id() {
    std::uint64_t bits = 0;
    auto* out = reinterpret_cast<unsigned char*>(&bits);  // NOLINT: bytes of an integer
    std::size_t got = 0;
    while (got < sizeof bits) {
        const ssize_t n = ::getrandom(out + got, sizeof bits - got, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return core::Error{fmt::format("getrandom: {}", std::strerror(errno))};
        got += static_cast<std::size_t>(n);
    }
    return core::DeviceId::from_bits(bits);
}

core::Result<core::DeviceId> device_id(const std::filesystem::path& file) {
    auto stored = core::read_device_id_file(file);
    if (!stored) return core::Error{stored.error()};
    if (*stored) return **stored;
    auto drawn = draw_device_id();
    if (!drawn) return core::Error{drawn.error()};
    return core::create_device_id_file(file, *drawn);
}

}  // namespace

core::Result<std::optional<SyncTarget>> sync_target(const core::Config::Sync& sync,
                                                    const std::string& db,
                                                    const core::GetEnv& env) {
    if (!sync.folder) return std::optional<SyncTarget>{};
    auto folder = core::resolve_sync_folder(sync, env("HOME").value_or(""));
    if (!folder) return core::Error{folder.error()};
    auto id = device_id(core::device_id_file(db));
    if (!id) return core::Error{id.error()};
    return std::optional<SyncTarget>{
        SyncTarget{std::move(*folder), *id, core::sync_device_name(sync, core::host_name())}};
}

}  // namespace walkbreak::daemon
