// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs a function once from the loop, as soon as the loop gets to it: for work
// that must not run inside the call that asks for it (a source's start() must
// not report a state from inside start()). A zero-delay asio timer would do the
// same, but would start asio's periodic timer wakeup (see fd_timer.hpp); a
// posted handler involves no timer at all.
//
// Loop thread only. Posting again replaces a call not yet run; cancel() and
// destruction drop it.
#include <functional>
#include <memory>

#include <boost/asio/io_context.hpp>

namespace walkbreak::daemon {

class DeferredCall {
public:
    explicit DeferredCall(boost::asio::io_context& io) : io_(io) {}
    ~DeferredCall() { cancel(); }
    DeferredCall(const DeferredCall&) = delete;
    DeferredCall& operator=(const DeferredCall&) = delete;

    void post(std::function<void()> call);
    void cancel() { pending_.reset(); }
    bool pending() const { return pending_ != nullptr; }

private:
    boost::asio::io_context& io_;
    // Shared with the posted handler, which holds it weakly: once this is
    // reset (or replaced) the handler finds nothing to run.
    std::shared_ptr<std::function<void()>> pending_;
};

}  // namespace walkbreak::daemon
