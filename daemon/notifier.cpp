// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/notifier.hpp"

#include <chrono>
#include <future>
#include <thread>
#include <utility>

#include "daemon/c_callback.hpp"
#include "daemon/notify_glib.hpp"

namespace walkbreak::daemon {

// The loop thread's half. The GLib thread runs GlibNotifier (notify_glib.cpp)
// on its own GMainContext; work crosses over with g_main_context_invoke_full
// one way and the NotifierMailbox the other way.
struct Notifier::Impl {
    Impl(boost::asio::io_context& io, ActionHandler on_action, Logger& logger)
        : log(logger),
          mailbox(io, std::move(on_action), logger),
          context(g_main_context_new()),
          loop(g_main_loop_new(context, FALSE)),
          glib(mailbox) {
        finished = ended.get_future();
        thread = std::thread{[this] {
            run();
            ended.set_value();
        }};
    }

    ~Impl() {
        glib.stop_showing();  // shows still queued are dropped
        on_glib([this](GlibNotifier& g) noexcept {
            g.close_all();
            g_main_loop_quit(loop);
        });
        if (finished.wait_for(shutdown_grace) != std::future_status::ready) {
            log.warning("notify",
                        "the notification server does not answer; closing the connection to it");
            glib.abort_calls();
        }
        thread.join();
        g_main_loop_unref(loop);
        g_main_context_unref(context);
    }

    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    // The GLib thread: its context is the thread default before notify_init()
    // so that libnotify's D-Bus signals (actions, closed) are dispatched here.
    void run() {
        g_main_context_push_thread_default(context);
        glib.init();
        g_main_loop_run(loop);
        glib.uninit();
        // GDBus frees a dropped signal subscription from an idle callback on
        // this context: dispatch what is pending so that nothing leaks.
        while (g_main_context_iteration(context, FALSE) != FALSE) {
        }
        g_main_context_pop_thread_default(context);
    }

    using Job = Callback<void(GlibNotifier&)>;
    struct Task {
        GlibNotifier* glib;
        Job job;
        gboolean run() noexcept {
            job(*glib);
            return G_SOURCE_REMOVE;
        }
        void destroy() noexcept { delete this; }
    };

    // Loop thread: queues `job` on the GLib thread, in order.
    void on_glib(Job job) {
        auto* task = new Task{&glib, std::move(job)};
        g_main_context_invoke_full(context, G_PRIORITY_DEFAULT, glib_callback<&Task::run>, task,
                                   glib_callback<&Task::destroy>);
    }

    Logger& log;
    NotifierMailbox mailbox;  // outlives the GLib thread, joined in ~Impl
    GMainContext* context;
    GMainLoop* loop;
    GlibNotifier glib;         // touched on the GLib thread only, after construction
    std::promise<void> ended;  // set by the GLib thread as its last act
    std::future<void> finished;
    std::thread thread;
};

Notifier::Notifier(boost::asio::io_context& io, ActionHandler on_action, Logger& log)
    : impl_(std::make_unique<Impl>(io, std::move(on_action), log)) {}

Notifier::~Notifier() = default;

void Notifier::show(Notice notice) {
    impl_->on_glib([notice = std::move(notice)](GlibNotifier& g) noexcept { g.show(notice); });
}

void Notifier::close(NoticeKind kind) {
    impl_->on_glib([kind](GlibNotifier& g) noexcept { g.close(kind); });
}

void Notifier::close_all() {
    impl_->on_glib([](GlibNotifier& g) noexcept { g.close_all(); });
}

}  // namespace walkbreak::daemon
