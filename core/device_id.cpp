// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/device_id.hpp"

#include <fmt/format.h>

namespace walkbreak::core {

std::optional<DeviceId> DeviceId::parse(std::string_view text) {
    if (text.size() != 16) return std::nullopt;
    std::uint64_t bits = 0;
    for (const char c : text) {
        unsigned digit = 0;
        if (c >= '0' && c <= '9') {
            digit = static_cast<unsigned>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            digit = static_cast<unsigned>(c - 'a' + 10);
        } else {
            return std::nullopt;  // upper case too: one spelling per id, so one file name
        }
        bits = (bits << 4) | digit;
    }
    return DeviceId(bits);
}

std::string DeviceId::hex() const { return fmt::format("{:016x}", bits_); }

}  // namespace walkbreak::core
