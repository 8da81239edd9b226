# SPDX-License-Identifier: GPL-3.0-or-later
# Every dependency is a Debian 12 package (scripts/install-deps names them).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(fmt 9 REQUIRED)

# fmt and toml++ are compiled into the programs (fmt once, in walkbreak_fmt:
# core/fmt_compiled.cpp; toml++ from its headers, without the flags pointing
# at Debian's shared build, in the three files that parse the config). Each shared C++ library costs every
# `walkbreak` run about 0.25 ms to map and relocate, and in walkbreakd holds
# pages no other process shares (docs/BENCHMARKS.md).
set_target_properties(PkgConfig::TOMLPP PROPERTIES
  INTERFACE_COMPILE_OPTIONS ""
  INTERFACE_COMPILE_DEFINITIONS TOML_HEADER_ONLY=1
  INTERFACE_LINK_LIBRARIES ""
  INTERFACE_LINK_OPTIONS "")
find_package(CLI11 REQUIRED)

if(WALKBREAK_BUILD_DAEMON)
  find_package(Boost 1.74 REQUIRED)
  pkg_check_modules(LIBNOTIFY REQUIRED IMPORTED_TARGET libnotify)
  # GSettings, for GNOME Shell's do-not-disturb (libnotify needs GIO anyway).
  pkg_check_modules(GIO REQUIRED IMPORTED_TARGET gio-2.0)
  pkg_check_modules(LIBSYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
  pkg_check_modules(X11 REQUIRED IMPORTED_TARGET x11 xext xscrnsaver)
  # The microphone meeting signal: PulseAudio's client API, which PipeWire's
  # pulse server speaks too.
  pkg_check_modules(LIBPULSE REQUIRED IMPORTED_TARGET libpulse)
  # Wayland idle backends; wayland-server only for the test compositor.
  pkg_check_modules(WAYLAND_CLIENT REQUIRED IMPORTED_TARGET wayland-client)
  pkg_check_modules(WAYLAND_SERVER REQUIRED IMPORTED_TARGET wayland-server)
  find_program(WAYLAND_SCANNER wayland-scanner REQUIRED)
  find_package(PlasmaWaylandProtocols REQUIRED)  # PLASMA_WAYLAND_PROTOCOLS_DIR/idle.xml
endif()

if(WALKBREAK_BUILD_TESTS)
  find_package(Catch2 2.13 REQUIRED)
  include(Catch)
endif()

# ccache, when present, makes rebuilds of several build trees cheap.
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
endif()
