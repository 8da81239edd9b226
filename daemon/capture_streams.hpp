// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The microphone signal's rule, apart from libpulse: what the audio server
// says of each capture stream (a source output) and of each source, and
// whether any of those streams is a recording, i.e. a call. Pure; the
// "pulseaudio" meeting source (meeting_microphone.cpp) feeds it.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace walkbreak::daemon {

// A source output, as pa_source_output_info describes it.
struct CaptureStreamFacts {
    std::uint32_t index{0};
    std::uint32_t source{0};  // the source it records (PA_INVALID_INDEX: none yet)
    bool corked{false};
    // How a level meter shows (PA_STREAM_PEAK_DETECT, as pavucontrol's and
    // GNOME Settings' meters ask): PulseAudio resamples such a stream with its
    // "peaks" method and names it as the stream's resample method; PipeWire's
    // pulse server reports "PipeWire" there and sets the properties
    // resample.peaks = "true" and stream.monitor = "true" instead (the latter
    // is also how a native PipeWire client marks a meter).
    std::string resample_method;
    std::string resample_peaks;      // property resample.peaks
    std::string stream_monitor;      // property stream.monitor
    std::string application_name;    // property application.name
    std::string application_binary;  // property application.process.binary
};

// A source, as pa_source_info describes it.
struct SourceFacts {
    std::uint32_t index{0};
    bool monitor{false};  // monitor_of_sink is set: it records what a sink plays
};

enum class CaptureVerdict {
    Recording,      // a call: counts
    UnknownSource,  // its source is not (yet) known: not a microphone we can vouch for
    MonitorSource,  // records what the speakers play (screen recorders, visualisers)
    Corked,         // paused by its application
    LevelMeter,     // a peak-detect stream
    IgnoredApp,     // its application is in meeting.ignore_apps
};

std::string_view to_string(CaptureVerdict verdict);

bool is_level_meter(const CaptureStreamFacts& stream);

// `source` is the stream's source, nullptr when unknown. `ignore_apps` match
// application.name or application.process.binary exactly.
CaptureVerdict judge_capture_stream(const CaptureStreamFacts& stream, const SourceFacts* source,
                                    const std::vector<std::string>& ignore_apps);

// The server's sources and source outputs, kept up to date from its events;
// holds() while any stream is a Recording. Updates are idempotent (a new and
// a change event both replace the facts), removals of unknown indexes harmless.
class CaptureStreams {
public:
    explicit CaptureStreams(std::vector<std::string> ignore_apps)
        : ignore_apps_(std::move(ignore_apps)) {}

    void update_source(const SourceFacts& source) { sources_[source.index] = source; }
    void remove_source(std::uint32_t index) { sources_.erase(index); }
    // Returns the stream's verdict, as things stand now.
    CaptureVerdict update_stream(CaptureStreamFacts stream);
    void remove_stream(std::uint32_t index) { streams_.erase(index); }
    // The connection to the server is gone, and with it what it said.
    void clear();

    bool holds() const;
    std::size_t stream_count() const { return streams_.size(); }

private:
    CaptureVerdict judge(const CaptureStreamFacts& stream) const;

    std::vector<std::string> ignore_apps_;
    std::map<std::uint32_t, SourceFacts> sources_;
    std::map<std::uint32_t, CaptureStreamFacts> streams_;
};

}  // namespace walkbreak::daemon
