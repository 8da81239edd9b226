// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Running an io_context in the event layer's adapter tests (libpulse's and
// GLib's main loops on it): until a condition holds, or until nothing more
// is ready now.
#include <chrono>

#include <boost/asio/io_context.hpp>

namespace walkbreak::test {

// Runs the loop until `done` or ten seconds (a hung test, not a slow one).
template <typename Done>
void run_until(boost::asio::io_context& io, Done done) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds{10};
    while (!done() && std::chrono::steady_clock::now() < give_up)
        io.run_one_for(std::chrono::milliseconds{100});
}

inline void run_ready(boost::asio::io_context& io) {
    while (io.poll() > 0) {
    }
}

}  // namespace walkbreak::test
