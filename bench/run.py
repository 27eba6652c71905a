"""The benchmark: peertui beside the lightest Textual app, in a real pseudo-terminal.

    python -m bench.run            the full run, a Markdown table: every measure with a year of
                                   history (4 groups x 24 sessions) and a decade (4 x 240)
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

from bench import memory as group_memory
from bench.history import build
from bench.terminal import Terminal

ROOT = Path(__file__).resolve().parent.parent
PEERTUI = [sys.executable, "-m", "peertui"]
REFERENCE = [sys.executable, str(ROOT / "bench" / "reference_app.py")]
HOME_MARK, REFERENCE_MARK, SESSION_MARK = "Sessions —", "reference ready", "Step 1/8"


SCALES = ("year", "decade")


@dataclass
class Row:
    """A measure at each scale of history, and for the reference app where it has one."""

    measure: str
    target: str
    unit: str
    ours: dict[str, list[float]] = field(default_factory=dict)
    reference: list[float] = field(default_factory=list)

    @staticmethod
    def stats(values: list[float]) -> tuple[float, float]:
        ordered = sorted(values)
        return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    def add(self, scale: str, value: float) -> None:
        self.ours.setdefault(scale, []).append(value)

    def show(self, value: float) -> str:
        return f"{value:.1f} {self.unit}" if value < 100 else f"{value:.0f} {self.unit}"

    def cells(self) -> list[str]:
        cells = [self.measure]
        medians = {}
        for scale in SCALES:
            values = self.ours.get(scale)
            if values:
                median, p95 = self.stats(values)
                medians[scale] = median
                cells += [self.show(median), self.show(p95)]
            else:
                cells += ["—", "—"]
        if len(medians) == 2 and medians["year"]:
            cells.append(f"{medians['decade'] / medians['year']:.2f}x")
        else:
            cells.append("—")
        if self.reference:
            ref = self.stats(self.reference)[0]
            ratios = "/".join(f"{medians[s] / ref:.2f}x" for s in SCALES if s in medians and ref)
            cells += [self.show(ref), ratios or "—"]
        else:
            cells += ["—", "—"]
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


def close_running(db: Path) -> None:
    """Close what a killed terminal left running, as a facilitator would: the next session
    starts without the question to resume it."""
    from peertui.core import events as ev
    from peertui.core import rules as core
    from peertui.store import Store

    with Store(db) as store:
        for summary in store.running():
            session = store.load_session(summary.id)
            store.save_session(core.apply(session, ev.CloseSession(), time.time()))


def start_session(db: Path, env: dict[str, str], group: bool = False) -> Terminal:
    """A new session: of the demo group, or (group=True) of the database's first group,
    the one with years of history, chosen on the home screen."""
    close_running(db)
    if group:
        terminal = Terminal([*PEERTUI, "--db", str(db)], env)
        terminal.wait_for(HOME_MARK)
        time.sleep(0.3)
        terminal.send("\r")
    else:
        terminal = Terminal([*PEERTUI, "--db", str(db), "demo"], env)
    terminal.wait_for("Total")
    time.sleep(0.3)
    if group:  # its client, on the start form: the second one proposed
        terminal.send("\t\r\x1b[B\x1b[B\r")
        time.sleep(0.3)
    terminal.send("\x13")  # ctrl+s
    terminal.wait_for(SESSION_MARK if not group else "1/8 · ")  # the history's groups speak French
    time.sleep(0.5)
    return terminal


def capture(db: Path, env: dict[str, str], rounds: int) -> tuple[list[float], list[float]]:
    """Enter on an idea: until its text is drawn, and until it is in the session file."""
    terminal = start_session(db, env)
    sessions = db.with_name(db.name + ".sessions")
    screen, disk = [], []
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
            screen.append((drawn - sent) * 1000)
            disk.append((durable - sent) * 1000)
            time.sleep(0.1)
    finally:
        terminal.stop()
    return screen, disk


def commit_action(db: Path, env: dict[str, str], rounds: int) -> list[float]:
    """An action committed in a session of the group with the history, in the action plan
    step (its form: what, Enter, a due date, then the timed Enter): until its group's file
    of open actions has it, the last of the files that commit writes (the session's own,
    then its group's)."""
    from peertui.store import Store
    from peertui.store.layout import Layout, year_of

    with Store(db, readonly=True) as store:
        group = store.groups()[0].name
    path = Layout(db.resolve()).open(group, year_of(time.time()))  # where today's actions go
    path.parent.mkdir(exist_ok=True)
    terminal = start_session(db, env, group=True)
    times = []
    try:
        for _ in range(6):  # to the action plan (7/8), where a group commits its actions
            terminal.send("\x1b[6~")  # page down: the next step
            time.sleep(0.3)
        terminal.wait_for("7/8 · ")
        time.sleep(0.5)
        for n in range(rounds):
            text = f"act{n:03d}zq"
            terminal.send("\x19" + text + "\r" + "+2w")  # ctrl+y: the action's form
            terminal.wait_for("+2w", after=0)
            time.sleep(0.3)
            before = _mtime(path)
            sent = terminal.send("\r")
            while True:
                if _mtime(path) != before:
                    before = _mtime(path)
                    if text in path.read_text(encoding="utf-8"):
                        break
                if time.perf_counter() - sent > 10:
                    raise TimeoutError("the action never reached its group's file")
                time.sleep(0.0005)
            times.append((time.perf_counter() - sent) * 1000)
            time.sleep(0.2)
    finally:
        terminal.stop()
    return times


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:  # the year's first action makes it
        return 0


def burst(db: Path, env: dict[str, str], rounds: int, size: int = 40) -> tuple[list[float], list[int]]:
    """`size` ideas typed back to back, in one write (a paste, a fast typist, SSH catching up):
    milliseconds from that write, the last Enter included, to all of them durable, and how
    many of them the session file holds once and whole (all of them, in order, and nothing
    more, counts `size`)."""
    import json

    times, kept = [], []
    for round_ in range(rounds):
        terminal = start_session(db, env)  # a new session each round
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


def command_time(args: list[str], db: Path, env: dict[str, str], rounds: int) -> list[float]:
    """A plain command, from its start to its end, output thrown away."""
    script = Path(sys.executable).with_name("peertui")
    argv = [str(script)] if script.exists() else PEERTUI
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run([*argv, *args, "--db", str(db)], env=env, check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return times


def loads_textual(db: Path, env: dict[str, str]) -> bool:
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
    return probe.stdout.strip() != "False"


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
    # A year: 4 groups x 24 sessions; a decade: 4 groups x 240. Quick: a taste of each.
    sizes = {"year": (1, 2), "decade": (1, 6)} if quick else {"year": (4, 24), "decade": (4, 240)}
    folder = Path(tempfile.mkdtemp(prefix="peertui-bench-"))
    try:
        env = environment(folder / "config")
        empty = folder / "empty" / "peertui.json"
        empty.parent.mkdir()
        dbs = {}
        for scale, (groups, sessions) in sizes.items():
            dbs[scale] = folder / scale / "peertui.json"
            dbs[scale].parent.mkdir()
            print(f"building the {scale}-scale history ({groups} x {sessions})…", file=sys.stderr)
            began = time.perf_counter()
            build(dbs[scale], groups=groups, sessions=sessions)
            print(f"  built in {time.perf_counter() - began:.0f} s", file=sys.stderr)

        cold = Row("cold start to the first screen, empty database", "≤ 1.2x reference", "ms")
        cold_history = Row("the same, with history", "≤ 1.3x reference, decade ≤ 1.3x year", "ms")
        memory = Row(
            "memory after start (max RSS), with history", "≤ 1.25x reference, decade ≤ 1.3x year", "MB"
        )
        for _ in range(starts):
            seconds, _ = start_time([*PEERTUI, "--db", str(empty)], HOME_MARK, env)
            cold.add("year", seconds * 1000)
            for scale, db in dbs.items():
                seconds, rss = start_time([*PEERTUI, "--db", str(db)], HOME_MARK, env)
                cold_history.add(scale, seconds * 1000)
                memory.add(scale, rss / 1024)
            seconds, rss = start_time(REFERENCE, REFERENCE_MARK, env)
            cold.reference.append(seconds * 1000)
            cold_history.reference.append(seconds * 1000)
            memory.reference.append(rss / 1024)

        screen = Row("Enter on an idea to the idea on screen", "p95 < 16 ms", "ms")
        disk = Row("Enter to the idea durable on disk", "p95 < 100 ms", "ms")
        action = Row("Enter to an action durable (session + its group's files)", "p95 < 100 ms", "ms")
        bursts = Row("40 ideas in one burst, last Enter to all durable", "40/40 kept", "ms")
        cpu = Row(f"idle {idle_seconds:g} s, countdown ticking: CPU", "< 1 %", "%")
        written = Row(
            f"idle {idle_seconds:g} s: bytes written to the terminal", "< 1 KB/s, ≤ reference", "B/s"
        )
        actions = Row("`peertui actions --participant X`", "< 150 ms, no textual", "ms")
        groups = Row("`peertui groups`", "—", "ms")
        last = Row("`peertui recap --last`", "—", "ms")
        recap = Row("recap of a 3-hour session, both formats", "< 20 ms", "ms")
        opening = Row("the group's memory opened (`k`: every group's, read)", "—", "ms")
        search = Row("search as one types, per keystroke", "p95 < 16 ms", "ms")
        kept_all, textual = [], False
        for scale, db in dbs.items():
            shown, durable = capture(db, env, rounds)
            screen.ours[scale], disk.ours[scale] = shown, durable
            action.ours[scale] = commit_action(db, env, max(3, rounds // 2))
            times, kept = burst(db, env, 1 if quick else 7)
            bursts.ours[scale] = times
            kept_all += kept
            terminal = start_session(db, env)
            try:
                ours = idle(terminal, idle_seconds)
            finally:
                terminal.stop()
            cpu.add(scale, ours[0])
            written.add(scale, ours[1])
            close_running(db)
            plain_rounds = 3 if quick else 15
            actions.ours[scale] = command_time(["actions", "--participant", "helene"], db, env, plain_rounds)
            groups.ours[scale] = command_time(["groups"], db, env, plain_rounds)
            last.ours[scale] = command_time(["recap", "--last"], db, env, plain_rounds)
            recap.ours[scale] = recap_time(db, 5 if quick else 50)
            items = group_memory.seed(db)
            opening.ours[scale], search.ours[scale] = group_memory.measure(db, 2 if quick else 15)
            print(f"(memory at {scale} scale: {items} items)", file=sys.stderr)
            textual = textual or loads_textual(db, env)
        terminal = Terminal([*REFERENCE, "--clock"], env)
        try:
            terminal.wait_for(REFERENCE_MARK)
            theirs = idle(terminal, idle_seconds)
        finally:
            terminal.stop()
        cpu.reference, written.reference = [theirs[0]], [theirs[1]]
        bursts.measure += f" ({min(kept_all)}/40 kept)"
        if textual:
            actions.measure += " (LOADS TEXTUAL)"
        rows = [cold, cold_history, memory, screen, disk, action, bursts, cpu, written, actions, groups, last]
        rows += [recap, opening, search]
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    year, decade = (f"{g} groups x {s} sessions" for g, s in sizes.values())
    print(f"\nMachine: {machine()}" + (" (quick run: not for the README)" if quick else ""))
    print(f"History: year = {year}, decade = {decade}")
    heads = ["measure", "year median", "p95", "decade median", "p95", "decade ÷ year", "reference median"]
    print("\n| " + " | ".join([*heads, "÷ reference", "target"]) + " |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row.cells()) + " |")


if __name__ == "__main__":
    main()
