// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/crc32.hpp"

#include <array>

namespace walkbreak::core {
namespace {

constexpr std::uint32_t reflected_polynomial = 0xEDB88320U;

// One entry per byte value: the classic table, built at compile time.
constexpr std::array<std::uint32_t, 256> make_table() {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t byte = 0; byte < table.size(); ++byte) {
        std::uint32_t c = byte;
        for (int bit = 0; bit < 8; ++bit)
            c = (c & 1U) != 0 ? reflected_polynomial ^ (c >> 1) : c >> 1;
        table[byte] = c;
    }
    return table;
}
constexpr auto table = make_table();

}  // namespace

std::uint32_t crc32(std::string_view bytes) {
    std::uint32_t c = 0xFFFFFFFFU;
    for (const char ch : bytes) {
        c = table[(c ^ static_cast<std::uint8_t>(ch)) & 0xFFU] ^ (c >> 8);
    }
    return c ^ 0xFFFFFFFFU;
}

}  // namespace walkbreak::core
