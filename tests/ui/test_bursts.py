"""Keys in a burst, as a fast typist, a paste or an SSH link catching up sends them.

Every Enter saves what was on the line when it was pressed: once, whole, in order, however
far the screen is behind. The app runs in a real pseudo-terminal; the keys are written back
to back, in one write, and the session file on disk is the judge."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

from bench.terminal import Terminal as Pty
from tests.ui.test_survive import CTRL_S, Terminal, session_file

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def on_disk(db: Path) -> dict:
    return json.loads(session_file(db).read_text(encoding="utf-8"))["session"]["1"]


def wait_until(check, within: float = 10.0):
    deadline = time.monotonic() + within
    while True:
        try:
            found = check()
        except (FileNotFoundError, AssertionError, json.JSONDecodeError, KeyError):
            found = None
        if found:
            return found
        assert time.monotonic() < deadline, "not reached in time"
        time.sleep(0.02)


def burst(terminal: Pty, keys: str) -> None:
    """All the keys in one write: nothing waits for the screen."""
    Pty.send(terminal, keys)


def test_forty_ideas_typed_back_to_back_are_forty_ideas_in_order(tmp_path):
    db = tmp_path / "peertui.json"
    terminal = Terminal(db)
    try:
        terminal.wait_for("Total")
        # The session starts and the ideas follow in the same write: the keys of the
        # first half second must wait for the session screen, not merge or vanish.
        ideas = [f"idée {n:02d} [b]x[/b] ✨" for n in range(1, 41)]
        burst(terminal, CTRL_S + "".join(f"{text}\r" for text in ideas))
        stored = wait_until(lambda: (s := on_disk(db)) and len(s["ideas"]) >= 40 and s)
        time.sleep(0.3)  # nothing more comes: no idea doubled late
        assert [i["text"] for i in on_disk(db)["ideas"]] == ideas
        assert stored["ideas"][0]["author"] == "Priya Raman"
    finally:
        terminal.stop()
