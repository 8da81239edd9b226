// SPDX-License-Identifier: GPL-3.0-or-later
// idle_compositor: the smallest Wayland server that offers ext-idle-notify-v1,
// for the integration tests (no compositor in Debian 12 offers it headless).
//   idle_compositor [--notifier-version 1|2]
// Offers wl_seat (version 1, no devices) and ext_idle_notifier_v1 (version 2
// unless told otherwise) on a new socket in $XDG_RUNTIME_DIR and prints
// "socket NAME". Each notification goes idle after its timeout, counted with
// real timers from its creation or the last input, as compositors do. Lines on
// stdin play the user:
//   input       activity on the seat: idle notifications resume, timers restart
//   inhibit     an idle inhibitor appears: notifications made with
//               get_idle_notification stop counting (input-only ones go on)
//   uninhibit   it goes: their timers restart from now
//   quit        (or end of input) the compositor exits, dropping its clients
// Every request and event is printed on stdout, one line each, e.g.
// "notification 1 input-only 2000ms", "idled 1", "resumed 1", "destroyed 1".
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <wayland-server.h>

#include "ext-idle-notify-v1-server-protocol.h"

namespace {

void say(const std::string& line) {
    std::fputs((line + "\n").c_str(), stdout);
    std::fflush(stdout);
}

struct Compositor;

struct Notification {
    Compositor* compositor{nullptr};
    wl_resource* resource{nullptr};
    wl_event_source* timer{nullptr};
    int id{0};
    std::uint32_t timeout_ms{0};
    bool input_only{false};
    bool idle{false};
};

struct Compositor {
    wl_display* display{nullptr};
    std::vector<Notification*> notifications;
    std::string input;  // stdin bytes up to the next newline
    int next_id{1};
    bool inhibited{false};
};

bool counts(const Notification& n) { return n.input_only || !n.compositor->inhibited; }

// Restarts the notification's countdown from now, or stops it while inhibited.
void restart_timer(Notification& n) {
    const int ms = counts(n) ? static_cast<int>(n.timeout_ms > 0 ? n.timeout_ms : 1) : 0;
    wl_event_source_timer_update(n.timer, ms);
}

int on_timer(void* data) {
    auto& n = *static_cast<Notification*>(data);
    if (!n.idle && counts(n)) {
        n.idle = true;
        ext_idle_notification_v1_send_idled(n.resource);
        say("idled " + std::to_string(n.id));
    }
    return 0;
}

void destroy_resource(wl_client*, wl_resource* resource) { wl_resource_destroy(resource); }

void notification_gone(wl_resource* resource) {
    auto* n = static_cast<Notification*>(wl_resource_get_user_data(resource));
    auto& list = n->compositor->notifications;
    std::erase(list, n);
    wl_event_source_remove(n->timer);
    say("destroyed " + std::to_string(n->id));
    delete n;
}

const struct ext_idle_notification_v1_interface notification_impl { destroy_resource };

void make_notification(wl_client* client, wl_resource* notifier, std::uint32_t id,
                       std::uint32_t timeout, bool input_only) {
    auto* compositor = static_cast<Compositor*>(wl_resource_get_user_data(notifier));
    wl_resource* resource = wl_resource_create(client, &ext_idle_notification_v1_interface,
                                               wl_resource_get_version(notifier), id);
    if (resource == nullptr) {
        wl_client_post_no_memory(client);
        return;
    }
    auto* n = new Notification{compositor, resource,   nullptr, compositor->next_id++,
                               timeout,    input_only, false};
    n->timer = wl_event_loop_add_timer(wl_display_get_event_loop(compositor->display), on_timer, n);
    wl_resource_set_implementation(resource, &notification_impl, n, notification_gone);
    compositor->notifications.push_back(n);
    say("notification " + std::to_string(n->id) +
        (input_only ? " input-only " : " inhibitor-aware ") + std::to_string(timeout) + "ms");
    restart_timer(*n);
}

void get_idle_notification(wl_client* client, wl_resource* notifier, std::uint32_t id,
                           std::uint32_t timeout, wl_resource*) {
    make_notification(client, notifier, id, timeout, false);
}

void get_input_idle_notification(wl_client* client, wl_resource* notifier, std::uint32_t id,
                                 std::uint32_t timeout, wl_resource*) {
    make_notification(client, notifier, id, timeout, true);
}

const struct ext_idle_notifier_v1_interface notifier_impl {
    destroy_resource, get_idle_notification, get_input_idle_notification
};

void bind_notifier(wl_client* client, void* data, std::uint32_t version, std::uint32_t id) {
    wl_resource* resource =
        wl_resource_create(client, &ext_idle_notifier_v1_interface, static_cast<int>(version), id);
    if (resource == nullptr) {
        wl_client_post_no_memory(client);
        return;
    }
    wl_resource_set_implementation(resource, &notifier_impl, data, nullptr);
    say("notifier version " + std::to_string(version));
}

// A seat without devices: nothing to hand out.
void no_device(wl_client*, wl_resource* seat, std::uint32_t) {
    wl_resource_post_error(seat, 0, "the test compositor has no input devices");
}

const struct wl_seat_interface seat_impl { no_device, no_device, no_device, destroy_resource };

void bind_seat(wl_client* client, void*, std::uint32_t version, std::uint32_t id) {
    wl_resource* resource =
        wl_resource_create(client, &wl_seat_interface, static_cast<int>(version), id);
    if (resource == nullptr) {
        wl_client_post_no_memory(client);
        return;
    }
    wl_resource_set_implementation(resource, &seat_impl, nullptr, nullptr);
    wl_seat_send_capabilities(resource, 0);
}

void command(Compositor& c, std::string_view line) {
    if (line == "input") {
        for (Notification* n : c.notifications) {
            if (n->idle) {
                n->idle = false;
                ext_idle_notification_v1_send_resumed(n->resource);
                say("resumed " + std::to_string(n->id));
            }
            restart_timer(*n);
        }
    } else if (line == "inhibit" || line == "uninhibit") {
        c.inhibited = line == "inhibit";
        for (Notification* n : c.notifications) {
            if (!n->input_only && !n->idle) restart_timer(*n);
        }
        say(std::string{line} + "ed");
    } else if (line == "quit") {
        wl_display_terminate(c.display);
    } else if (!line.empty()) {
        say("unknown command: " + std::string{line});
    }
}

int on_stdin(int fd, std::uint32_t, void* data) {
    auto& c = *static_cast<Compositor*>(data);
    char buffer[256];
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) {
        wl_display_terminate(c.display);  // end of the script's input
        return 0;
    }
    c.input.append(buffer, static_cast<std::size_t>(n));
    for (std::size_t end = c.input.find('\n'); end != std::string::npos; end = c.input.find('\n')) {
        const std::string line = c.input.substr(0, end);
        c.input.erase(0, end + 1);
        command(c, line);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    int version = 2;
    if (argc == 3 && std::strcmp(argv[1], "--notifier-version") == 0) {
        version = std::atoi(argv[2]);
    } else if (argc != 1) {
        std::fputs("usage: idle_compositor [--notifier-version 1|2]\n", stderr);
        return 2;
    }
    if (version < 1 || version > 2) return 2;

    Compositor c;
    c.display = wl_display_create();
    const char* socket = wl_display_add_socket_auto(c.display);
    if (socket == nullptr) {
        std::fputs("idle_compositor: cannot create a socket (is XDG_RUNTIME_DIR set?)\n", stderr);
        return 1;
    }
    wl_global_create(c.display, &wl_seat_interface, 1, nullptr, bind_seat);
    wl_global_create(c.display, &ext_idle_notifier_v1_interface, version, &c, bind_notifier);
    wl_event_source* input = wl_event_loop_add_fd(wl_display_get_event_loop(c.display),
                                                  STDIN_FILENO, WL_EVENT_READABLE, on_stdin, &c);
    say(std::string{"socket "} + socket);
    wl_display_run(c.display);
    wl_event_source_remove(input);
    wl_display_destroy_clients(c.display);
    wl_display_destroy(c.display);
    say("exit");
    return 0;
}
