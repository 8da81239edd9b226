// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/meeting_dnd.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "daemon/c_callback.hpp"
#include "daemon/meeting_reporter.hpp"
#include "daemon/sd_bus_loop.hpp"
#include "daemon/sd_bus_ptr.hpp"
#include "daemon/sd_bus_watch.hpp"

namespace walkbreak::daemon {
namespace {

constexpr const char* server_name = "org.freedesktop.Notifications";
constexpr const char* server_path = "/org/freedesktop/Notifications";
constexpr const char* properties_interface = "org.freedesktop.DBus.Properties";
constexpr const char* dunst_interface = "org.dunstproject.cmd0";
// Bounds the blocking calls made at open, and every call's wait for a reply.
constexpr std::uint64_t call_timeout_usec = 5'000'000;

// A server's way of saying "do not disturb": a boolean property.
struct DndWay {
    const char* interface;
    const char* property;
    std::string_view backend;
};
// In the order asked: dunst also owns org.freedesktop.Notifications.
constexpr std::array ways{
    DndWay{dunst_interface, "paused", "dunst"},
    DndWay{server_name, "Inhibited", "freedesktop-inhibited"},
};
constexpr std::size_t no_way = ways.size();

std::optional<bool> read_boolean_variant(sd_bus_message* m) {
    int value = 0;
    if (sd_bus_message_read(m, "v", "b", &value) < 0) return std::nullopt;
    return value != 0;
}

// From PropertiesChanged(s interface, a{sv} changed, as invalidated), past
// the interface: the value of `property` if it is among the changed ones.
std::optional<bool> changed_boolean(sd_bus_message* m, const char* property) {
    if (sd_bus_message_enter_container(m, SD_BUS_TYPE_ARRAY, "{sv}") < 0) return std::nullopt;
    while (sd_bus_message_enter_container(m, SD_BUS_TYPE_DICT_ENTRY, "sv") > 0) {
        const char* name = nullptr;
        if (sd_bus_message_read(m, "s", &name) < 0) return std::nullopt;
        if (std::strcmp(name, property) == 0) return read_boolean_variant(m);
        if (sd_bus_message_skip(m, "v") < 0 || sd_bus_message_exit_container(m) < 0)
            return std::nullopt;
    }
    return std::nullopt;
}

// What the server answers now for `way`: its value, or none when it has no
// such property (or does not answer).
std::optional<bool> ask_blocking(sd_bus* bus, const DndWay& way) {
    SdBusError error;
    sd_bus_message* reply = nullptr;
    std::optional<bool> value;
    if (sd_bus_get_property(bus, server_name, server_path, way.interface, way.property, &error.e,
                            &reply, "b") >= 0) {
        int b = 0;
        if (sd_bus_message_read(reply, "b", &b) >= 0) value = b != 0;
    }
    sd_bus_message_unref(reply);
    return value;
}

// "dunst 1.9.0", or a plain description when the server does not say.
std::string server_identity(sd_bus* bus) {
    SdBusError error;
    sd_bus_message* reply = nullptr;
    std::string identity = "the notification server";
    const char* name = nullptr;
    const char* vendor = nullptr;
    const char* version = nullptr;
    if (sd_bus_call_method(bus, server_name, server_path, server_name, "GetServerInformation",
                           &error.e, &reply, nullptr) >= 0 &&
        sd_bus_message_read(reply, "sss", &name, &vendor, &version) >= 0)
        identity = fmt::format("the notification server ({} {})", name, version);
    sd_bus_message_unref(reply);
    return identity;
}

class DndSource final : public MeetingSource {
public:
    DndSource(boost::asio::io_context& io, SdBusPtr bus, MeetingSourceCallbacks callbacks,
              Logger& log)
        : log_(log),
          reporter_(io, core::MeetingSignal::DoNotDisturb, std::move(callbacks), log),
          bus_(std::move(bus)),
          loop_(io, [this](int error) noexcept { report_lost(error); }) {}

    ~DndSource() override { loop_.stop(); }  // the slots go next, then the bus

    core::MeetingSignal signal() const override { return reporter_.signal(); }
    // "none" only after a server without do-not-disturb took over.
    std::string_view backend() const override {
        return way_ < no_way ? ways[way_].backend : "none";
    }
    bool holds() const override { return reporter_.holds(); }

    // At open, with the way the server offers and its value then: watches,
    // and asks once more from the loop, so that a change made between that
    // answer and the matches is not missed, nor applied out of order.
    core::Outcome start(std::size_t way, bool holds) {
        auto changed =
            watch_signal(bus_.get(), server_name, server_path, properties_interface,
                         "PropertiesChanged", sd_bus_handler<&DndSource::on_properties>, this);
        if (!changed) return core::Error{changed.error()};
        auto owner =
            watch_name_owner(bus_.get(), server_name, sd_bus_handler<&DndSource::on_owner>, this);
        if (!owner) return core::Error{owner.error()};
        changed_match_ = std::move(changed).value();
        owner_match_ = std::move(owner).value();
        way_ = way;
        reporter_.start(holds);
        ask(way_);
        loop_.attach(bus_.get());
        return core::success();
    }

private:
    // Asks the server for ways[way] asynchronously; on_reply tries the ways
    // after it when the server has not that one.
    void ask(std::size_t way) {
        asking_ = way;
        sd_bus_slot* slot = nullptr;
        const int r = sd_bus_call_method_async(bus_.get(), &slot, server_name, server_path,
                                               properties_interface, "Get",
                                               sd_bus_handler<&DndSource::on_reply>, this, "ss",
                                               ways[way].interface, ways[way].property);
        call_.reset(slot);
        if (r < 0)
            log_.warning("meeting", "do-not-disturb: cannot ask the notification server ({})",
                         std::strerror(-r));
    }

    void on_reply(sd_bus_message* m) noexcept {
        call_.reset();
        int value = 0;
        if (sd_bus_message_is_method_error(m, nullptr) == 0 &&
            sd_bus_message_read(m, "v", "b", &value) >= 0) {
            use(asking_, value != 0);
            return;
        }
        if (asking_ + 1 < no_way) {
            ask(asking_ + 1);
            return;
        }
        if (way_ != no_way)
            log_.info("meeting",
                      "do-not-disturb: the notification server offers none to watch "
                      "(dunst's paused, the Inhibited property)");
        way_ = no_way;
        reporter_.set(false);
    }

    void use(std::size_t way, bool holds) {
        if (way != way_) log_.info("meeting", "do-not-disturb: watching {}", ways[way].backend);
        way_ = way;
        reporter_.set(holds);
    }

    void on_properties(sd_bus_message* m) noexcept {
        const char* interface = nullptr;
        if (sd_bus_message_read(m, "s", &interface) < 0) return;
        for (std::size_t way = 0; way < no_way; ++way) {
            if (std::strcmp(interface, ways[way].interface) != 0) continue;
            if (const std::optional<bool> value = changed_boolean(m, ways[way].property))
                use(way, *value);
            return;
        }
    }

    void on_owner(sd_bus_message* m) noexcept {
        const std::optional<bool> present = name_has_new_owner(m);
        if (!present) return;
        call_.reset();  // a reply from the old owner no longer matters
        if (!*present) {
            log_.info("meeting", "do-not-disturb: the notification server left the session bus");
            reporter_.set(false);
            return;
        }
        log_.info("meeting", "do-not-disturb: a notification server is on the session bus");
        ask(0);
    }

    // The last thing SdBusLoop does.
    void report_lost(int error) {
        log_.warning("meeting", "do-not-disturb: lost the session bus ({}); not watching",
                     std::strerror(-error));
        call_.reset();
        reporter_.set(false);
    }

    Logger& log_;
    MeetingReporter reporter_;
    SdBusPtr bus_;  // declared before everything that refers to it: destroyed last
    SdBusLoop loop_;
    SdBusSlotPtr changed_match_;
    SdBusSlotPtr owner_match_;
    SdBusSlotPtr call_;        // the Get in flight
    std::size_t asking_{0};    // the way call_ asks for
    std::size_t way_{no_way};  // the way of the server now
};

}  // namespace

core::Result<std::unique_ptr<MeetingSource>> open_dnd_source(boost::asio::io_context& io,
                                                             const MeetingSourceOptions&,
                                                             MeetingSourceCallbacks callbacks,
                                                             Logger& log) {
    auto bus = open_session_bus(call_timeout_usec);
    if (!bus) return core::Error{bus.error()};
    sd_bus* raw = bus->get();
    if (auto owned = require_name_owner(raw, server_name); !owned)
        return core::Error{fmt::format("no notification server is running ({})", owned.error())};
    for (std::size_t way = 0; way < no_way; ++way) {
        const std::optional<bool> holds = ask_blocking(raw, ways[way]);
        if (!holds) continue;
        auto source =
            std::make_unique<DndSource>(io, std::move(bus).value(), std::move(callbacks), log);
        if (auto started = source->start(way, *holds); !started)
            return core::Error{started.error()};
        log.debug("meeting", "do-not-disturb: watching {}", ways[way].backend);
        return std::unique_ptr<MeetingSource>{std::move(source)};
    }
    return core::Error{fmt::format(
        "{} offers no do-not-disturb to watch (neither dunst's paused nor the Inhibited property)",
        server_identity(raw))};
}

}  // namespace walkbreak::daemon
