// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/meeting_fullscreen_x11.hpp"

#include <string>
#include <utility>

// Xlib last: it defines macros (None, Bool, Status) that clash with C++ code.
#include "daemon/meeting_reporter.hpp"
#include "daemon/x11_display.hpp"
#include "daemon/x11_event_pump.hpp"
#include "daemon/x11_property.hpp"

#include <X11/Xatom.h>

namespace walkbreak::daemon {
namespace {

struct EwmhAtoms {
    Atom supported{None};
    Atom active_window{None};
    Atom wm_state{None};
    Atom fullscreen{None};
};

EwmhAtoms intern_atoms(Display* dpy) {
    return {XInternAtom(dpy, "_NET_SUPPORTED", False),
            XInternAtom(dpy, "_NET_ACTIVE_WINDOW", False), XInternAtom(dpy, "_NET_WM_STATE", False),
            XInternAtom(dpy, "_NET_WM_STATE_FULLSCREEN", False)};
}

class FullscreenSource final : public MeetingSource {
public:
    FullscreenSource(boost::asio::io_context& io, std::unique_ptr<X11Display> display,
                     EwmhAtoms atoms, MeetingSourceCallbacks callbacks, Logger& log)
        : log_(log),
          reporter_(io, core::MeetingSignal::Fullscreen, std::move(callbacks), log),
          display_(std::move(display)),
          pump_(
              io, *display_, [this](const XEvent& e) noexcept { on_event(e); },
              [this](std::string reason) noexcept { report_lost(std::move(reason)); }),
          atoms_(atoms),
          root_(DefaultRootWindow(display_->get())) {}

    core::MeetingSignal signal() const override { return reporter_.signal(); }
    std::string_view backend() const override { return "x11-ewmh"; }
    bool holds() const override { return reporter_.holds(); }

    // Selects before reading, so that a change made after the read is an event.
    void start() {
        XSelectInput(display_->get(), root_, PropertyChangeMask);
        reporter_.start(follow(active_window()));
        pump_.start();
    }

private:
    void on_event(const XEvent& event) {
        if (event.type != PropertyNotify) return;
        const XPropertyEvent& changed = event.xproperty;
        if (changed.window == root_ && changed.atom == atoms_.active_window) {
            reporter_.set(follow(active_window()));
        } else if (changed.window == active_ && active_ != None &&
                   changed.atom == atoms_.wm_state) {
            reporter_.set(fullscreen(active_));
        }
        // Anything else, including what an earlier active window sent before
        // its selection was dropped, is not about the active window now.
    }

    // The active window now; None when there is none (or the root, which some
    // window managers name when nothing has the focus).
    Window active_window() const {
        const auto items =
            read_property_items(display_->get(), root_, atoms_.active_window, XA_WINDOW);
        if (!items || items->empty() || (*items)[0] == root_) return None;
        return (*items)[0];
    }

    bool fullscreen(Window window) const {
        const auto states = read_property_items(display_->get(), window, atoms_.wm_state, XA_ATOM);
        return states && contains_atom(*states, atoms_.fullscreen);
    }

    // Moves the selection to `window` and says whether it is fullscreen. The
    // old window may be gone already: deselecting it answers BadWindow, which
    // X11Display absorbs; so does reading a window closed meanwhile, which
    // then reads as not fullscreen until the window manager names the next.
    bool follow(Window window) {
        Display* dpy = display_->get();
        if (window != active_) {
            if (active_ != None) XSelectInput(dpy, active_, NoEventMask);
            active_ = window;
            if (active_ != None) XSelectInput(dpy, active_, PropertyChangeMask);
            log_.debug("meeting", "fullscreen: the active window is 0x{:x}", active_);
        }
        return active_ != None && fullscreen(active_);
    }

    // The pump's last act.
    void report_lost(std::string reason) {
        log_.warning("meeting", "fullscreen: {}; not watching", reason);
        active_ = None;
        reporter_.set(false);
    }

    Logger& log_;
    MeetingReporter reporter_;
    std::unique_ptr<X11Display> display_;  // before the pump, which reads it
    X11EventPump pump_;
    EwmhAtoms atoms_;
    Window root_;
    Window active_{None};  // the window whose _NET_WM_STATE is selected
};

}  // namespace

core::Result<std::unique_ptr<MeetingSource>> open_x11_fullscreen_source(
    boost::asio::io_context& io, const MeetingSourceOptions&, MeetingSourceCallbacks callbacks,
    Logger& log) {
    auto opened = X11Display::open();
    if (!opened) return core::Error{opened.error()};
    std::unique_ptr<X11Display> display = std::move(opened).value();
    Display* dpy = display->get();

    const EwmhAtoms atoms = intern_atoms(dpy);
    const auto supported =
        read_property_items(dpy, DefaultRootWindow(dpy), atoms.supported, XA_ATOM);
    if (display->lost()) return core::Error{"lost the connection to " + display->name()};
    if (!supported || !contains_atom(*supported, atoms.active_window))
        return core::Error{
            "the window manager does not publish the active window (_NET_ACTIVE_WINDOW)"};

    log.debug("meeting", "fullscreen: EWMH on {}", display->name());
    auto source = std::make_unique<FullscreenSource>(io, std::move(display), atoms,
                                                     std::move(callbacks), log);
    source->start();
    return std::unique_ptr<MeetingSource>{std::move(source)};
}

}  // namespace walkbreak::daemon
