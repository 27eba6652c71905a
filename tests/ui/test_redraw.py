"""What an Enter sends to the terminal: the new idea and the capture line, not the screen.

Over a slow SSH link every byte redrawn is a delay; a whole-screen repaint on each idea
(about 10 KB at 80x24) once came from the App's session being a repainting reactive."""

from __future__ import annotations

import re
import sys
import time

import pytest

from tests.ui.test_survive import start_demo

# A move of the cursor followed by something drawn (Textual parks the cursor after a frame).
CURSOR_MOVE = re.compile(rb"\x1b\[(\d+);(\d+)H(?!\x1b\[\d+;\d+H|$)")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_an_idea_redraws_the_log_and_the_capture_line_only(tmp_path):
    terminal = start_demo(tmp_path / "peertui.json")
    try:
        for n in range(14):  # more ideas than the log has rows: it scrolls from now on
            terminal.send(f"idea{n:02d}")
            terminal.send("\r")
        terminal.wait_for("idea13")
        terminal.send("last one")
        time.sleep(0.3)
        before = terminal.size
        terminal.send("\r")
        terminal.wait_for("last one", after=before)
        time.sleep(0.3)
        sent = bytes(terminal.output[before:])
    finally:
        terminal.stop()
    rows = {int(row) for row, _ in CURSOR_MOVE.findall(sent)}
    # 80x24: the top bar and the step's title, speakers and rules are rows 1 to 5; the
    # clock (row 6) may tick meanwhile. The speakers' column starts each row at column 1.
    assert not rows & {1, 2, 3, 4, 5}, sorted(rows)
    speakers = {int(row) for row, column in CURSOR_MOVE.findall(sent) if column == b"1"}
    assert not speakers & set(range(9, 21)), sorted(speakers)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_an_idle_second_redraws_the_clock_line_only(tmp_path):
    terminal = start_demo(tmp_path / "peertui.json")
    try:
        time.sleep(1.5)  # the session screen settles
        before = terminal.size
        time.sleep(2.2)  # two ticks of the clock
        sent = bytes(terminal.output[before:])
    finally:
        terminal.stop()
    rows = {int(row) for row, _ in CURSOR_MOVE.findall(sent)}
    assert rows and rows <= {6, 7}, sorted(rows)  # the countdown, the speaker's time, the budget
    assert len(sent) < 400, len(sent)
