// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Who wrote a sync journal (docs/SYNC.md "Device identity"): a random 64-bit
// id drawn once per computer, so that renaming the host or changing
// sync.device_name does not make it a new device. Written as 16 lowercase hex
// digits in file names and journal lines.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace walkbreak::core {

class DeviceId {
public:
    // The daemon draws `bits` from the system's random source; core never does.
    static constexpr DeviceId from_bits(std::uint64_t bits) noexcept { return DeviceId(bits); }
    // Exactly 16 lowercase hex digits, as hex() writes them; nothing else.
    static std::optional<DeviceId> parse(std::string_view text);

    constexpr std::uint64_t bits() const noexcept { return bits_; }
    std::string hex() const;

    friend auto operator<=>(const DeviceId&, const DeviceId&) = default;

private:
    constexpr explicit DeviceId(std::uint64_t bits) noexcept : bits_(bits) {}
    std::uint64_t bits_{0};
};

}  // namespace walkbreak::core
