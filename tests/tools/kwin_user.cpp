// SPDX-License-Identifier: GPL-3.0-or-later
// kwin_user: plays the user of a KWin Wayland session, for the integration
// tests (tests/integration/kde_kwin_real.sh).
//   kwin_user
// Connects to $WAYLAND_DISPLAY and prints "ready"; then each line on stdin:
//   move        moves the pointer by one pixel, back and forth, through KWin's
//               org_kde_kwin_fake_input (the protocol KDE Connect and krfb use):
//               real input, as KWin's idle timers see it
//   inhibit     maps a small window with a zwp_idle_inhibitor_v1, as a video
//               player does while it plays
//   uninhibit   destroys the inhibitor and unmaps the window
//   quit        (or end of input) disconnects
// Each is answered with one line ("moved", "inhibited", "uninhibited") once
// KWin has processed it (a roundtrip). Errors go to stderr, exit status 1.
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include <wayland-client.h>

#include "fake-input-client-protocol.h"
#include "idle-inhibit-unstable-v1-client-protocol.h"
#include "xdg-shell-client-protocol.h"

namespace {

struct Globals {
    wl_compositor* compositor{nullptr};
    wl_shm* shm{nullptr};
    xdg_wm_base* wm_base{nullptr};
    zwp_idle_inhibit_manager_v1* inhibit_manager{nullptr};
    org_kde_kwin_fake_input* fake_input{nullptr};
};

void on_global(void* data, wl_registry* registry, std::uint32_t name, const char* interface,
               std::uint32_t version) {
    auto* g = static_cast<Globals*>(data);
    const std::string_view iface{interface};
    if (iface == wl_compositor_interface.name) {
        g->compositor = static_cast<wl_compositor*>(
            wl_registry_bind(registry, name, &wl_compositor_interface, 1));
    } else if (iface == wl_shm_interface.name) {
        g->shm = static_cast<wl_shm*>(wl_registry_bind(registry, name, &wl_shm_interface, 1));
    } else if (iface == xdg_wm_base_interface.name) {
        g->wm_base =
            static_cast<xdg_wm_base*>(wl_registry_bind(registry, name, &xdg_wm_base_interface, 1));
    } else if (iface == zwp_idle_inhibit_manager_v1_interface.name) {
        g->inhibit_manager = static_cast<zwp_idle_inhibit_manager_v1*>(
            wl_registry_bind(registry, name, &zwp_idle_inhibit_manager_v1_interface, 1));
    } else if (iface == org_kde_kwin_fake_input_interface.name) {
        g->fake_input = static_cast<org_kde_kwin_fake_input*>(wl_registry_bind(
            registry, name, &org_kde_kwin_fake_input_interface, version < 4 ? version : 4));
    }
}
void on_global_remove(void*, wl_registry*, std::uint32_t) {}
const wl_registry_listener registry_listener{on_global, on_global_remove};

void on_ping(void*, xdg_wm_base* base, std::uint32_t serial) { xdg_wm_base_pong(base, serial); }
const xdg_wm_base_listener wm_base_listener{on_ping};

// A 64x64 window with an idle inhibitor on its surface.
struct Window {
    wl_surface* surface{nullptr};
    xdg_surface* xdg{nullptr};
    xdg_toplevel* toplevel{nullptr};
    zwp_idle_inhibitor_v1* inhibitor{nullptr};
    wl_buffer* buffer{nullptr};
    bool configured{false};
};

void on_configure(void* data, xdg_surface* surface, std::uint32_t serial) {
    xdg_surface_ack_configure(surface, serial);
    static_cast<Window*>(data)->configured = true;
}
const xdg_surface_listener xdg_surface_listener_{on_configure};

wl_buffer* make_buffer(wl_shm* shm, int width, int height) {
    const int stride = width * 4;
    const int size = stride * height;
    const int fd = memfd_create("kwin_user", MFD_CLOEXEC);
    if (fd < 0 || ftruncate(fd, size) < 0) return nullptr;
    void* pixels =
        mmap(nullptr, static_cast<std::size_t>(size), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (pixels != MAP_FAILED) {
        std::memset(pixels, 0x80, static_cast<std::size_t>(size));
        munmap(pixels, static_cast<std::size_t>(size));
    }
    wl_shm_pool* pool = wl_shm_create_pool(shm, fd, size);
    wl_buffer* buffer =
        wl_shm_pool_create_buffer(pool, 0, width, height, stride, WL_SHM_FORMAT_XRGB8888);
    wl_shm_pool_destroy(pool);
    close(fd);
    return buffer;
}

bool show_inhibiting_window(wl_display* display, const Globals& g, Window& w) {
    w.surface = wl_compositor_create_surface(g.compositor);
    w.xdg = xdg_wm_base_get_xdg_surface(g.wm_base, w.surface);
    xdg_surface_add_listener(w.xdg, &xdg_surface_listener_, &w);
    w.toplevel = xdg_surface_get_toplevel(w.xdg);
    xdg_toplevel_set_title(w.toplevel, "walkbreak test video");
    wl_surface_commit(w.surface);
    while (!w.configured) {
        if (wl_display_dispatch(display) < 0) return false;
    }
    w.buffer = make_buffer(g.shm, 64, 64);
    if (w.buffer == nullptr) return false;
    wl_surface_attach(w.surface, w.buffer, 0, 0);
    wl_surface_damage(w.surface, 0, 0, 64, 64);
    w.inhibitor = zwp_idle_inhibit_manager_v1_create_inhibitor(g.inhibit_manager, w.surface);
    wl_surface_commit(w.surface);
    return wl_display_roundtrip(display) >= 0;
}

void hide(Window& w) {
    if (w.inhibitor != nullptr) zwp_idle_inhibitor_v1_destroy(w.inhibitor);
    if (w.toplevel != nullptr) xdg_toplevel_destroy(w.toplevel);
    if (w.xdg != nullptr) xdg_surface_destroy(w.xdg);
    if (w.surface != nullptr) wl_surface_destroy(w.surface);
    if (w.buffer != nullptr) wl_buffer_destroy(w.buffer);
    w = Window{};
}

int fail(const char* what) {
    std::fprintf(stderr, "kwin_user: %s\n", what);
    return 1;
}

}  // namespace

int main() {
    wl_display* display = wl_display_connect(nullptr);
    if (display == nullptr) return fail("cannot connect to $WAYLAND_DISPLAY");
    Globals g;
    wl_registry* registry = wl_display_get_registry(display);
    wl_registry_add_listener(registry, &registry_listener, &g);
    if (wl_display_roundtrip(display) < 0) return fail("the registry roundtrip failed");
    if (g.fake_input == nullptr) return fail("no org_kde_kwin_fake_input");
    if (g.compositor == nullptr || g.shm == nullptr || g.wm_base == nullptr ||
        g.inhibit_manager == nullptr)
        return fail("no wl_compositor, wl_shm, xdg_wm_base or zwp_idle_inhibit_manager_v1");
    xdg_wm_base_add_listener(g.wm_base, &wm_base_listener, nullptr);
    org_kde_kwin_fake_input_authenticate(g.fake_input, "walkbreak tests", "plays the user");
    if (wl_display_roundtrip(display) < 0) return fail("authentication failed");
    std::puts("ready");
    std::fflush(stdout);

    Window window;
    double step = 1.0;
    std::string line;
    while (std::getline(std::cin, line) && line != "quit") {
        const char* answer = nullptr;
        if (line == "move") {
            org_kde_kwin_fake_input_pointer_motion(g.fake_input, wl_fixed_from_double(step),
                                                   wl_fixed_from_double(step));
            step = -step;
            answer = "moved";
        } else if (line == "inhibit") {
            if (!show_inhibiting_window(display, g, window)) return fail("cannot map the window");
            answer = "inhibited";
        } else if (line == "uninhibit") {
            hide(window);
            answer = "uninhibited";
        } else {
            std::fprintf(stderr, "kwin_user: unknown command %s\n", line.c_str());
            continue;
        }
        if (wl_display_roundtrip(display) < 0) return fail("the connection to KWin was lost");
        std::puts(answer);
        std::fflush(stdout);
    }
    hide(window);
    org_kde_kwin_fake_input_destroy(g.fake_input);
    wl_display_disconnect(display);
    return 0;
}
