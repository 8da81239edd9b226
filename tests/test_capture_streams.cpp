// SPDX-License-Identifier: GPL-3.0-or-later
// The microphone signal's rule (daemon/capture_streams.hpp): which capture
// streams are a recording, i.e. a call, and the set kept from the audio
// server's events. The facts are those PulseAudio and PipeWire's pulse
// server report (see tests/integration/meeting_microphone.sh for the real ones).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "daemon/capture_streams.hpp"

using namespace walkbreak::daemon;

namespace {

constexpr std::uint32_t mic = 44;
constexpr std::uint32_t monitor = 62;

CaptureStreamFacts parecord(std::uint32_t index, std::uint32_t source = mic) {
    CaptureStreamFacts s;
    s.index = index;
    s.source = source;
    s.resample_method = "PipeWire";
    s.application_name = "parecord";
    s.application_binary = "pacat";
    return s;
}

CaptureStreams with_sources(std::vector<std::string> ignore_apps = {}) {
    CaptureStreams streams{std::move(ignore_apps)};
    streams.update_source({mic, false});
    streams.update_source({monitor, true});
    return streams;
}

const std::vector<std::string> no_apps;

}  // namespace

TEST_CASE("a stream recording a real source is a recording", "[unit][microphone]") {
    const SourceFacts source{mic, false};
    CHECK(judge_capture_stream(parecord(1), &source, no_apps) == CaptureVerdict::Recording);
}

TEST_CASE("a stream on a monitor source is not", "[unit][microphone]") {
    const SourceFacts source{monitor, true};
    CHECK(judge_capture_stream(parecord(1, monitor), &source, no_apps) ==
          CaptureVerdict::MonitorSource);
}

TEST_CASE("a corked stream is not, until uncorked", "[unit][microphone]") {
    CaptureStreams streams = with_sources();
    CaptureStreamFacts s = parecord(1);
    s.corked = true;
    CHECK(streams.update_stream(s) == CaptureVerdict::Corked);
    CHECK_FALSE(streams.holds());
    s.corked = false;
    CHECK(streams.update_stream(s) == CaptureVerdict::Recording);
    CHECK(streams.holds());
}

TEST_CASE("level meters are not, as PulseAudio and PipeWire show them", "[unit][microphone]") {
    const SourceFacts source{mic, false};
    CaptureStreamFacts pulseaudio = parecord(1);
    pulseaudio.resample_method = "peaks";
    CHECK(is_level_meter(pulseaudio));
    CHECK(judge_capture_stream(pulseaudio, &source, no_apps) == CaptureVerdict::LevelMeter);

    CaptureStreamFacts pipewire = parecord(2);
    pipewire.resample_peaks = "true";
    CHECK(judge_capture_stream(pipewire, &source, no_apps) == CaptureVerdict::LevelMeter);

    CaptureStreamFacts native = parecord(3);
    native.stream_monitor = "true";
    CHECK(judge_capture_stream(native, &source, no_apps) == CaptureVerdict::LevelMeter);

    CaptureStreamFacts other = parecord(4);
    other.resample_method = "speex-float-1";
    other.stream_monitor = "false";
    CHECK_FALSE(is_level_meter(other));
}

TEST_CASE("an ignored application is not, by name or by binary", "[unit][microphone]") {
    const SourceFacts source{mic, false};
    const std::vector<std::string> by_name{"parecord"};
    const std::vector<std::string> by_binary{"pacat"};
    const std::vector<std::string> other{"dictation", "Parecord"};
    CHECK(judge_capture_stream(parecord(1), &source, by_name) == CaptureVerdict::IgnoredApp);
    CHECK(judge_capture_stream(parecord(1), &source, by_binary) == CaptureVerdict::IgnoredApp);
    CHECK(judge_capture_stream(parecord(1), &source, other) == CaptureVerdict::Recording);
    // An application without a name is not matched by an empty entry.
    CaptureStreamFacts anonymous = parecord(2);
    anonymous.application_name.clear();
    anonymous.application_binary.clear();
    CHECK(judge_capture_stream(anonymous, &source, {""}) == CaptureVerdict::Recording);
}

TEST_CASE("a stream whose source is not known yet counts once the source is",
          "[unit][microphone]") {
    CaptureStreams streams{{}};
    CHECK(streams.update_stream(parecord(1)) == CaptureVerdict::UnknownSource);
    CHECK_FALSE(streams.holds());
    streams.update_source({mic, false});
    CHECK(streams.holds());
    streams.remove_source(mic);
    CHECK_FALSE(streams.holds());
}

TEST_CASE("the signal holds while any stream records and ends with the last",
          "[unit][microphone]") {
    CaptureStreams streams = with_sources();
    streams.update_stream(parecord(1, monitor));
    CHECK_FALSE(streams.holds());
    streams.update_stream(parecord(2));
    streams.update_stream(parecord(3));
    CHECK(streams.holds());
    streams.remove_stream(2);
    CHECK(streams.holds());
    streams.remove_stream(3);
    CHECK_FALSE(streams.holds());
    CHECK(streams.stream_count() == 1);
    streams.remove_stream(99);  // already gone: harmless
    CHECK(streams.stream_count() == 1);
}

TEST_CASE("a stream moved to a monitor source stops counting", "[unit][microphone]") {
    CaptureStreams streams = with_sources();
    streams.update_stream(parecord(1));
    CHECK(streams.holds());
    CHECK(streams.update_stream(parecord(1, monitor)) == CaptureVerdict::MonitorSource);
    CHECK_FALSE(streams.holds());
}

TEST_CASE("a lost connection forgets every stream and source", "[unit][microphone]") {
    CaptureStreams streams = with_sources();
    streams.update_stream(parecord(1));
    streams.clear();
    CHECK_FALSE(streams.holds());
    CHECK(streams.stream_count() == 0);
    // A new server's stream on an index the old one used is judged afresh.
    CHECK(streams.update_stream(parecord(1)) == CaptureVerdict::UnknownSource);
}
