"""Where each record lives, and moves between files that lose nothing however they are cut."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from peertui.core import codec
from peertui.core.model import Action, ActionStatus
from peertui.store import Store
from peertui.store.index import plain
from peertui.store.layout import Layout, group_key

GROUP = "Codév — Lyon"
YEAR_2026 = 1_767_261_600.0  # 2026-01-01 10:00 UTC


def action(n: int, status: ActionStatus, at: float = YEAR_2026) -> Action:
    return Action(f"s{n}/a1", "Zoé", f"do {n}", at + n, f"s{n}", GROUP, None, status)


def test_a_group_key_is_a_file_name_and_tells_names_that_slug_alike_apart():
    assert group_key("Codév — Lyon").startswith("codev-lyon-")
    assert group_key("codev lyon") != group_key("Codév — Lyon")
    assert group_key("../../etc").startswith("etc-") and "/" not in group_key("../../etc")


def test_an_action_is_in_the_one_file_its_status_and_year_say(tmp_path):
    layout = Layout(tmp_path / "peertui.json")
    record = plain(codec.action_to_dict(action(1, ActionStatus.IN_PROGRESS)))
    assert layout.home(record) == layout.open(GROUP, 2026)
    closed = {**record, "status": "done", "created_at": YEAR_2026 + 366 * 86_400}
    assert layout.home(closed) == layout.closed(GROUP, 2027)


def files(folder: Path) -> dict[Path, dict]:
    return {path: json.loads(path.read_text()) for path in folder.glob("*.json")}


def test_moves_both_ways_in_one_change_are_never_lost_however_the_writes_are_cut(tmp_path):
    """One reopened (closed to open), one closed (open to closed), one new: each file both
    gains and loses. After any number of the change's writes, every action is somewhere."""
    db = tmp_path / "peertui.json"
    reopened, closing = action(1, ActionStatus.DONE), action(2, ActionStatus.OPEN)
    with Store(db) as store:
        for each in (reopened, closing):
            store.save_action(each)
        layout = store.layout
        before = files(layout.folder)
        batch = store._batch()
        batch.put_action(plain(codec.action_to_dict(replace(reopened, status=ActionStatus.OPEN))))
        batch.put_action(plain(codec.action_to_dict(replace(closing, status=ActionStatus.DROPPED))))
        batch.put_action(plain(codec.action_to_dict(action(3, ActionStatus.OPEN))))
        writes = batch.writes()
    wanted = {"s1/a1", "s2/a1"}
    for cut in range(len(writes) + 1):
        state = {**before, **{path: tables for path, tables in writes[:cut]}}
        found = {r["id"] for tables in state.values() for r in tables.get("actions", {}).values()}
        assert wanted <= found, f"cut after {cut} writes: {wanted - found} lost"
    final = {path: tables for path, tables in writes}
    where = {r["id"]: path for path, tables in final.items() for r in tables.get("actions", {}).values()}
    assert where == {
        "s1/a1": layout.open(GROUP, 2026),
        "s2/a1": layout.closed(GROUP, 2026),
        "s3/a1": layout.open(GROUP, 2026),
    }
