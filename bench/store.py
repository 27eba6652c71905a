"""What a write costs, with a year of history: the figures behind the store's layout.

    python -m bench.store            (builds the history in a temporary folder)

Compares the layout peertui uses (an index, each group's files, one file per session) with
what a single TinyDB file holding everything would cost for the same write.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench.history import build
from peertui.core import codec
from peertui.core import events as ev
from peertui.core import rules as core
from peertui.store import Store
from peertui.store.layout import Layout
from peertui.store.storage import atomic_write, dump_json, read_json


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def measure(folder: Path, rounds: int = 60) -> list[tuple[str, float, float, int]]:
    db = folder / "peertui.json"
    build(db)
    rows = []
    with Store(db) as store:
        biggest = max(
            store.summaries(),
            key=lambda s: (db.parent / "peertui.json.sessions" / f"{s.id}.json").stat().st_size,
        )
        session = store.load_session(biggest.id)
        live = replace(session, closed_at=None, id="live")
        store.save_session(live)
        samples = []
        for i in range(rounds):
            live = core.apply(live, ev.CaptureIdea(f"idea {i}"), live.started_at + i)
            start = time.perf_counter()
            store.save_session(live)
            samples.append(time.perf_counter() - start)
        size = (db.parent / "peertui.json.sessions" / "live.json").stat().st_size
        rows.append(("capture an idea: rewrite the session file", *percentiles(samples), size))

        samples = []
        for i in range(rounds // 3):
            live = core.apply(live, ev.AddAction(f"action {i}", owner=live.present[0]), live.started_at + i)
            start = time.perf_counter()
            store.save_session(live)
            samples.append(time.perf_counter() - start)
        opened = Layout(db.resolve()).home(codec.action_to_dict(live.actions[-1]))
        rows.append(
            ("commit an action: session file + its group's", *percentiles(samples), opened.stat().st_size)
        )

    with Store(db, readonly=True) as store:  # what schema 1 kept in one index
        everything = {
            "sessions": {str(n): codec.summary_to_dict(s) for n, s in enumerate(store.summaries(), 1)},
            "actions": {str(n): codec.action_to_dict(a) for n, a in enumerate(store.actions(), 1)},
        }
    sessions = {p.stem: read_json(p) for p in (db.parent / "peertui.json.sessions").glob("*.json")}
    single = {**everything, "sessions_full": sessions}
    target = folder / "single.json"
    samples = []
    for _ in range(rounds // 3):
        start = time.perf_counter()
        payload = dump_json(single)  # TinyDB serialises the whole file on every write
        atomic_write(target, payload)
        samples.append(time.perf_counter() - start)
    rows.append(("same capture if one file held everything", *percentiles(samples), len(payload)))
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        rows = measure(Path(folder))
    print("| write, year-scale history | median | p95 | file size |")
    print("|---|---|---|---|")
    for name, median, p95, size in rows:
        print(f"| {name} | {median * 1000:.1f} ms | {p95 * 1000:.1f} ms | {size / 1024:.0f} KB |")


if __name__ == "__main__":
    main()
