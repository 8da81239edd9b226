// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/capture_streams.hpp"

#include <algorithm>
#include <utility>

namespace walkbreak::daemon {

std::string_view to_string(CaptureVerdict verdict) {
    switch (verdict) {
        case CaptureVerdict::Recording:
            return "recording";
        case CaptureVerdict::UnknownSource:
            return "unknown source";
        case CaptureVerdict::MonitorSource:
            return "monitor source";
        case CaptureVerdict::Corked:
            return "corked";
        case CaptureVerdict::LevelMeter:
            return "level meter";
        case CaptureVerdict::IgnoredApp:
            return "ignored application";
    }
    return "unknown";
}

bool is_level_meter(const CaptureStreamFacts& stream) {
    return stream.resample_method == "peaks" || stream.resample_peaks == "true" ||
           stream.stream_monitor == "true";
}

CaptureVerdict judge_capture_stream(const CaptureStreamFacts& stream, const SourceFacts* source,
                                    const std::vector<std::string>& ignore_apps) {
    const auto ignored = [&](const std::string& name) {
        return !name.empty() &&
               std::find(ignore_apps.begin(), ignore_apps.end(), name) != ignore_apps.end();
    };
    if (ignored(stream.application_name) || ignored(stream.application_binary))
        return CaptureVerdict::IgnoredApp;
    if (is_level_meter(stream)) return CaptureVerdict::LevelMeter;
    if (source == nullptr) return CaptureVerdict::UnknownSource;
    if (source->monitor) return CaptureVerdict::MonitorSource;
    if (stream.corked) return CaptureVerdict::Corked;
    return CaptureVerdict::Recording;
}

CaptureVerdict CaptureStreams::update_stream(CaptureStreamFacts stream) {
    const std::uint32_t index = stream.index;
    auto& kept = streams_[index] = std::move(stream);
    return judge(kept);
}

void CaptureStreams::clear() {
    sources_.clear();
    streams_.clear();
}

// Judged on every question rather than once per update: a source's facts may
// arrive after its stream's (or change), and the verdict follows them.
bool CaptureStreams::holds() const {
    return std::any_of(streams_.begin(), streams_.end(), [this](const auto& entry) {
        return judge(entry.second) == CaptureVerdict::Recording;
    });
}

CaptureVerdict CaptureStreams::judge(const CaptureStreamFacts& stream) const {
    const auto source = sources_.find(stream.source);
    return judge_capture_stream(stream, source == sources_.end() ? nullptr : &source->second,
                                ignore_apps_);
}

}  // namespace walkbreak::daemon
