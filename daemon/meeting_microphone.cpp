// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/meeting_microphone.hpp"

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>

#include <pulse/context.h>
#include <pulse/error.h>
#include <pulse/introspect.h>
#include <pulse/proplist.h>
#include <pulse/subscribe.h>

#include "core/retry.hpp"
#include "daemon/c_callback.hpp"
#include "daemon/capture_streams.hpp"
#include "daemon/defer_event.hpp"
#include "daemon/meeting_reporter.hpp"
#include "daemon/pulse_mainloop.hpp"
#include "daemon/timer_event.hpp"

namespace walkbreak::daemon {
namespace {

constexpr std::string_view domain = "meeting";
// Reconnecting: after 1 s, doubling up to a minute.
constexpr core::RetryPolicy reconnect{core::Seconds{1}, core::Seconds{60}};

// Properties PipeWire's pulse server sets on a peak-detect stream (its
// PW_KEY_STREAM_MONITOR, and how it passes PA_STREAM_PEAK_DETECT on).
constexpr const char* prop_stream_monitor = "stream.monitor";
constexpr const char* prop_resample_peaks = "resample.peaks";

struct ContextDeleter {
    // No callback of ours runs from here on: disconnecting reports the
    // state TERMINATED, and cancels the operations still pending.
    void operator()(pa_context* context) const {
        pa_context_set_state_callback(context, nullptr, nullptr);
        pa_context_set_subscribe_callback(context, nullptr, nullptr);
        pa_context_disconnect(context);
        pa_context_unref(context);
    }
};
using ContextPtr = std::unique_ptr<pa_context, ContextDeleter>;

// Replies come to the callback given with the request; the operation object
// itself is not needed (a disconnect cancels what is pending).
void forget(pa_operation* operation) {
    if (operation != nullptr) pa_operation_unref(operation);
}

std::string property(const pa_proplist* props, const char* key) {
    const char* value = props != nullptr ? pa_proplist_gets(props, key) : nullptr;
    return value != nullptr ? value : "";
}

CaptureStreamFacts facts_of(const pa_source_output_info& info) {
    CaptureStreamFacts facts;
    facts.index = info.index;
    facts.source = info.source;
    facts.corked = info.corked != 0;
    facts.resample_method = info.resample_method != nullptr ? info.resample_method : "";
    facts.resample_peaks = property(info.proplist, prop_resample_peaks);
    facts.stream_monitor = property(info.proplist, prop_stream_monitor);
    facts.application_name = property(info.proplist, PA_PROP_APPLICATION_NAME);
    facts.application_binary = property(info.proplist, PA_PROP_APPLICATION_PROCESS_BINARY);
    return facts;
}

class PulseMicrophoneSource final : public MeetingSource {
public:
    PulseMicrophoneSource(boost::asio::io_context& io, const MeetingSourceOptions& options,
                          MeetingSourceCallbacks callbacks, Logger& log)
        : log_(log),
          reporter_(io, core::MeetingSignal::Microphone, std::move(callbacks), log),
          mainloop_(io),
          streams_(options.ignore_apps),
          report_(io, [this]() noexcept { report(); }),
          drop_(io, [this]() noexcept { drop(); }),
          retry_(io, TimerClock::Monotonic, [this]() noexcept { retry(); }) {}

    core::MeetingSignal signal() const override { return reporter_.signal(); }
    std::string_view backend() const override { return "pulseaudio"; }
    bool holds() const override { return reporter_.holds(); }

    // Fails when libpulse finds no server to connect to (it knows at once:
    // connecting to a missing or dead socket fails in the call).
    core::Outcome connect() {
        context_.reset(pa_context_new(mainloop_.api(), "walkbreakd"));
        if (!context_) return core::Error{"libpulse could not make a context"};
        pa_context* context = context_.get();
        pa_context_set_state_callback(context, pulse_callback<&PulseMicrophoneSource::on_state>,
                                      this);
        pa_context_set_subscribe_callback(
            context, pulse_callback<&PulseMicrophoneSource::on_server_event>, this);
        // NOAUTOSPAWN: the desktop starts the audio server, never walkbreakd.
        if (pa_context_connect(context, nullptr, PA_CONTEXT_NOAUTOSPAWN, nullptr) < 0) {
            failure_ = pa_strerror(pa_context_errno(context));
            return core::Error{fmt::format("libpulse could not connect ({})", failure_)};
        }
        return core::success();
    }

private:
    void on_state(pa_context* context) noexcept {
        switch (pa_context_get_state(context)) {
            case PA_CONTEXT_READY:
                on_ready(context);
                break;
            case PA_CONTEXT_FAILED:
            case PA_CONTEXT_TERMINATED:
                // Dropped from the loop: libpulse is still using the context.
                failure_ = pa_strerror(pa_context_errno(context));
                drop_.schedule();
                break;
            default:
                break;
        }
    }

    // Subscribing first and listing after, replies and events come in the
    // server's order: nothing created in between is missed, and a source is
    // known before the streams recording it.
    void on_ready(pa_context* context) noexcept {
        const char* server = pa_context_get_server(context);  // null only when not connected
        if (failures_ > 0) {
            log_.notice(domain, "microphone: reconnected to the audio server at {}",
                        server != nullptr ? server : "?");
        } else {
            log_.info(domain, "microphone: connected to the audio server at {}",
                      server != nullptr ? server : "?");
        }
        failures_ = 0;
        const auto mask = static_cast<pa_subscription_mask_t>(PA_SUBSCRIPTION_MASK_SOURCE |
                                                              PA_SUBSCRIPTION_MASK_SOURCE_OUTPUT);
        forget(pa_context_subscribe(context, mask, nullptr, nullptr));
        forget(pa_context_get_source_info_list(
            context, pulse_callback<&PulseMicrophoneSource::on_source>, this));
        forget(pa_context_get_source_output_info_list(
            context, pulse_callback<&PulseMicrophoneSource::on_stream>, this));
    }

    void on_server_event(pa_context* context, pa_subscription_event_type_t event,
                         std::uint32_t index) noexcept {
        const unsigned facility = event & PA_SUBSCRIPTION_EVENT_FACILITY_MASK;
        const bool removed =
            (event & PA_SUBSCRIPTION_EVENT_TYPE_MASK) == PA_SUBSCRIPTION_EVENT_REMOVE;
        if (facility == PA_SUBSCRIPTION_EVENT_SOURCE_OUTPUT) {
            if (removed) {
                log_.debug(domain, "microphone: capture stream #{} ended", index);
                streams_.remove_stream(index);
                report_.schedule();
            } else {
                forget(pa_context_get_source_output_info(
                    context, index, pulse_callback<&PulseMicrophoneSource::on_stream>, this));
            }
        } else if (facility == PA_SUBSCRIPTION_EVENT_SOURCE) {
            // A source's only fact here, whether it is a monitor, never
            // changes: its CHANGE events (idle/running, volume) need no reply.
            const bool created =
                (event & PA_SUBSCRIPTION_EVENT_TYPE_MASK) == PA_SUBSCRIPTION_EVENT_NEW;
            if (removed) {
                streams_.remove_source(index);
                report_.schedule();
            } else if (created) {
                forget(pa_context_get_source_info_by_index(
                    context, index, pulse_callback<&PulseMicrophoneSource::on_source>, this));
            }
        }
    }

    // eol < 0: the object went away before the server answered; its removal
    // is an event of its own.
    void on_stream(pa_context*, const pa_source_output_info* info, int eol) noexcept {
        if (eol != 0 || info == nullptr) return;
        CaptureStreamFacts facts = facts_of(*info);
        const std::string app = facts.application_name;
        const CaptureVerdict verdict = streams_.update_stream(std::move(facts));
        log_.debug(domain, "microphone: capture stream #{} ({}) on source #{}: {}", info->index,
                   app, info->source, to_string(verdict));
        report_.schedule();
    }

    void on_source(pa_context*, const pa_source_info* info, int eol) noexcept {
        if (eol != 0 || info == nullptr) return;
        streams_.update_source({info->index, info->monitor_of_sink != PA_INVALID_INDEX});
        report_.schedule();
    }

    // Changes are reported from the loop, once per pass however many
    // replies came, and never from inside libpulse.
    void report() noexcept { reporter_.set(streams_.holds()); }

    // The server is gone (or refused us): what it said goes with it, so a
    // recording it had ends; connecting again waits, longer each time.
    void drop() noexcept {
        context_.reset();
        streams_.clear();
        const core::Seconds delay = core::retry_delay(++failures_, reconnect);
        if (failures_ == 1) {
            log_.notice(domain,
                        "microphone: lost the audio server ({}); reconnecting, first in {}s",
                        failure_, delay.count());
        } else {
            log_.debug(domain, "microphone: no audio server yet ({}); next try in {}s", failure_,
                       delay.count());
        }
        retry_.arm_after(delay);
        report();
    }

    void retry() noexcept {
        // A failure in the call was reported to on_state already, but not
        // every one is: dropping twice in a pass is once.
        if (!connect()) drop_.schedule();
    }

    Logger& log_;
    MeetingReporter reporter_;
    PulseMainloop mainloop_;
    ContextPtr context_;  // after mainloop_: freed while its events' loop exists
    CaptureStreams streams_;
    DeferEvent report_;
    DeferEvent drop_;
    TimerEvent retry_;
    std::string failure_;
    int failures_{0};  // connections failed in a row; none while connected
};

}  // namespace

core::Result<std::unique_ptr<MeetingSource>> open_microphone_source(
    boost::asio::io_context& io, const MeetingSourceOptions& options,
    MeetingSourceCallbacks callbacks, Logger& log) {
    auto source = std::make_unique<PulseMicrophoneSource>(io, options, std::move(callbacks), log);
    if (auto connected = source->connect(); !connected) {
        return core::Error{"no audio server: " + connected.error() +
                           "; the microphone is seen through PipeWire's pulse server "
                           "(pipewire-pulse) or PulseAudio"};
    }
    return std::unique_ptr<MeetingSource>{std::move(source)};
}

}  // namespace walkbreak::daemon
