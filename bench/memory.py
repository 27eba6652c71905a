"""The group's memory at the scale of a history: what opening it (`k`) and searching it as
one types cost.

The benchmark's sessions say random words, and harvest gives little from them, so each
closed session of the history is given twelve items here (learnings, applications, kept
ideas, a story now and then), tagged from a small vocabulary as a group would tag them,
written through the store's own memory files and marked harvested. What is measured is
then peertui's own path: the Store reading every group's memory, and a query per keystroke.
"""

from __future__ import annotations

import random
import time
from datetime import datetime
from pathlib import Path

from bench.history import sentence
from peertui.core.knowledge import Knowledge, Memory, Query
from peertui.store import Store
from peertui.store.memory import MemoryFiles

TAGS = ["délégation", "feedback", "réunion", "conflit", "recrutement", "écoute", "priorités", "télétravail"]
PER_SESSION = 12
TYPED = "#délégation écoute réu"  # what a facilitator types, a key at a time


def seed(db: Path, rng_seed: int = 2026) -> int:
    """Every closed session's items in its group's memory; how many items in all."""
    rng = random.Random(rng_seed)
    files = MemoryFiles(db)
    count = 0
    with Store(db, readonly=True) as store:
        summaries = [s for s in store.summaries() if not s.running]
    for group in sorted({s.group for s in summaries}):
        memory = files.read(group)
        for summary in (s for s in summaries if s.group == group):
            day = datetime.fromtimestamp(summary.started_at).date()
            items = []
            for n in range(PER_SESSION):
                tags = tuple(rng.sample(TAGS, rng.randint(0, 2)))
                text = sentence(rng, rng.randint(5, 16)) + "".join(f" #{tag}" for tag in tags)
                author = rng.choice(summary.present) if summary.present else ""
                kind = rng.choice(["learning", "application", "suggestion", "car"])
                parts = (("", "", text),)
                if kind == "car":  # a story, told in three parts
                    parts = tuple((key, key, sentence(rng, 12)) for key in ("challenge", "action", "result"))
                items.append(
                    Knowledge(f"{summary.id}/k{n}", group, summary.id, day, kind, author, parts, tags)
                )
            memory.add(summary.id, items)
            count += len(items)
        files.write(memory)
    return count


def measure(db: Path, rounds: int) -> tuple[list[float], list[float]]:
    """Milliseconds to open every group's memory (the `k` screen's read), and for each key
    of a typed search (prepared once, then a query per keystroke)."""
    opened, keys = [], []
    for _ in range(rounds):
        start = time.perf_counter()
        with Store(db, readonly=True) as store:
            items, _sheets = store.memory()
        memory = Memory(items)
        opened.append((time.perf_counter() - start) * 1000)
        for end in range(1, len(TYPED) + 1):
            start = time.perf_counter()
            memory.find(Query.parse(TYPED[:end]))
            keys.append((time.perf_counter() - start) * 1000)
    return opened, keys
