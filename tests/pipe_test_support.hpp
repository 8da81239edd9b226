// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A non-blocking pipe standing in for a backend's descriptor in the event
// layer's tests: put() makes the read end readable, take() consumes it.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include "daemon/unique_fd.hpp"

namespace walkbreak::test {

struct Pipe {
    daemon::UniqueFd read_end;
    daemon::UniqueFd write_end;
    Pipe() {
        int fds[2];
        REQUIRE(::pipe2(fds, O_NONBLOCK | O_CLOEXEC) == 0);
        read_end.reset(fds[0]);
        write_end.reset(fds[1]);
    }
    void put() { REQUIRE(::write(write_end.get(), "x", 1) == 1); }
    void take() {
        char c = 0;
        REQUIRE(::read(read_end.get(), &c, 1) == 1);
    }
};

}  // namespace walkbreak::test
