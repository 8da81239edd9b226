// SPDX-License-Identifier: GPL-3.0-or-later
// pulse_capture: a capture stream of the kinds parecord cannot make, for
// integration/meeting_microphone.sh: one started corked, or a level meter
// made as pavucontrol makes its meters (PA_STREAM_PEAK_DETECT, 25 float
// samples a second, mono). The data read is dropped.
//   pulse_capture --device SOURCE [--corked] [--peak-detect] [--name APP]
// Prints "ready corked" / "ready recording" once the server has the stream,
// and the same after each SIGUSR1, which corks or uncorks it. Exits on
// SIGTERM. libpulse's own main loop, on purpose: not the daemon's code.
#include <pulse/mainloop-signal.h>
#include <pulse/pulseaudio.h>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace {

struct Options {
    std::string device;
    std::string name{"pulse_capture"};
    bool corked{false};
    bool peak_detect{false};
};

struct Capture {
    Options options;
    pa_mainloop* loop{nullptr};
    pa_context* context{nullptr};
    pa_stream* stream{nullptr};
    bool corked{false};
};

void say_state(const Capture& c) {
    std::printf("ready %s\n", c.corked ? "corked" : "recording");
    std::fflush(stdout);
}

void on_read(pa_stream* stream, size_t, void*) {
    const void* data = nullptr;
    size_t size = 0;
    while (pa_stream_readable_size(stream) > 0 && pa_stream_peek(stream, &data, &size) == 0) {
        if (size == 0) break;
        pa_stream_drop(stream);
    }
}

void on_stream_state(pa_stream* stream, void* userdata) {
    auto& c = *static_cast<Capture*>(userdata);
    switch (pa_stream_get_state(stream)) {
        case PA_STREAM_READY:
            say_state(c);
            break;
        case PA_STREAM_FAILED:
            std::fprintf(stderr, "pulse_capture: stream failed: %s\n",
                         pa_strerror(pa_context_errno(c.context)));
            pa_mainloop_quit(c.loop, 1);
            break;
        default:
            break;
    }
}

void on_corked(pa_stream*, int success, void* userdata) {
    auto& c = *static_cast<Capture*>(userdata);
    if (success != 0) say_state(c);
}

void on_context_state(pa_context* context, void* userdata) {
    auto& c = *static_cast<Capture*>(userdata);
    const pa_context_state_t state = pa_context_get_state(context);
    if (state == PA_CONTEXT_FAILED || state == PA_CONTEXT_TERMINATED) {
        std::fprintf(stderr, "pulse_capture: %s\n", pa_strerror(pa_context_errno(context)));
        pa_mainloop_quit(c.loop, 1);
        return;
    }
    if (state != PA_CONTEXT_READY) return;
    pa_sample_spec spec{};
    spec.format = c.options.peak_detect ? PA_SAMPLE_FLOAT32 : PA_SAMPLE_S16LE;
    spec.rate = c.options.peak_detect ? 25 : 16000;
    spec.channels = 1;
    c.stream =
        pa_stream_new(context, c.options.peak_detect ? "Peak detect" : "capture", &spec, nullptr);
    pa_stream_set_state_callback(c.stream, on_stream_state, &c);
    pa_stream_set_read_callback(c.stream, on_read, &c);
    unsigned flags = PA_STREAM_DONT_MOVE | PA_STREAM_ADJUST_LATENCY;
    if (c.options.peak_detect) flags |= PA_STREAM_PEAK_DETECT;
    if (c.options.corked) flags |= PA_STREAM_START_CORKED;
    c.corked = c.options.corked;
    pa_buffer_attr attr{};
    attr.maxlength = static_cast<std::uint32_t>(-1);
    attr.fragsize = c.options.peak_detect ? sizeof(float) : static_cast<std::uint32_t>(-1);
    if (pa_stream_connect_record(c.stream, c.options.device.c_str(), &attr,
                                 static_cast<pa_stream_flags_t>(flags)) < 0) {
        std::fprintf(stderr, "pulse_capture: %s\n", pa_strerror(pa_context_errno(context)));
        pa_mainloop_quit(c.loop, 1);
    }
}

void on_signal(pa_mainloop_api*, pa_signal_event*, int sig, void* userdata) {
    auto& c = *static_cast<Capture*>(userdata);
    if (sig != SIGUSR1) {
        pa_mainloop_quit(c.loop, 0);
        return;
    }
    if (c.stream == nullptr || pa_stream_get_state(c.stream) != PA_STREAM_READY) return;
    c.corked = !c.corked;
    pa_operation* op = pa_stream_cork(c.stream, c.corked ? 1 : 0, on_corked, &c);
    if (op != nullptr) pa_operation_unref(op);
}

int usage() {
    std::fprintf(stderr,
                 "usage: pulse_capture --device SOURCE [--corked] [--peak-detect] [--name APP]\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    Capture c;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--device" && i + 1 < argc) {
            c.options.device = argv[++i];
        } else if (arg == "--name" && i + 1 < argc) {
            c.options.name = argv[++i];
        } else if (arg == "--corked") {
            c.options.corked = true;
        } else if (arg == "--peak-detect") {
            c.options.peak_detect = true;
        } else {
            return usage();
        }
    }
    if (c.options.device.empty()) return usage();

    c.loop = pa_mainloop_new();
    pa_mainloop_api* api = pa_mainloop_get_api(c.loop);
    pa_signal_init(api);
    pa_signal_new(SIGTERM, on_signal, &c);
    pa_signal_new(SIGINT, on_signal, &c);
    pa_signal_new(SIGUSR1, on_signal, &c);
    c.context = pa_context_new(api, c.options.name.c_str());
    pa_context_set_state_callback(c.context, on_context_state, &c);
    if (pa_context_connect(c.context, nullptr, PA_CONTEXT_NOAUTOSPAWN, nullptr) < 0) {
        std::fprintf(stderr, "pulse_capture: %s\n", pa_strerror(pa_context_errno(c.context)));
        return 1;
    }
    int rc = 0;
    pa_mainloop_run(c.loop, &rc);
    if (c.stream != nullptr) pa_stream_unref(c.stream);
    pa_context_disconnect(c.context);
    pa_context_unref(c.context);
    pa_signal_done();
    pa_mainloop_free(c.loop);
    return rc;
}
