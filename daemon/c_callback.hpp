// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one boundary between the C libraries that call us back (sd-bus,
// Wayland, GLib) and our code: the C function pointer they want, made from a
// member function of the object they are given as user data. That member
// must be noexcept — checked here at compile time — so no exception ever
// unwinds through their C frames; one thrown anyway terminates, as in any
// handler of the loop (event_callback.hpp).
//
//   wayland_listener<&T::f>  void f(Args...) noexcept  ->  void (*)(void* data, Args...)
//   sd_bus_handler<&T::f>    void f(sd_bus_message*) noexcept
//                                  ->  int (*)(sd_bus_message*, void* data, sd_bus_error*)
//   glib_callback<&T::f>     R f(Args...) noexcept     ->  R (*)(Args..., void* data)
//   pulse_callback<&T::f>    the same, for libpulse's callbacks (user data last too)
//
// wayland_listener fills a protocol listener struct; sd_bus_handler is an
// sd_bus_message_handler_t for matches and replies to asynchronous calls,
// returning 0 so that other matches see the message too; glib_callback is
// for every GLib and GIO callback, whose user data comes last (cast it to
// GCallback for g_signal_connect). Pass the T* as the user data.
#include <tuple>
#include <type_traits>

#include <systemd/sd-bus.h>

namespace walkbreak::daemon {
namespace detail {

template <typename Method>
struct MemberFunction {
    static_assert(sizeof(Method) == 0, "expected a pointer to a member function: &T::f");
};

template <typename T, typename R, typename... Args>
struct MemberFunction<R (T::*)(Args...)> {
    static constexpr bool is_noexcept = false;
    using Object = T;
    using Result = R;
    using Arguments = std::tuple<Args...>;
};

template <typename T, typename R, typename... Args>
struct MemberFunction<R (T::*)(Args...) noexcept> : MemberFunction<R (T::*)(Args...)> {
    static constexpr bool is_noexcept = true;
};

template <auto Method, typename Arguments = typename MemberFunction<decltype(Method)>::Arguments>
struct Trampoline;

template <auto Method, typename... Args>
struct Trampoline<Method, std::tuple<Args...>> {
    using Member = MemberFunction<decltype(Method)>;
    using T = typename Member::Object;
    using R = typename Member::Result;
    static_assert(Member::is_noexcept,
                  "a C library calls this member function: declare it noexcept");

    static R data_first(void* data, Args... args) noexcept {
        return (static_cast<T*>(data)->*Method)(args...);
    }
    static R data_last(Args... args, void* data) noexcept {
        return (static_cast<T*>(data)->*Method)(args...);
    }
    static int sd_bus(sd_bus_message* message, void* data, sd_bus_error*) noexcept {
        static_assert(
            std::is_same_v<std::tuple<Args...>, std::tuple<sd_bus_message*>> && std::is_void_v<R>,
            "an sd-bus handler is void f(sd_bus_message*) noexcept");
        (static_cast<T*>(data)->*Method)(message);
        return 0;
    }
};

}  // namespace detail

template <auto Method>
inline constexpr auto wayland_listener = &detail::Trampoline<Method>::data_first;

template <auto Method>
inline constexpr auto sd_bus_handler = &detail::Trampoline<Method>::sd_bus;

template <auto Method>
inline constexpr auto glib_callback = &detail::Trampoline<Method>::data_last;

template <auto Method>
inline constexpr auto pulse_callback = &detail::Trampoline<Method>::data_last;

}  // namespace walkbreak::daemon
