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


def test_a_closed_action_leaves_the_open_files_and_a_reopened_one_comes_back(tmp_path):
    db = tmp_path / "peertui.json"
    done = action(1, ActionStatus.OPEN).changed(YEAR_2026 + 100, ActionStatus.DONE, "went well")
    with Store(db) as store:
        store.save_action(action(1, ActionStatus.OPEN))
        store.save_action(action(2, ActionStatus.IN_PROGRESS))
        store.save_action(done)
        assert [a.id for a in store.open_actions()] == ["s2/a1"]
        assert sorted(a.id for a in store.actions()) == ["s1/a1", "s2/a1"]
        assert store.action("s1/a1") == done
        layout = store.layout
        assert not layout.journal.exists()  # the move is done: its journal is gone
        store.save_action(done.changed(YEAR_2026 + 200, ActionStatus.OPEN, "not quite"))
        assert sorted(a.id for a in store.open_actions()) == ["s1/a1", "s2/a1"]
    closed = json.loads(layout.closed(GROUP, 2026).read_text())
    assert closed["actions"] == {}


def test_a_move_cut_short_is_finished_from_its_journal_at_the_next_open(tmp_path):
    """Killed after the journal and the closed file, before the open one: the action is in
    both files; the next reader sees it once, as closed, and the next writer tidies up."""
    db = tmp_path / "peertui.json"
    opened = action(1, ActionStatus.OPEN)
    done = opened.changed(YEAR_2026 + 100, ActionStatus.DONE, "went well")
    with Store(db) as store:
        store.save_action(opened)
        layout = store.layout
    record = plain(codec.action_to_dict(done))
    layout.journal.write_text(json.dumps({"actions": {"1": record}}))
    layout.closed(GROUP, 2026).write_text(json.dumps({"actions": {"1": record}}))
    with Store(db, readonly=True) as reader:
        assert reader.actions() == [done] and reader.open_actions() == []
    assert layout.journal.exists()  # a reader writes nothing
    with Store(db) as store:
        assert store.actions() == [done]
    assert not layout.journal.exists()
    assert json.loads(layout.open(GROUP, 2026).read_text())["actions"] == {}


def test_a_journal_older_than_the_files_changes_nothing(tmp_path):
    """Left behind (its removal failed), then the action changed again: the version that
    has seen more changes stays."""
    db = tmp_path / "peertui.json"
    done = action(1, ActionStatus.OPEN).changed(YEAR_2026 + 100, ActionStatus.DONE, "went well")
    reopened = done.changed(YEAR_2026 + 200, ActionStatus.OPEN, "not quite")
    with Store(db) as store:
        store.save_action(reopened)
        layout = store.layout
    layout.journal.write_text(json.dumps({"actions": {"1": plain(codec.action_to_dict(done))}}))
    with Store(db) as store:
        assert store.actions() == [reopened] and store.open_actions() == [reopened]
