# SPDX-License-Identifier: GPL-3.0-or-later
# walkbreak_warnings: every target of ours links it PRIVATE, so third-party
# headers (included as SYSTEM) stay quiet while our own code is held to it.
add_library(walkbreak_warnings INTERFACE)
target_compile_options(walkbreak_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
# Not -Wnull-dereference: it is computed after inlining, so at -O2 it fires
# inside Boost.Asio's own headers, where no SYSTEM include can silence it.
if(WALKBREAK_WERROR)
  target_compile_options(walkbreak_warnings INTERFACE -Werror)
endif()
if(WALKBREAK_SANITIZE)
  target_compile_options(walkbreak_warnings INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(walkbreak_warnings INTERFACE -fsanitize=address,undefined)
endif()
