#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Live decisions across two computers end to end (docs/SYNC.md "Live, across
machines"): the desk (A) and the laptop (B), each with its own Xvfb display,
dunst and walkbreakd, each daemon's `[sync] folder` the shared folder of its
own real Syncthing, file-system watcher off, so that news travels only when
the test asks for a scan. The user acts with xdotool on each display. The
daemons write their presence files, Syncthing carries them, the daemons read
them; the test writes nothing into a folder.
 1. The user leaves the desk; the desk's walkbreakd counts the absence as a
    break (its sitting bout closed: without news, the return would be a walk).
    Then they work at the laptop; its "sitting" reaches the desk. They come
    back to the desk straight from the laptop, while the laptop still says
    "sitting", and work there: the desk waits for the laptop's news, the
    laptop's "away since the last input" comes, and the desk decides a move between computers:
    no walk row, today's walk seconds unchanged, no "Welcome back", and the
    sitting carried over from the laptop's sitting_since (the desk's own
    presence and `status` say so).
 2. The control, the same without the laptop's news: the user leaves the
    desk, works at the laptop, whose Syncthing is not asked to scan, and
    comes back. The desk credits a walk from its last input to the return,
    and welcomes them back: scenario 1 could fail.
Every wait follows an event (Syncthing's event stream, a file, the daemon's
database or log, polled with wait_until), or is a lower bound (an absence
long enough to be a break); none is an upper bound that a slow machine could
miss. The one margin: in 1 the step from the laptop's last input to the
desk's input is two xdotool calls, which must take less than walk.min (20 s)
for the move to be a move; that is a margin of tens of times what it takes.
Skips (77) only when Syncthing, a tool of the desktop, or TCP on 127.0.0.1 is
missing.
Usage: test_sync_live.py"""
import os
import re
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from desktop import Desktop, run, wait_until  # noqa: E402
from sync_pair_lib import Computer, carry_presence  # noqa: E402
from syncthing import SharedFolder, require_syncthing  # noqa: E402
from test_walk_records import noon_zone  # noqa: E402

WALK_MIN = 20  # seconds; long against the few the test's own steps take
AWAY_AFTER = 3
# No reminder within two hours; away after 3 s of no input, so that absences
# are cheap; settle long enough for the laptop's news on a loaded machine
# (and when it does not come, the decision is the same: see scenario 1).
CONFIG = f"""
[idle]
away_after = "{AWAY_AFTER}s"
[walk]
min = "{WALK_MIN}s"
credit = "auto"
[reminder]
interval = "2h"
[sync]
folder = "{{folder}}"
device_name = "{{name}}"
settle = "60s"
"""


def sleep_until(t):
    """A lower bound: waits until wall time `t` has passed."""
    while time.time() < t:
        time.sleep(min(0.2, max(0.0, t - time.time())))


def own_presence(c, state, what, unlike=None):
    """Waits until c's own presence file says `state` (and, with `unlike`,
    until its sitting_since differs from that)."""
    def ok():
        p = c.presence(c)
        return p if p and p["state"] == state and \
            (unlike is None or p.get("sitting_since") != unlike) else None
    return wait_until(ok, 10, what)


def bout_closed_at(c, since):
    """Waits until c's walkbreakd has closed a sitting bout at the start of
    the absence that began at `since` (floor seconds, as the presence says):
    the absence has become a break."""
    return wait_until(lambda: c.d.db_rows(
        f"SELECT end_utc FROM sitting_bouts WHERE end_utc BETWEEN {since - 1} AND {since + 1}"),
        WALK_MIN, "the absence to become a break")


def read_in_log(c, writer, state, since):
    """Waits until c's walkbreakd has logged reading `writer`'s presence
    as `state` since `since` (sync_reader's debug line)."""
    pattern = re.compile(re.escape(f"{writer.name}.{writer.id}.presence: {state} since {since}"))
    return wait_until(lambda: pattern.search(c.d.daemon_log_text()), 10,
                      f"{c.name}'s walkbreakd to read the {writer.name}'s {state}")


def sync_live():
    require_syncthing()
    root = tempfile.mkdtemp(prefix="walkbreak-sync-live-")
    zone, _ = noon_zone()  # the walks lie on today
    started = time.monotonic()
    try:
        with SharedFolder(root) as shared, \
                Desktop("", name="live-desk") as desk_desktop, \
                Desktop("", name="live-laptop") as laptop_desktop:
            desk = Computer(desk_desktop, shared.a, "desk")
            laptop = Computer(laptop_desktop, shared.b, "laptop")
            desk.start(zone, CONFIG)
            laptop.start(zone, CONFIG)

            # The user at the desk; then nobody at either. The laptop has had
            # no input since its walkbreakd started.
            # A little while at the desk, so that the absence closes a sitting
            # bout of some length.
            with desk.d.at_keyboard():
                time.sleep(2)  # the length of the bout, not a wait for anything
            left_desk = own_presence(desk, "away", "the desk's presence to say away")
            laptop_away = own_presence(laptop, "away", "the laptop's presence to say away")
            for c in (desk, laptop):
                wait_until(lambda c=c: c.d.status()["state"] == "away", 10, f"{c.name} away")
            desk_sat_from = left_desk["sitting_since"]

            # 1. The absence at the desk becomes a break: without the laptop's
            # news the return would now be a walk.
            bout_closed_at(desk, left_desk["since"])
            # The laptop's own absence a break as well, so that its sitting
            # begins at the user's arrival there and is told apart from the
            # desk's own sitting (which began before the absence).
            sleep_until(laptop_away["since"] + 1 + WALK_MIN + 1)
            assert desk.d.db_rows("SELECT COUNT(*) FROM walks") == [(0,)]
            shown_before = len(desk.d.shown())

            at_laptop = time.time()
            with laptop.d.at_keyboard():
                sitting = own_presence(laptop, "sitting", "the laptop's presence to say sitting")
                assert sitting["since"] >= int(at_laptop) - 1, (sitting, at_laptop)
                assert abs(sitting["sitting_since"] - sitting["since"]) <= 1, sitting
                carry_presence(shared, laptop, desk, "the laptop's sitting on the desk")
                read_in_log(desk, laptop, "sitting", sitting["since"])
                # Sitting there long enough that a carried-over sitting is
                # told apart from one that begins on the return.
                sleep_until(sitting["since"] + 5)
            # Straight back to the desk: the laptop still says sitting. The
            # user stays at the desk while its decision waits for the news:
            # a single touch would go idle again after idle.away_after, which
            # decides at once with what is known (the laptop still "there").
            back = time.time()
            with desk.d.at_keyboard():
                # The laptop's news: away since its last input, which reaches
                # the desk and decides there.
                gone = own_presence(laptop, "away", "the laptop's presence to say away again")
                assert abs(gone["sitting_since"] - sitting["sitting_since"]) <= 1, gone  # as below
                assert gone["since"] >= sitting["since"] and gone["since"] <= back, (gone, back)
                carry_presence(shared, laptop, desk, "the laptop's away on the desk")
                read_in_log(desk, laptop, "away", gone["since"])
                decided = own_presence(desk, "sitting", "the desk's decision on the return",
                                       unlike=desk_sat_from)
                # The sitting carried over from the laptop, not begun on return
                # (to the second: the desk holds it on its boot clock, and the
                # wall and boot clocks are read a moment apart, so a busy
                # machine can floor it one second lower).
                assert abs(decided["sitting_since"] - sitting["sitting_since"]) <= 1, \
                    (decided, sitting)
                assert decided["sitting_since"] < int(back) - 3, (decided, back)
                status = desk.d.status()
                assert status["state"] == "sitting", status
                assert status["sitting_seconds"] >= time.time() - decided["sitting_since"] - 2, \
                    status
                assert desk.d.db_rows("SELECT COUNT(*) FROM walks") == [(0,)], \
                    desk.d.db_rows("SELECT * FROM walks")
                assert desk.walk_seconds() == 0
                assert status["today_walk_seconds"] == 0, status
                assert not [n for n in desk.d.shown()[shown_before:] if "Welcome back" in n[2]], \
                    desk.d.shown()
                assert "walk credited" not in desk.d.daemon_log_text()
                time.sleep(2)  # at the desk a while: a bout for scenario 2 to close

            # 2. The same without the laptop's news: its Syncthing does not
            # scan, so the desk still has the laptop's "away" from before the
            # absence, which says nothing about it.
            left_again = own_presence(desk, "away", "the desk's presence to say away again")
            assert left_again["since"] >= int(back), (left_again, back)
            bout_closed_at(desk, left_again["since"])
            with laptop.d.at_keyboard():
                unsent = own_presence(laptop, "sitting", "the laptop's presence to say sitting")
                assert unsent["since"] > left_again["since"], (unsent, left_again)
                sleep_until(unsent["since"] + 2)
            before_return = time.time()
            desk.d.move_pointer()
            walk = wait_until(lambda: desk.d.db_rows("SELECT start_utc, end_utc, how FROM walks"),
                              10, "the desk to credit a walk")
            assert desk.presence(laptop) == gone, "the laptop's news reached the desk"
            [(start, end, how)] = walk
            assert how == "auto", how
            # From the last input at the desk (its idle clock, floor
            # seconds) to the return the desk noticed.
            assert abs(start - left_again["since"]) <= 1, (start, left_again)
            assert end >= int(before_return) - 1 and end - start >= WALK_MIN, (start, end)
            desk.d.wait_shown("Welcome back", after=shown_before)
            wait_until(lambda: desk.walk_seconds() == end - start, 10,
                       "the walk in today's total")
            fresh = own_presence(desk, "sitting", "the desk's sitting after the walk",
                                 unlike=decided["sitting_since"])
            assert fresh["sitting_since"] >= int(before_return) - 1, (fresh, before_return)

            for c in (desk, laptop):
                assert c.d.stop_daemon() == 0, c.name
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"live decisions across two walkbreakd: {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    run(sync_live)
