// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/retry.hpp"

#include <algorithm>

namespace walkbreak::core {

Seconds retry_delay(int failures, const RetryPolicy& policy) {
    Seconds delay = std::max(policy.first, Seconds{0});
    for (int i = 1; i < failures && delay < policy.most; ++i) delay *= 2;
    return std::min(delay, policy.most);
}

}  // namespace walkbreak::core
