"""The benchmark: peertui beside the lightest Textual app, in a real pseudo-terminal.

    python -m bench.run            the full run (about 3 minutes), a Markdown table
    python -m bench.run --quick    a smoke run for CI: every measure once, briefly

Figures, not assertions: the targets are printed beside them, never enforced.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.history import build
from bench.terminal import Terminal

ROOT = Path(__file__).resolve().parent.parent
PEERTUI = [sys.executable, "-m", "peertui"]
REFERENCE = [sys.executable, str(ROOT / "bench" / "reference_app.py")]
HOME_MARK, REFERENCE_MARK, SESSION_MARK = "Sessions —", "reference ready", "Step 1/8"


@dataclass
class Row:
    measure: str
    target: str
    unit: str
    ours: list[float] = field(default_factory=list)
    reference: list[float] = field(default_factory=list)

    @staticmethod
    def stats(values: list[float]) -> tuple[float, float]:
        ordered = sorted(values)
        return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    def cells(self) -> list[str]:
        def show(value: float) -> str:
            return f"{value:.1f} {self.unit}" if value < 100 else f"{value:.0f} {self.unit}"

        ours = self.stats(self.ours)
        cells = [self.measure, show(ours[0]), show(ours[1])]
        if self.reference:
            ref = self.stats(self.reference)
            ratio = f"{ours[0] / ref[0]:.2f}x" if ref[0] else "—"
            cells += [show(ref[0]), show(ref[1]), ratio]
        else:
            cells += ["—", "—", "—"]
        return [*cells, self.target]


def environment(config: Path) -> dict[str, str]:
    """peertui run from this checkout as it runs installed: with its modules compiled.

    pip compiles an installed package's bytecode; a checkout under PYTHONDONTWRITEBYTECODE
    (set on some CI machines) would compile peertui's sources at every start instead,
    about 13 ms that no user pays. The bytecode goes where Python looks for it, in the
    checkout's __pycache__ folders (ignored by git)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SSH_", "TMUX")) and k != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(
        TERM="xterm-256color", LANG="C.UTF-8", PEERTUI_CONFIG=str(config), PYTHONPATH=str(ROOT), TZ="UTC"
    )
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "peertui")], env=env, check=True)
    return env


def start_time(argv: list[str], mark: str, env: dict[str, str]) -> tuple[float, int]:
    """Seconds to the first screen, and peak RSS (KB) half a second later."""
    terminal = Terminal(argv, env)
    try:
        shown = terminal.wait_for(mark)
        time.sleep(0.5)
        return shown - terminal.started, terminal.peak_rss_kb()
    finally:
        terminal.stop()


def start_session(db: Path, env: dict[str, str]) -> Terminal:
    terminal = Terminal([*PEERTUI, "--db", str(db), "demo"], env)
    terminal.wait_for("Total")
    time.sleep(0.3)
    terminal.send("\x13")  # ctrl+s
    terminal.wait_for(SESSION_MARK)
    time.sleep(0.5)
    return terminal


def capture(db: Path, env: dict[str, str], rounds: int, screen: Row, disk: Row) -> None:
    """Enter on an idea: until its text is drawn, and until it is in the session file."""
    terminal = start_session(db, env)
    sessions = db.with_name(db.name + ".sessions")
    try:
        path = max(sessions.glob("*.json"), key=lambda p: p.stat().st_mtime)
        for n in range(rounds):
            text = f"idea{n:03d}zq"
            terminal.send(text)
            terminal.wait_for(text, after=0)
            time.sleep(0.15)  # let the typed text and its draft settle
            offset = terminal.size
            sent = terminal.send("\r")
            drawn = durable = None
            while drawn is None or durable is None:
                if drawn is None and terminal.output.find(text.encode(), offset) >= 0:
                    drawn = time.perf_counter()
                if durable is None and text in path.read_text(encoding="utf-8"):
                    durable = time.perf_counter()
                if time.perf_counter() - sent > 10:
                    raise TimeoutError("the idea never showed")
                time.sleep(0.0005)
            screen.ours.append((drawn - sent) * 1000)
            disk.ours.append((durable - sent) * 1000)
            time.sleep(0.1)
    finally:
        terminal.stop()


def burst(folder: Path, env: dict[str, str], rounds: int, size: int = 40) -> tuple[list[float], list[int]]:
    """`size` ideas typed back to back, in one write (a paste, a fast typist, SSH catching up):
    milliseconds from that write, the last Enter included, to all of them durable, and how
    many of them the session file holds once and whole (all of them, in order, and nothing
    more, counts `size`)."""
    import json

    times, kept = [], []
    for round_ in range(rounds):
        db = folder / f"burst-{round_}" / "peertui.json"  # a new session, no resume question
        db.parent.mkdir()
        terminal = start_session(db, env)
        try:
            sessions = db.with_name(db.name + ".sessions")
            path = max(sessions.glob("*.json"), key=lambda p: p.stat().st_mtime)
            texts = [f"burst {round_}.{n:02d} é✨" for n in range(size)]
            sent = terminal.send("".join(f"{text}\r" for text in texts))
            stored: list[str] = []
            while len(stored) < size and time.perf_counter() - sent < 30:
                with contextlib.suppress(json.JSONDecodeError, OSError):
                    data = json.loads(path.read_text(encoding="utf-8"))
                    stored = [i["text"] for i in data["session"]["1"]["ideas"]]
                time.sleep(0.002)
            times.append((time.perf_counter() - sent) * 1000)
            time.sleep(0.5)  # anything late, doubled, would show now
            data = json.loads(path.read_text(encoding="utf-8"))
            stored = [i["text"] for i in data["session"]["1"]["ideas"]]
            # Kept: there once, whole; and the whole list equal only if in order, nothing else.
            kept.append(sum(stored.count(text) == 1 for text in texts) if stored != texts else size)
        finally:
            terminal.stop()
    return times, kept


def idle(terminal: Terminal, seconds: float) -> tuple[float, float]:
    """CPU (% of one core) and bytes written per second, over `seconds` of nothing."""
    time.sleep(1.5)
    cpu, size, start = terminal.cpu_seconds(), terminal.size, time.perf_counter()
    time.sleep(seconds)
    spent = time.perf_counter() - start
    return (terminal.cpu_seconds() - cpu) / spent * 100, (terminal.size - size) / spent


def actions_time(db: Path, env: dict[str, str], rounds: int) -> tuple[list[float], bool]:
    script = Path(sys.executable).with_name("peertui")
    argv = [str(script)] if script.exists() else PEERTUI
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(
            [*argv, "actions", "--participant", "helene", "--db", str(db)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        times.append((time.perf_counter() - start) * 1000)
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, contextlib, io\nfrom peertui.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()): main(['actions', '--db', {str(db)!r}])\n"
            "print('textual' in sys.modules)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return times, probe.stdout.strip() == "False"


def recap_time(db: Path, rounds: int) -> list[float]:
    from peertui.core.recap import render_markdown, render_text
    from peertui.store import Store

    with Store(db, readonly=True) as store:
        summary = max((s for s in store.summaries() if s.closed_at), key=lambda s: s.closed_at - s.started_at)
        session = store.load_session(summary.id)
    hours = (session.closed_at - session.started_at) / 3600
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        render_markdown(session)
        render_text(session)
        times.append((time.perf_counter() - start) * 1000)
    print(
        f"(recap of {summary.id}: {hours:.1f} h, {len(session.turns)} turns, "
        f"{len(session.ideas)} ideas, {len(session.actions)} actions)",
        file=sys.stderr,
    )
    return times


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    import textual

    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, Textual {textual.__version__}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    parser.add_argument("--quick", action="store_true", help="a short smoke run (CI)")
    quick = parser.parse_args().quick
    starts, rounds, idle_seconds = (1, 3, 2.0) if quick else (7, 40, 30.0)
    folder = Path(tempfile.mkdtemp(prefix="peertui-bench-"))
    try:
        env = environment(folder / "config")
        empty, year = folder / "empty" / "peertui.json", folder / "year" / "peertui.json"
        empty.parent.mkdir()
        year.parent.mkdir()
        print("building the year-scale history…", file=sys.stderr)
        build(year, groups=1 if quick else 4, sessions=2 if quick else 24)

        cold = Row("cold start to the first screen, empty database", "≤ 1.2x reference", "ms")
        cold_year = Row("the same, year-scale history", "≤ 1.3x reference", "ms")
        memory = Row("memory after start (max RSS), year-scale history", "≤ 1.25x reference", "MB")
        for _ in range(starts):
            for db, row in ((empty, cold), (year, cold_year)):
                seconds, rss = start_time([*PEERTUI, "--db", str(db)], HOME_MARK, env)
                row.ours.append(seconds * 1000)
                if row is cold_year:
                    memory.ours.append(rss / 1024)
            seconds, rss = start_time(REFERENCE, REFERENCE_MARK, env)
            cold.reference.append(seconds * 1000)
            cold_year.reference.append(seconds * 1000)
            memory.reference.append(rss / 1024)

        screen = Row("Enter on an idea to the idea on screen", "p95 < 16 ms", "ms")
        disk = Row("Enter to the idea durable on disk, year-scale history", "p95 < 100 ms", "ms")
        capture(year, env, rounds, screen, disk)
        times, kept = burst(folder, env, 1 if quick else 7)
        bursts = Row(
            f"40 ideas in one burst, last Enter to all durable ({min(kept)}/40 kept)",
            "40/40 kept",
            "ms",
            times,
        )

        cpu = Row(f"idle {idle_seconds:g} s, countdown ticking: CPU", "< 1 %", "%")
        written = Row(
            f"idle {idle_seconds:g} s: bytes written to the terminal", "< 1 KB/s, ≤ reference", "B/s"
        )
        terminal = start_session(empty, env)
        try:
            ours = idle(terminal, idle_seconds)
        finally:
            terminal.stop()
        terminal = Terminal([*REFERENCE, "--clock"], env)
        try:
            terminal.wait_for(REFERENCE_MARK)
            theirs = idle(terminal, idle_seconds)
        finally:
            terminal.stop()
        cpu.ours, written.ours = [ours[0]], [ours[1]]
        cpu.reference, written.reference = [theirs[0]], [theirs[1]]

        times, no_textual = actions_time(year, env, 3 if quick else 15)
        actions = Row(
            "`peertui actions --participant X`, year-scale history"
            + ("" if no_textual else " (LOADS TEXTUAL)"),
            "< 150 ms, no textual",
            "ms",
            times,
        )
        recap = Row(
            "recap of a 3-hour session, both formats", "< 20 ms", "ms", recap_time(year, 5 if quick else 50)
        )
        rows = [cold, cold_year, memory, screen, disk, bursts, cpu, written, actions, recap]
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    print(f"\nMachine: {machine()}" + (" (quick run: not for the README)" if quick else ""))
    print("\n| measure | peertui median | p95 | reference median | p95 | ratio | target |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row.cells()) + " |")


if __name__ == "__main__":
    main()
