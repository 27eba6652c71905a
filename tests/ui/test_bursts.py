"""Keys in a burst, as a fast typist, a paste or an SSH link catching up sends them.

Every Enter saves what was on the line when it was pressed: once, whole, in order, however
far the screen is behind. The app runs in a real pseudo-terminal; the keys are written back
to back, in one write, and the session file on disk is the judge."""

from __future__ import annotations

import json
import os
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


TAB, DOWN, BACKSPACE = "\t", "\x1b[B", "\x7f"
CTRL_G, CTRL_Y = "\x07", "\x19"
F2, F3, F5, F7, F10 = "\x1bOQ", "\x1bOR", "\x1b[15~", "\x1b[18~", "\x1b[21~"


def test_every_form_and_dialog_takes_a_burst_in_order(tmp_path):
    """Each key goes to what has the focus after the keys before it: text typed right after
    a Tab lands in the next field, Enters after a dialog's answer go to the capture line,
    and a dialog's answer is taken once."""
    db = tmp_path / "peertui.json"
    terminal = Terminal(db)
    try:
        terminal.wait_for("Total")
        # The start form: protocol, client (open its list, take the second person), the case.
        burst(terminal, TAB + "\r" + DOWN + DOWN + "\r" + TAB + "Le cas [x] ✨" + CTRL_S)
        wait_until(lambda: on_disk(db)["case_title"] == "Le cas [x] ✨")
        assert on_disk(db)["client"] == "Tom Becker"

        # Give the floor, then three Enters: the first answers, the others reach the capture
        # line (empty: nothing saved); the session screen stays.
        burst(terminal, "first\r" + CTRL_G + "\r\r\r" + "after\r")
        wait_until(lambda: [i["text"] for i in on_disk(db)["ideas"]] == ["first", "after"])

        # An action: what, Enter to the due date, Enter saves; then an idea at once. In the
        # follow-up round it is the speaker's own (the client's, where the client leads).
        burst(terminal, CTRL_Y + "Call HR" + "\r" + "+2w" + "\r" + "next idea\r")
        stored = wait_until(lambda: (s := on_disk(db)) and len(s["ideas"]) == 3 and s)
        assert [(a["what"], a["owner"]) for a in stored["actions"]] == [("Call HR", "Priya Raman")]
        assert stored["actions"][0]["due"] is not None
        assert stored["ideas"][2]["text"] == "next idea"

        # The client and the case: Tab from the client's list to the case, retyped whole.
        burst(terminal, F5 + TAB + BACKSPACE * 20 + "Une équipe muette" + "\r" + "after client\r")
        stored = wait_until(lambda: (s := on_disk(db)) and len(s["ideas"]) == 4 and s)
        assert stored["case_title"] == "Une équipe muette"
        assert stored["ideas"][3]["text"] == "after client"

        # Durations: the first step's minutes, then Enter saves them all.
        burst(terminal, F7 + BACKSPACE * 4 + "25" + "\r" + "after durations\r")
        stored = wait_until(lambda: (s := on_disk(db)) and len(s["ideas"]) == 5 and s)
        assert stored["runs"][0]["timer"]["planned"] == 25 * 60

        # The ideas editor: edit the first idea (Enter), then close it with Escape.
        burst(terminal, F2 + "\r" + " (edited)" + "\r")
        wait_until(lambda: on_disk(db)["ideas"][0]["text"] == "first (edited)")
        time.sleep(0.1)
        burst(terminal, "\x1b")
        time.sleep(0.3)  # a lone Escape is told from the start of a key by a pause
        # The actions editor: delete the action (d, then y to confirm), then back.
        burst(terminal, F3 + "d" + "y")
        wait_until(lambda: on_disk(db)["actions"] == [])
        time.sleep(0.1)
        burst(terminal, "\x1b")
        time.sleep(0.3)

        # Closing: F10, y, and the recap screen; keys typed after go nowhere else.
        burst(terminal, "last words\r" + F10 + "y")
        stored = wait_until(lambda: (s := on_disk(db)) and s["closed_at"] and s)
        assert [i["text"] for i in stored["ideas"]][-1] == "last words"
        assert len(stored["ideas"]) == 6
        pid, _ = os.waitpid(terminal.pid, os.WNOHANG)
        assert pid == 0, "peertui died"
    finally:
        terminal.stop()


ROOT = Path(__file__).resolve().parents[2]


def test_the_smallest_textual_app_with_one_input_takes_a_burst(tmp_path):
    """Textual 8.2.8's own App loses and merges these lines; peertui's base does not."""
    out = tmp_path / "lines.txt"
    env = {**os.environ, "TERM": "xterm-256color", "PYTHONPATH": str(ROOT)}
    terminal = Pty([sys.executable, str(ROOT / "tests" / "ui" / "minimal_input_app.py"), str(out)], env)
    try:
        terminal.wait_for("\x1b[?25l")  # the app has taken the terminal
        time.sleep(0.5)
        lines = [f"line {n}" for n in range(40)]
        burst(terminal, "".join(f"{line}\r" for line in lines))
        wait_until(lambda: out.exists() and len(out.read_text().splitlines()) >= 40)
        time.sleep(0.2)
        assert out.read_text().splitlines() == lines
    finally:
        terminal.stop()


PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"


def test_a_paste_of_several_lines_is_one_idea_a_line_and_a_long_one_is_kept_whole(tmp_path):
    db = tmp_path / "peertui.json"
    terminal = Terminal(db)
    try:
        terminal.wait_for("Total")
        burst(terminal, CTRL_S)
        terminal.wait_for("Step 1/8")
        time.sleep(0.3)
        # What precedes the first line end completes what was typed; what follows the last
        # stays on the line, to be saved with Enter.
        burst(terminal, "début, " + PASTE_START + "one\ntwo\r\n\nthree\nfour, still typing" + PASTE_END)
        wait_until(lambda: [i["text"] for i in on_disk(db)["ideas"]] == ["début, one", "two", "three"])
        burst(terminal, " ended\r")
        wait_until(lambda: on_disk(db)["ideas"][-1]["text"] == "four, still typing ended")
        long = "word " * 3000  # 15,000 characters: more than Textual's Input would take
        burst(terminal, PASTE_START + long + PASTE_END + "\r")
        wait_until(lambda: on_disk(db)["ideas"][-1]["text"] == long.strip())
        assert len(on_disk(db)["ideas"]) == 5
    finally:
        terminal.stop()


def test_escape_and_the_keys_right_after_it_each_do_their_own_thing(tmp_path):
    """Escape then typing at once (SSH catching up): the dialog closes, the letters go to
    the capture line; Textual alone read the pair as alt+d, and the dialog stayed open."""
    db = tmp_path / "peertui.json"
    terminal = Terminal(db)
    try:
        terminal.wait_for("Total")
        burst(terminal, CTRL_S)
        terminal.wait_for("Step 1/8")
        burst(terminal, "keep me\r" + F2)
        terminal.wait_for("Ideas of the session")
        burst(terminal, "\x1b" + "dd after\r" + CTRL_Y + "what\x1b" + "next idea\r")
        wait_until(lambda: [i["text"] for i in on_disk(db)["ideas"]] == ["keep me", "dd after", "next idea"])
        assert on_disk(db)["actions"] == []  # the action form was closed, not filled
        # A paste with an ESC in it (terminal output copied): kept whole, in order.
        burst(terminal, PASTE_START + "AAA \x1bBBB\nCCC" + PASTE_END + "\r")
        wait_until(lambda: [i["text"] for i in on_disk(db)["ideas"]][-2:] == ["AAA ␛BBB", "CCC"])
    finally:
        terminal.stop()
