// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// <boost/asio/io_context.hpp> with one false positive silenced. g++ 12 at -O2
// reports a "potential null pointer dereference" in Boost 1.74's
// scheduler::compensating_work_started() (scheduler.ipp) wherever it is inlined
// into the epoll reactor, i.e. in every file that waits on a descriptor. GCC
// judges the warning by the location of Boost's own line, so the pragma only
// needs to cover the first inclusion: include this header instead of Boost's.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/io_context.hpp>
#pragma GCC diagnostic pop
