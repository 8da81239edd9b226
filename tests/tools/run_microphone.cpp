// SPDX-License-Identifier: GPL-3.0-or-later
// run_microphone: prints what the microphone meeting signal ("pulseaudio")
// sees of the audio server: "microphone: holds" when a recording begins,
// "microphone: ends" when the last one ends.
//   run_microphone [--ignore-app NAME]... [--verbose]
// --ignore-app is meeting.ignore_apps; --verbose logs each capture stream and
// how it was judged. Exits 1 when there is no audio server to watch (saying
// why), else runs until SIGINT/SIGTERM, also while the server is away.
#include <boost/asio/io_context.hpp>

#include <csignal>
#include <string>
#include <string_view>

#include <boost/asio/signal_set.hpp>

#include "daemon/logger.hpp"
#include "daemon/meeting_microphone.hpp"
#include "tests/tools/tool_output.hpp"

namespace {

int usage() {
    fmt::print(stderr, "usage: run_microphone [--ignore-app NAME]... [--verbose]\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace walkbreak;
    daemon::MeetingSourceOptions options;
    options.signals = {core::MeetingSignal::Microphone};
    bool verbose = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--ignore-app" && i + 1 < argc) {
            options.ignore_apps.emplace_back(argv[++i]);
        } else if (arg == "--verbose") {
            verbose = true;
        } else {
            return usage();
        }
    }

    boost::asio::io_context io;
    daemon::Logger log{false, verbose};
    daemon::MeetingSourceCallbacks callbacks;
    callbacks.on_change = [](core::MeetingSignal signal, bool holds) noexcept {
        tools::print_event(
            fmt::format("{}: {}", core::to_string(signal), holds ? "holds" : "ends"));
    };
    auto source = daemon::open_microphone_source(io, options, callbacks, log);
    if (!source) {
        tools::print_event("unavailable: " + source.error());
        return 1;
    }
    tools::print_event(fmt::format("watching with {}", (*source)->backend()));

    boost::asio::signal_set signals{io, SIGINT, SIGTERM};
    signals.async_wait([&](const boost::system::error_code&, int) { io.stop(); });
    io.run();
    source->reset();
    tools::print_event("exit");
    return 0;
}
