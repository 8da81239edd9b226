// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The callback type of the event layer (MPD's BoundMethod<void() noexcept>):
// it only takes callables that cannot throw, so an exception never reaches
// the loop, nor a C library that calls back into us. Write handlers as
// `[this]() noexcept { ... }`; one that is not noexcept does not compile.
#include <functional>
#include <type_traits>
#include <utility>

namespace walkbreak::daemon {

template <typename Signature>
class Callback;

template <typename... Args>
class Callback<void(Args...)> {
public:
    Callback() = default;
    template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, Callback>>>
    Callback(F f) : function_(std::move(f)) {  // NOLINT(google-explicit-constructor)
        static_assert(std::is_nothrow_invocable_v<F&, Args...>,
                      "event callbacks must be noexcept: declare the lambda noexcept");
    }

    void operator()(Args... args) const noexcept { function_(std::forward<Args>(args)...); }
    explicit operator bool() const noexcept { return static_cast<bool>(function_); }

private:
    std::function<void(Args...)> function_;
};

}  // namespace walkbreak::daemon
