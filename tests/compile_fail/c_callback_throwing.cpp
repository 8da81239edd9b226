// SPDX-License-Identifier: GPL-3.0-or-later
// Must not compile: a member function that may throw cannot become a C
// callback (tests/CMakeLists.txt expects the static_assert's message).
#include "daemon/c_callback.hpp"

struct Source {
    void on_event(void*) {}  // not noexcept
};

auto* const callback = walkbreak::daemon::glib_callback<&Source::on_event>;
