#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the build into a staging root and checks what systemd and the
# desktop will read: `systemd-analyze --user verify` on the installed unit
# (which also checks that ExecStart names the installed walkbreakd), and
# desktop-file-validate on the autostart entry. verify exits 0 even when it
# complains, so any output at all fails the test.
# Usage: unit_verify.sh BUILD_DIR
set -euo pipefail
build=$1
command -v systemd-analyze >/dev/null || { echo "SKIP: systemd-analyze missing"; exit 77; }

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
prefix="$stage/usr"
# A prefix inside HOME puts the autostart entry in HOME's .config/autostart.
HOME="$stage" cmake --install "$build" --prefix "$prefix" >/dev/null

unit="$prefix/share/systemd/user/walkbreakd.service"
autostart="$stage/.config/autostart/walkbreakd.desktop"
[ -f "$unit" ] || { echo "FAIL: no unit installed at $unit"; exit 1; }
grep -q "^ExecStart=$prefix/bin/walkbreakd$" "$unit" || { echo "FAIL: ExecStart"; cat "$unit"; exit 1; }
[ -x "$prefix/bin/walkbreakd" ] || { echo "FAIL: walkbreakd not installed"; exit 1; }

mkdir -m 0700 "$stage/runtime"
out=$(XDG_RUNTIME_DIR="$stage/runtime" systemd-analyze --user verify --man=no "$unit" 2>&1) || {
  echo "FAIL: systemd-analyze verify exited non-zero"; echo "$out"; exit 1; }
if [ -n "$out" ]; then echo "FAIL: systemd-analyze verify complained:"; echo "$out"; exit 1; fi
echo "unit verified: $unit"

if [ -f "$autostart" ]; then
  if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$autostart"
    echo "autostart entry validated"
  fi
else
  echo "FAIL: no autostart entry at $autostart"; exit 1
fi
