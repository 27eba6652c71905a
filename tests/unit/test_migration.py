"""A schema-1 database (one index holding everything) spread into the groups' files at the
first open, atomically: cut anywhere, nothing is lost and the next open finishes it."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from peertui.cli import main
from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.session_codec import session_to_dict
from peertui.store import Store, StoreError, markers, storage
from peertui.store.layout import Layout
from peertui.store.schema import SCHEMA
from tests.unit.schema1 import as_schema1, records, schema1_history


@pytest.fixture(scope="module")
def year(tmp_path_factory) -> tuple[Path, tuple[list, list, list]]:
    """A year of four groups (24 sessions each) in the schema-1 layout, kept as a template."""
    db = tmp_path_factory.mktemp("schema1") / "peertui.json"
    return db, schema1_history(db)


def copy_of(template: Path, into: Path) -> Path:
    into.mkdir()
    for path in template.parent.rglob("*"):
        target = into / path.relative_to(template.parent)
        if path.is_dir():
            target.mkdir()
        else:
            target.write_bytes(path.read_bytes())
            os.chmod(target, 0o600)
    return into / template.name


def test_the_year_written_in_schema_1_is_what_the_release_wrote(year):
    db, (groups, summaries, actions) = year
    raw = json.loads(db.read_text(encoding="utf-8"))
    assert raw["_meta"] == {"1": {"schema": 1}} and set(raw) == {"_meta", "groups", "sessions", "actions"}
    assert [len(raw[table]) for table in ("groups", "sessions", "actions")] == [4, 96, 96 * 15]
    assert (len(groups), len(summaries), len(actions)) == (4, 96, 96 * 15)
    assert not db.with_name(db.name + ".groups").exists()


def test_a_year_in_schema_1_is_migrated_whole_at_the_first_open(year, tmp_path):
    template, expected = year
    db = copy_of(template, tmp_path / "db")
    with Store(db, readonly=True) as reader:  # a reader spreads it in its memory only
        assert reader.schema == SCHEMA and len(reader.summaries()) == 96
    assert json.loads(db.read_text())["_meta"]["1"]["schema"] == 1
    with Store(db) as store:
        assert store.schema == SCHEMA
        assert store.running() == [] and store.last_closed() == store.summaries()[-1]
    assert records(db) == expected  # every group, session and action, as it was
    with Store(db, readonly=True) as reader:  # peertui groups' lines, from the index alone
        for group in reader.groups():
            own = reader.summaries(group.name)
            assert reader.digests()[group.name] == (sum(not s.running for s in own), own[-5:])
    index = json.loads(db.read_text())
    assert set(index) == {"_meta", "groups", "latest", "digests"}  # none running
    assert len(index["latest"]) == len(index["digests"]) == 4
    layout = Layout(db.resolve())
    for path in layout.folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        for record in json.loads(path.read_text()).get("actions", {}).values():
            assert layout.home(record) == path
    assert stat.S_IMODE(layout.folder.stat().st_mode) == 0o700
    before = {p: p.stat().st_mtime_ns for p in layout.folder.iterdir()}
    Store(db).close()  # once migrated, an open writes nothing
    assert {p: p.stat().st_mtime_ns for p in layout.folder.iterdir()} == before
    assert main(["recap", "--db", str(db)]) == 0


@pytest.mark.parametrize("cut", [0, 1, 7, 20, -1])
def test_a_migration_cut_short_is_finished_by_the_next_open(year, tmp_path, monkeypatch, cut):
    """Killed after `cut` files (-1: all but the index, which is written last)."""
    template, expected = year
    db = copy_of(template, tmp_path / "db")
    written: list[Path] = []
    real = storage.write_file

    def dying(path: Path, payload: bytes) -> None:
        if path == db.resolve() or (cut >= 0 and len(written) >= cut):
            raise StoreError("killed")  # the process dies here: nothing after it is written
        real(path, payload)
        written.append(path)

    monkeypatch.setattr(storage, "write_file", dying)  # under every file the store writes
    with pytest.raises(StoreError, match="killed"):
        Store(db)
    monkeypatch.undo()
    assert json.loads(db.read_text())["_meta"]["1"]["schema"] == 1  # still schema 1
    if cut != 0:
        assert written and all(p.parent == Layout(db.resolve()).folder for p in written)
    with Store(db) as store:
        assert store.schema == SCHEMA
    assert records(db) == expected


def test_a_schema_1_database_with_a_marked_session_is_healed_as_it_is_migrated(tmp_path, running, clock):
    """Killed, under schema 1, between a session's file and the index: the next open
    migrates, then re-derives the marked session from its file."""
    db = tmp_path / "peertui.json"
    with Store(db) as store:
        store.save_group(running.group)
        store.save_session(running)
    as_schema1(db)
    session = core.apply(running, ev.AddAction("Call HR"), clock.now())
    folder = db.with_name(db.name + ".sessions")
    markers.mark(folder, session.id)
    payload = {"session": {"1": session_to_dict(session)}, "_meta": {"1": {"schema": 1}}}
    (folder / "s1.json").write_text(json.dumps(payload))
    with Store(db) as store:
        assert [a.what for a in store.open_actions()] == ["Call HR"]
        assert [s.id for s in store.running()] == ["s1"] and store.schema == SCHEMA
    assert not markers.marked(folder)
