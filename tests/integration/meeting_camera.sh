#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The camera meeting signal (inotify) on nodes of the test's own, in a
# directory that camera_devices points at: no node at the start is watched
# for one; a node open at the start holds;
# an open holds and its close ends; two openers and one closing still hold;
# a node plugged in after the start is watched; one removed while open ends
# its count; nothing wakes the source while nothing changes; SIGTERM exits.
# Each opener is a process holding the node open on its standard input.
# usage: meeting_camera.sh DIR-WITH-run_meeting
set -u
. "$(dirname "$0")/lib.sh"
bin=${1:?usage: meeting_camera.sh DIR-WITH-run_meeting}
cams="$WORK/dev"
mkdir "$cams"
LOGS="$WORK/list.out $WORK/meeting.out $WORK/meeting.err"

logged_times() { [ "$(grep -c "$1" "$WORK/meeting.err")" -ge "$2" ]; }
# hold NODE: a process with NODE open; its pid in HOLDER.
hold() {
    sleep 1000 < "$1" &
    HOLDER=$!
    track "$HOLDER"
}
release() {
    kill "$1"
    wait "$1" 2>/dev/null
    untrack "$1"
}
# open_and_close NODE N WHAT: an open of NODE is the Nth "holds", its close
# the Nth "ends".
open_and_close() {
    hold "$1"
    wait_for 2 reported holds "$2" || fail "$3: the open was not reported"
    release "$HOLDER"
    wait_for 2 reported ends "$2" || fail "$3: the close was not reported"
}

"$bin/run_meeting" --list --camera-devices "$cams/video*" > "$WORK/list.out" 2>&1
grep -q "^camera available (inotify): no camera device matches $cams/video\* now; one plugged in is watched$" \
    "$WORK/list.out" || fail "no matching node was not explained"
pass "no node: \"$(grep ^camera "$WORK/list.out")\""
"$bin/run_meeting" --list --camera-devices "$WORK/*/video*" > "$WORK/list.out" 2>&1
grep -q "^camera not available: .*only the last component .* may hold wildcards$" \
    "$WORK/list.out" || fail "a wildcard in the directory was not refused"
pass "a wildcard in the directory: refused"

# No camera at the start (a laptop before its USB camera is plugged in): the
# directory is watched, and the first node is watched when it comes.
start_meeting "$bin" camera inotify --camera-devices "$cams/video*"
meeting_logged "camera: no camera device matches" || fail "no camera at the start was not logged"
: > "$cams/video0"
wait_for 2 meeting_logged "watching $cams/video0$" || fail "the first node plugged in was not watched"
open_and_close "$cams/video0" 1 "the first node plugged in"
pass "no camera at the start, then one plugged in: holds when opened, ends when closed"
exits_on_sigterm "$MEETING" "$WORK/meeting.out"

# Open before the source starts: inotify cannot tell, /proc does.
hold "$cams/video0"
first=$HOLDER
wait_for 2 test -e "/proc/$first/fd/0" || fail "the first opener did not start"
start_meeting "$bin" camera inotify --camera-devices "$cams/video*"
wait_for 2 reported holds 1 || fail "a node open at the start was not reported"
pass "open at the start: holds"
release "$first"
wait_for 2 reported ends 1 || fail "the close of a node open at the start was not reported"
pass "its close: ends"

# No polling: nothing changes, nothing should wake the process.
woke=$(wakeups_in 2 "$MEETING")
[ "$woke" -le 1 ] || fail "$woke wake-ups in 2 s of stillness"
pass "$woke wake-ups in 2 s of stillness"

# Two openers, one closing: still held; the second closing ends it.
hold "$cams/video0"
first=$HOLDER
wait_for 2 reported holds 2 || fail "an open was not reported"
hold "$cams/video0"
second=$HOLDER
wait_for 2 meeting_logged "video0 opened (2 open)" || fail "the second open was not seen"
release "$first"
wait_for 2 meeting_logged "video0 closed (1 open)" || fail "the first close was not seen"
# A third opener: once its open is seen, whatever the close changed is printed.
hold "$cams/video0"
third=$HOLDER
wait_for 2 logged_times "video0 opened (2 open)" 2 ||
    fail "the third open was not seen"
[ "$(meeting_lines ends)" -eq 1 ] && [ "$(meeting_lines holds)" -eq 2 ] ||
    fail "one of two openers closing ended the meeting"
pass "two openers, one closed: still holds"
release "$second"
release "$third"
wait_for 2 reported ends 2 || fail "the last close was not reported"
pass "the last one closed: ends"

# Hot-plug: a node made after the start is watched; removed while open, it ends.
: > "$cams/video1"
wait_for 2 meeting_logged "watching $cams/video1$" || fail "a new node was not watched"
hold "$cams/video1"
plugged=$HOLDER
wait_for 2 reported holds 3 || fail "an open of the new node was not reported"
pass "a node plugged in after the start: holds when opened"
rm "$cams/video1"
wait_for 2 reported ends 3 || fail "a node removed while open still holds"
pass "the node removed while open: ends"
release "$plugged"
open_and_close "$cams/video0" 4 "the remaining node"
pass "the other node is still watched"

exits_on_sigterm "$MEETING" "$WORK/meeting.out"
pass "SIGTERM: clean exit"

# A glob over symlinks to the nodes, as /dev/v4l/by-id/* is: what is open is
# counted through the links (/proc names the nodes themselves).
mkdir "$WORK/by-id"
ln -s ../dev/video0 "$WORK/by-id/usb-camera-video-index0"
hold "$cams/video0"
first=$HOLDER
wait_for 2 test -e "/proc/$first/fd/0" || fail "the opener did not start"
start_meeting "$bin" camera inotify --camera-devices "$WORK/by-id/*"
wait_for 2 reported holds 1 || fail "a node open at the start, seen through a link, was not reported"
hold "$cams/video0"
second=$HOLDER
wait_for 2 meeting_logged "usb-camera-video-index0 opened (2 open)" ||
    fail "an open through the link was not seen"
release "$first"
wait_for 2 meeting_logged "usb-camera-video-index0 closed (1 open)" ||
    fail "a close through the link was not counted again from /proc"
release "$second"
wait_for 2 reported ends 1 || fail "the last close through the link was not reported"
pass "a glob over symlinks: counted through the links"
exits_on_sigterm "$MEETING" "$WORK/meeting.out"
