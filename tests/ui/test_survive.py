"""The terminal dies mid-session (SIGKILL, a dropped SSH connection): nothing that was
on screen is lost, and the next peertui resumes the session where it was.

The app runs in a real pseudo-terminal (the benchmark's), driven by the bytes a keyboard sends."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from bench.terminal import Terminal as Pty
from peertui.store import Store
from peertui.ui.app import PeerApp
from peertui.ui.screens.resume import ResumeScreen
from peertui.ui.screens.session import SessionScreen

ROOT = Path(__file__).resolve().parents[2]
CTRL_N, CTRL_O, CTRL_S, PAGE_DOWN = "\x0e", "\x0f", "\x13", "\x1b[6~"


class Terminal(Pty):
    """peertui on the demo group in a pty of 80x24, driven by the bytes a keyboard sends."""

    def __init__(self, db: Path) -> None:
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "PYTHONPATH": str(ROOT),
            "TZ": "UTC",
            "PEERTUI_CONFIG": str(db.parent / "config"),
        }
        for name in ("SSH_TTY", "SSH_CONNECTION", "TMUX", "DISPLAY"):
            env.pop(name, None)
        super().__init__([sys.executable, "-m", "peertui", "--db", str(db), "demo"], env)

    def send(self, keys: str) -> float:
        sent = super().send(keys)
        time.sleep(0.15)  # as a person types: the app takes each key before the next
        return sent

    def exit_status(self, timeout: float = 10.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return status
            time.sleep(0.05)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError("peertui did not exit")


def session_file(db: Path) -> Path:
    files = list(db.with_name(db.name + ".sessions").glob("*.json"))
    assert len(files) == 1
    return files[0]


def wait_durable(db: Path, text: str, within: float) -> float:
    """Seconds until `text` is in the session file on disk; fails past `within`."""
    start = time.monotonic()
    while text not in session_file(db).read_text(encoding="utf-8"):
        assert time.monotonic() - start < within, f"{text!r} not on disk after {within} s"
        time.sleep(0.01)
    return time.monotonic() - start


def start_demo(db: Path) -> Terminal:
    terminal = Terminal(db)
    terminal.wait_for("Total")  # the start screen is up
    terminal.send(CTRL_S)
    terminal.wait_for("Step 1/8")
    return terminal


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
async def test_killed_mid_session_it_resumes_exactly_where_it_was(tmp_path):
    db = tmp_path / "peertui.json"
    terminal = start_demo(db)
    for text in ("first idea", "deuxième idée ✨"):
        terminal.send(text + "\r")
        wait_durable(db, text, within=0.5)
        terminal.send(CTRL_N)
    terminal.send(CTRL_O)  # the third speaker passes
    terminal.send(PAGE_DOWN)  # to the topic step
    terminal.send("candidate topic\r")
    wait_durable(db, "candidate topic", within=0.5)
    time.sleep(0.3)

    os.kill(terminal.pid, signal.SIGKILL)
    assert os.WTERMSIG(terminal.exit_status()) == signal.SIGKILL

    before = json.loads(session_file(db).read_text(encoding="utf-8"))  # parses, whole
    with Store(db, readonly=True) as reader:
        killed = reader.load_session(before["session"]["1"]["id"])
    assert killed.step.key == "topic"
    assert [i.text for i in killed.ideas] == ["first idea", "deuxième idée ✨", "candidate topic"]
    assert [(t.speaker, t.passed) for t in killed.turns][:3] == [
        ("Priya Raman", False),
        ("Tom Becker", False),
        ("Aisha Okafor", True),
    ]

    app = PeerApp(db=db)  # the lock of the killed process is gone with it
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        resumed = app.session
    assert resumed == killed  # step, timers (still running), queue, turns, ideas, actions
    assert resumed.run.timer.running


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_a_dropped_terminal_keeps_the_last_idea(tmp_path):
    db = tmp_path / "peertui.json"
    terminal = start_demo(db)
    terminal.send("said just before the line dropped\r")
    os.close(terminal.fd)  # the terminal goes away: SIGHUP
    status = terminal.exit_status()
    assert "said just before the line dropped" in session_file(db).read_text(encoding="utf-8")
    assert not os.WIFSIGNALED(status) or os.WTERMSIG(status) == signal.SIGHUP


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
async def test_a_draft_on_screen_survives_a_kill_and_comes_back(tmp_path):
    db = tmp_path / "peertui.json"
    terminal = start_demo(db)
    terminal.send("typed, not yet saved")
    drafts = db.with_name(db.name + ".sessions")
    deadline = time.monotonic() + 0.5
    while not any("typed, not yet saved" in p.read_text() for p in drafts.glob("*.draft")):
        assert time.monotonic() < deadline, "the draft was not on disk within 0.5 s"
        time.sleep(0.01)
    os.kill(terminal.pid, signal.SIGKILL)
    terminal.exit_status()

    app = PeerApp(db=db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # resume
        await pilot.pause()
        assert app.screen.query_one("#capture").value == "typed, not yet saved"
        await pilot.press("enter")
        await pilot.pause()
        assert [i.text for i in app.session.ideas] == ["typed, not yet saved"]
        assert app.flush()
        assert not list(drafts.glob("*.draft"))


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_a_terminal_gone_without_a_hangup_signal_ends_peertui_and_keeps_the_last_idea(tmp_path):
    """SIGHUP blocked: only the terminal's input hanging up tells. Textual alone would
    then read end-of-file at full CPU forever, holding the database's lock."""
    db = tmp_path / "peertui.json"
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "PYTHONPATH": str(ROOT),
        "TZ": "UTC",
        "PEERTUI_CONFIG": str(tmp_path / "config"),
    }
    blocked = (
        "import os, signal, sys; signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGHUP}); "
        "os.execv(sys.executable, [sys.executable, '-m', 'peertui', '--db', sys.argv[1], 'demo'])"
    )
    terminal = Terminal.__new__(Terminal)
    Pty.__init__(terminal, [sys.executable, "-c", blocked, str(db)], env)
    terminal.wait_for("Total")
    terminal.send(CTRL_S)
    terminal.wait_for("Step 1/8")
    terminal.send("said as the window closed\r")
    wait_durable(db, "said as the window closed", within=0.5)
    os.close(terminal.fd)
    status = terminal.exit_status(timeout=5.0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 129
    with Store(db) as store:  # the lock is free again
        assert store.running()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_a_terminal_gone_in_the_middle_of_a_burst_keeps_every_key_received(tmp_path):
    """Its writes failing, Textual's writer thread died and the next frame blocked the app:
    of 100 ideas received, 56 were saved. The output of a gone terminal is now dropped."""
    db = tmp_path / "peertui.json"
    terminal = start_demo(db)
    terminal.send("".join(f"hup{n}\r" for n in range(1, 101)))
    time.sleep(0.2)  # received, not yet all handled
    os.close(terminal.fd)
    terminal.exit_status(timeout=15.0)
    ideas = [
        i["text"] for i in json.loads(session_file(db).read_text(encoding="utf-8"))["session"]["1"]["ideas"]
    ]
    assert ideas == [f"hup{n}" for n in range(1, 101)]
