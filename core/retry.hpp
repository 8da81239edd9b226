// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// When walkbreakd tries again to write to a database that refused: a delay
// that doubles with each failure in a row, from `first` up to `most`, so a
// locked or full database is retried soon and a lasting problem costs one
// attempt every few minutes. Pure; the recorder arms its timer with it.
#include "core/time.hpp"

namespace walkbreak::core {

struct RetryPolicy {
    Seconds first{1};
    Seconds most{300};
};

// The wait before the next attempt after `failures` failures in a row
// (failures >= 1; fewer is treated as one). Never above `policy.most`.
Seconds retry_delay(int failures, const RetryPolicy& policy = {});

}  // namespace walkbreak::core
