// SPDX-License-Identifier: GPL-3.0-or-later
#include "daemon/meeting_dnd.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "daemon/c_callback.hpp"
#include "daemon/gnome_show_banners.hpp"
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
// In the order asked: dunst also owns org.freedesktop.Notifications. A
// server's own property comes first, as the server's own word; GNOME Shell
// has neither and is asked last, for its name.
constexpr std::array ways{
    DndWay{dunst_interface, "paused", "dunst"},
    DndWay{server_name, "Inhibited", "freedesktop-inhibited"},
};
constexpr std::size_t show_banners_way = ways.size();
constexpr std::size_t no_way = show_banners_way + 1;
constexpr std::string_view show_banners_backend = "gnome-show-banners";

// The servers whose do-not-disturb is GSettings' show-banners (false), by
// the name GetServerInformation gives: GNOME Shell's own switch, which only
// holds back what GNOME Shell shows. Not "a GNOME desktop" by
// XDG_CURRENT_DESKTOP: Budgie and other desktops put GNOME in it too while
// their notification servers ignore the key, and the daemon's environment
// (a systemd user unit) may not carry it at all.
constexpr std::array<std::string_view, 1> show_banners_servers{"gnome-shell"};

// What GetServerInformation says.
struct ServerIdentity {
    std::string name;  // empty when the server did not say
    std::string version;

    std::string describe() const {
        if (name.empty()) return "the notification server";
        return fmt::format("the notification server ({} {})", name, version);
    }
    bool keeps_show_banners() const {
        return std::find(show_banners_servers.begin(), show_banners_servers.end(), name) !=
               show_banners_servers.end();
    }
};

// From a reply to GetServerInformation (or an error: nothing said).
ServerIdentity read_identity(sd_bus_message* reply) {
    const char* name = nullptr;
    const char* vendor = nullptr;
    const char* version = nullptr;
    if (sd_bus_message_is_method_error(reply, nullptr) != 0 ||
        sd_bus_message_read(reply, "sss", &name, &vendor, &version) < 0)
        return {};
    return {name, version};
}

std::string why_not_show_banners(const ServerIdentity& server, const std::string& reason) {
    return fmt::format("{} keeps its do-not-disturb in GSettings, but {}", server.describe(),
                       reason);
}

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

ServerIdentity ask_identity_blocking(sd_bus* bus) {
    SdBusError error;
    sd_bus_message* reply = nullptr;
    ServerIdentity identity;
    if (sd_bus_call_method(bus, server_name, server_path, server_name, "GetServerInformation",
                           &error.e, &reply, nullptr) >= 0)
        identity = read_identity(reply);
    sd_bus_message_unref(reply);
    return identity;
}

class DndSource final : public MeetingSource {
public:
    DndSource(boost::asio::io_context& io, SdBusPtr bus, MeetingSourceCallbacks callbacks,
              Logger& log)
        : io_(io),
          log_(log),
          reporter_(io, core::MeetingSignal::DoNotDisturb, std::move(callbacks), log),
          bus_(std::move(bus)),
          loop_(io, [this](int error) noexcept { report_lost(error); }) {}

    ~DndSource() override { loop_.stop(); }  // the slots go next, then the bus

    core::MeetingSignal signal() const override { return reporter_.signal(); }
    // "none" only after a server without do-not-disturb took over.
    std::string_view backend() const override {
        if (way_ < ways.size()) return ways[way_].backend;
        return way_ == show_banners_way ? show_banners_backend : "none";
    }
    bool holds() const override { return reporter_.holds(); }
    std::string detail() const override {
        if (server_running_) return {};
        return "no notification server is running now; the one that starts is watched";
    }

    // At open with no server on the bus yet (dunst is D-Bus activated by the
    // first notification, often walkbreakd's own): its coming is watched,
    // and its way asked then.
    core::Outcome start_without_server() {
        if (auto watched = watch_server(); !watched) return watched;
        server_running_ = false;
        reporter_.start(false);
        loop_.attach(bus_.get());
        return core::success();
    }

    // At open, with the way the server offers and its value then: watches,
    // and asks once more from the loop, so that a change made between that
    // answer and the matches is not missed, nor applied out of order.
    core::Outcome start(std::size_t way, bool holds) {
        if (auto watched = watch_server(); !watched) return watched;
        way_ = way;
        reporter_.start(holds);
        ask(way_);
        loop_.attach(bus_.get());
        return core::success();
    }

    // At open, for a server that keeps its do-not-disturb in show-banners:
    // the same, once the key is watched (an error says why it cannot be).
    core::Outcome start_show_banners(const ServerIdentity& server) {
        if (auto opened = open_show_banners(); !opened)
            return core::Error{why_not_show_banners(server, opened.error())};
        if (auto watched = watch_server(); !watched) return watched;
        way_ = show_banners_way;
        reporter_.start(!banners_->show_banners());
        ask(0);
        loop_.attach(bus_.get());
        return core::success();
    }

private:
    // PropertiesChanged from the server, and its owner.
    core::Outcome watch_server() {
        auto changed =
            watch_signal(bus_.get(), server_name, server_path, properties_interface,
                         "PropertiesChanged", sd_bus_handler<&DndSource::on_properties>, this);
        if (!changed) return core::Error{changed.error()};
        auto owner =
            watch_name_owner(bus_.get(), server_name, sd_bus_handler<&DndSource::on_owner>, this);
        if (!owner) return core::Error{owner.error()};
        changed_match_ = std::move(changed).value();
        owner_match_ = std::move(owner).value();
        return core::success();
    }

    // Asks the server for ways[way] asynchronously; on_reply tries the ways
    // after it when the server has not that one, and then who it is.
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
        if (asking_ + 1 < ways.size()) {
            ask(asking_ + 1);
            return;
        }
        ask_identity();
    }

    void ask_identity() {
        sd_bus_slot* slot = nullptr;
        const int r = sd_bus_call_method_async(bus_.get(), &slot, server_name, server_path,
                                               server_name, "GetServerInformation",
                                               sd_bus_handler<&DndSource::on_identity>, this, "");
        call_.reset(slot);
        if (r < 0)
            log_.warning("meeting", "do-not-disturb: cannot ask the notification server ({})",
                         std::strerror(-r));
    }

    void on_identity(sd_bus_message* m) noexcept {
        call_.reset();
        const ServerIdentity server = read_identity(m);
        if (server.keeps_show_banners()) {
            use_show_banners(server);
            return;
        }
        if (way_ != no_way)
            log_.info("meeting",
                      "do-not-disturb: {} offers none to watch (dunst's paused, the Inhibited "
                      "property, GNOME Shell's show-banners)",
                      server.describe());
        use_none();
    }

    void use(std::size_t way, bool holds) {
        if (way != way_) log_.info("meeting", "do-not-disturb: watching {}", ways[way].backend);
        banners_.reset();  // a server with a property of its own is not GNOME Shell
        way_ = way;
        reporter_.set(holds);
    }

    void use_show_banners(const ServerIdentity& server) {
        if (!banners_) {
            if (auto opened = open_show_banners(); !opened) {
                if (way_ != no_way)
                    log_.info("meeting", "do-not-disturb: {}",
                              why_not_show_banners(server, opened.error()));
                use_none();
                return;
            }
        }
        if (way_ != show_banners_way)
            log_.info("meeting", "do-not-disturb: watching {}", show_banners_backend);
        way_ = show_banners_way;
        reporter_.set(!banners_->show_banners());
    }

    void use_none() {
        banners_.reset();
        way_ = no_way;
        reporter_.set(false);
    }

    core::Outcome open_show_banners() {
        auto opened = GnomeShowBanners::open(
            io_, [this](bool show_banners) noexcept { on_show_banners(show_banners); });
        if (!opened) return core::Error{opened.error()};
        banners_ = std::move(opened).value();
        return core::success();
    }

    void on_show_banners(bool show_banners) noexcept {
        if (way_ == show_banners_way) reporter_.set(!show_banners);
    }

    void on_properties(sd_bus_message* m) noexcept {
        const char* interface = nullptr;
        if (sd_bus_message_read(m, "s", &interface) < 0) return;
        for (std::size_t way = 0; way < ways.size(); ++way) {
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
        server_running_ = *present;
        if (!*present) {
            log_.info("meeting", "do-not-disturb: the notification server left the session bus");
            banners_.reset();  // GNOME Shell's key means nothing without GNOME Shell
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
        banners_.reset();
        reporter_.set(false);
    }

    boost::asio::io_context& io_;
    Logger& log_;
    MeetingReporter reporter_;
    SdBusPtr bus_;  // declared before everything that refers to it: destroyed last
    SdBusLoop loop_;
    SdBusSlotPtr changed_match_;
    SdBusSlotPtr owner_match_;
    SdBusSlotPtr call_;          // the Get or GetServerInformation in flight
    std::size_t asking_{0};      // the way a Get in call_ asks for
    std::size_t way_{no_way};    // the way of the server now
    bool server_running_{true};  // someone owns org.freedesktop.Notifications
    // While the server is GNOME Shell: its key, watched on a GLib context of
    // its own (declared last: gone, with that context, before the bus).
    std::unique_ptr<GnomeShowBanners> banners_;
};

}  // namespace

core::Result<std::unique_ptr<MeetingSource>> open_dnd_source(boost::asio::io_context& io,
                                                             const MeetingSourceOptions&,
                                                             MeetingSourceCallbacks callbacks,
                                                             Logger& log) {
    auto bus = open_session_bus(call_timeout_usec);
    if (!bus) return core::Error{bus.error()};
    sd_bus* raw = bus->get();
    if (auto owned = require_name_owner(raw, server_name); !owned) {
        log.debug("meeting", "do-not-disturb: no notification server yet ({})", owned.error());
        auto source =
            std::make_unique<DndSource>(io, std::move(bus).value(), std::move(callbacks), log);
        if (auto started = source->start_without_server(); !started)
            return core::Error{started.error()};
        return std::unique_ptr<MeetingSource>{std::move(source)};
    }
    for (std::size_t way = 0; way < ways.size(); ++way) {
        const std::optional<bool> holds = ask_blocking(raw, ways[way]);
        if (!holds) continue;
        auto source =
            std::make_unique<DndSource>(io, std::move(bus).value(), std::move(callbacks), log);
        if (auto started = source->start(way, *holds); !started)
            return core::Error{started.error()};
        log.debug("meeting", "do-not-disturb: watching {}", ways[way].backend);
        return std::unique_ptr<MeetingSource>{std::move(source)};
    }
    const ServerIdentity server = ask_identity_blocking(raw);
    if (!server.keeps_show_banners())
        return core::Error{fmt::format(
            "{} offers no do-not-disturb to watch (neither dunst's paused, the Inhibited "
            "property nor GNOME Shell's show-banners)",
            server.describe())};
    auto source =
        std::make_unique<DndSource>(io, std::move(bus).value(), std::move(callbacks), log);
    if (auto started = source->start_show_banners(server); !started)
        return core::Error{started.error()};
    log.debug("meeting", "do-not-disturb: watching {}", show_banners_backend);
    return std::unique_ptr<MeetingSource>{std::move(source)};
}

}  // namespace walkbreak::daemon
