// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// CRC-32 as zlib, PNG and Ethernet compute it (the IEEE polynomial, reflected,
// initial value and final xor 0xFFFFFFFF): the check value of a sync journal
// line (docs/SYNC.md). Eight hex digits that anyone can recompute with
// `python3 -c 'import zlib; ...'` when a journal needs looking into by hand.
#include <cstdint>
#include <string_view>

namespace walkbreak::core {

std::uint32_t crc32(std::string_view bytes);

}  // namespace walkbreak::core
