// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/deferred_call.hpp"

#include <boost/asio/post.hpp>

namespace walkbreak::daemon {

void DeferredCall::post(std::function<void()> call) {
    pending_ = std::make_shared<std::function<void()>>(std::move(call));
    boost::asio::post(io_, [this, weak = std::weak_ptr(pending_)] {
        auto function = weak.lock();
        if (!function) return;  // cancelled, replaced, or the owner is gone
        pending_.reset();
        // `function` keeps itself alive: it may destroy this object.
        (*function)();
    });
}

}  // namespace walkbreak::daemon
