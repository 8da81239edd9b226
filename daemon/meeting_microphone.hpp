// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// "pulseaudio": the microphone meeting signal. A pa_context on the event
// layer (pulse_mainloop.hpp) talks to the user's audio server, PulseAudio or
// PipeWire's pulse server, and follows its sources and source outputs
// (pa_context_subscribe); the signal holds while any source output records a
// real source (capture_streams.hpp says which count). Event-driven: while
// connected and nothing changes the daemon is never woken. When the server
// goes away the signal ends, and the source reconnects after 1 s, then after
// twice as long each time, up to a minute, until the server is back.
#include <memory>

#include <boost/asio/io_context.hpp>

#include "core/result.hpp"
#include "daemon/logger.hpp"
#include "daemon/meeting_source.hpp"

namespace walkbreak::daemon {

// Connects to the audio server ($PULSE_SERVER, else the user's socket, never
// starting one). The error says why the microphone cannot be seen here,
// e.g. "no audio server: libpulse could not connect (Connection refused)...".
// A server found but failing later (lost, refusing the client) is retried.
core::Result<std::unique_ptr<MeetingSource>> open_microphone_source(
    boost::asio::io_context& io, const MeetingSourceOptions& options,
    MeetingSourceCallbacks callbacks, Logger& log);

}  // namespace walkbreak::daemon
