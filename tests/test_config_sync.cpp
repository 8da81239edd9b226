// SPDX-License-Identifier: GPL-3.0-or-later
// [sync]: what each key accepts, and what it says when it does not.
#include <string>
#include <catch2/catch.hpp>

#include "config_test_support.hpp"
#include "core/config.hpp"

using namespace walkbreak::core;
using namespace walkbreak::test;
using namespace std::chrono_literals;

namespace {

ConfigParse parse_sync(const std::string& key, const std::string& value) {
    return parse_config("[sync]\n" + key + " = " + value + "\n", "t.toml");
}

}  // namespace

TEST_CASE("sync is off by default", "[config][sync]") {
    const Config c;
    CHECK_FALSE(c.sync.folder.has_value());
    CHECK_FALSE(c.sync.device_name.has_value());
    CHECK(c.sync.settle == 30s);
}

TEST_CASE("sync.folder is absolute or under the home directory", "[config][sync]") {
    SECTION("under ~/, kept as written") {
        const auto r = parse_sync("folder", R"("~/Sync/walkbreak")");
        REQUIRE(r.config.has_value());
        CHECK(r.config->sync.folder == "~/Sync/walkbreak");
    }
    SECTION("absolute") {
        const auto r = parse_sync("folder", R"("/home/ann/Nextcloud/walkbreak")");
        REQUIRE(r.config.has_value());
        CHECK(r.config->sync.folder == "/home/ann/Nextcloud/walkbreak");
    }
    SECTION("relative: it would depend on where walkbreakd was started") {
        check_diagnostics(parse_sync("folder", R"("Sync/walkbreak")").errors,
                          {{2, 10, "sync.folder",
                            R"(expected an absolute folder or one under "~/" like )"
                            R"("~/Sync/walkbreak", got "Sync/walkbreak")"}});
    }
    SECTION("~user is not expanded") {
        CHECK_FALSE(parse_sync("folder", R"("~ann/Sync")").config.has_value());
    }
    SECTION("empty, or not a string") {
        CHECK_FALSE(parse_sync("folder", R"("")").config.has_value());
        check_diagnostics(parse_sync("folder", "true").errors,
                          {{2, 10, "sync.folder",
                            R"(expected a folder like "~/Sync/walkbreak", got a boolean)"}});
    }
}

TEST_CASE("sync.device_name is one short line", "[config][sync]") {
    SECTION("a name") {
        const auto r = parse_sync("device_name", R"("Desk PC")");
        REQUIRE(r.config.has_value());
        CHECK(r.config->sync.device_name == "Desk PC");
    }
    const std::string refused =
        R"(expected a name of 1 to 64 bytes without control characters, like "desk")";
    SECTION("empty") {
        check_diagnostics(parse_sync("device_name", R"("")").errors,
                          {{2, 15, "sync.device_name", refused}});
    }
    SECTION("a line break or an escape would break the table `walkbreak devices` prints") {
        CHECK_FALSE(parse_sync("device_name", R"("desk\nlaptop")").config.has_value());
        CHECK_FALSE(parse_sync("device_name", R"("desk\u001b[31m")").config.has_value());
    }
    SECTION("too long") {
        CHECK_FALSE(parse_sync("device_name", '"' + std::string(65, 'a') + '"').config.has_value());
        CHECK(parse_sync("device_name", '"' + std::string(64, 'a') + '"').config.has_value());
    }
}

TEST_CASE("sync.settle is a duration of at most ten minutes", "[config][sync]") {
    SECTION("none: decisions never wait") {
        const auto r = parse_sync("settle", R"("0s")");
        REQUIRE(r.config.has_value());
        CHECK(r.config->sync.settle == 0s);
        CHECK(r.warnings.empty());
    }
    SECTION("long is allowed, with a warning") {
        const auto r = parse_sync("settle", R"("5m")");
        REQUIRE(r.config.has_value());
        REQUIRE(r.warnings.size() == 1);
        CHECK(r.warnings[0].key == "sync.settle");
    }
    SECTION("longer than ten minutes is refused") {
        CHECK_FALSE(parse_sync("settle", R"("11m")").config.has_value());
    }
}

TEST_CASE("[sync] round-trips through format_config", "[config][sync]") {
    Config c;
    c.sync.folder = "~/Sync/walkbreak";
    c.sync.device_name = "laptop";
    c.sync.settle = 45s;
    const auto r = parse_config(format_config(c), "formatted.toml");
    REQUIRE(r.config.has_value());
    CHECK(r.config->sync == c.sync);
    const auto unset = parse_config(format_config(Config{}), "formatted.toml");
    REQUIRE(unset.config.has_value());
    CHECK(unset.config->sync == Config{}.sync);
}
