"""A database laid out as peertui's schema 1 wrote it (the release before the groups'
files): one index holding every group, session summary and action, beside the session
files, each stamped 1.

Written explicitly here, from the records of a database built today: the records are
the same in both schemas (only where they are kept changed), which was checked against
the schema-1 release itself: its bench.history.build gives an index equal, record for
record, to what the schema-2 store holds for the same history.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bench.history import build
from peertui.core import codec
from peertui.store import Store
from peertui.store.index import plain


def records(db: Path) -> tuple[list[dict], list[dict], list[dict]]:
    """The groups, summaries and actions of a database, as plain records, in a stable order."""
    with Store(db, readonly=True) as store:
        groups = [plain(codec.group_to_dict(g)) for g in store.groups()]
        summaries = [plain(codec.summary_to_dict(s)) for s in store.summaries()]
        actions = sorted((plain(codec.action_to_dict(a)) for a in store.actions()), key=lambda a: a["id"])
    return groups, summaries, actions


def as_schema1(db: Path) -> None:
    """The database at `db` rewritten in the schema-1 layout (the groups' files gone)."""
    groups, summaries, actions = records(db)
    index = {
        "_meta": {"1": {"schema": 1}},
        "groups": {str(n): g for n, g in enumerate(groups, 1)},
        "sessions": {str(n): s for n, s in enumerate(summaries, 1)},
        "actions": {str(n): a for n, a in enumerate(actions, 1)},
    }
    db.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    for path in db.with_name(db.name + ".sessions").glob("*.json"):
        raw = json.loads(path.read_text(encoding="utf-8"))
        raw["_meta"] = {"1": {"schema": 1}}
        path.write_text(json.dumps(raw, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    shutil.rmtree(db.with_name(db.name + ".groups"))


def schema1_history(db: Path, groups: int = 4, sessions: int = 24) -> tuple[list, list, list]:
    """A history (a year of four groups by default) in the schema-1 layout; its records."""
    build(db, groups=groups, sessions=sessions)
    expected = records(db)
    as_schema1(db)
    return expected
