"""JSON that parses but is not shaped as peertui writes it: one line naming the file and
the record, for the writer, the reader and every command; and the file left as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peertui.cli import main
from peertui.core import events as ev
from peertui.core import rules as core
from peertui.store import Store, StoreError
from peertui.store.layout import Layout

# The commands that read a group's open actions, and those that read its sessions.
ACTIONS = (["actions"], ["recap"], ["action", "s1/a1", "--done"], ["groups", "--detail", "managers"])
SESSIONS = (["recap", "s1"], ["groups", "--detail", "managers"])


@pytest.fixture
def history(tmp_path, running, clock) -> Path:
    """A group, a closed session with two actions: records 1 and 2 of "actions"."""
    db = tmp_path / "peertui.json"
    session = core.apply(running, ev.AddAction("Call HR"), clock.now())
    session = core.apply(session, ev.AddAction("Ask Tom", owner="Tom Becker"), clock.now())
    with Store(db) as store:
        store.save_group(running.group)
        store.save_session(core.apply(session, ev.CloseSession(), clock.now()))
    return db


def damage(db: Path, change) -> tuple[bytes, int]:
    raw = json.loads(db.read_text())
    change(raw)
    db.write_text(json.dumps(raw))
    return db.read_bytes(), db.stat().st_mtime_ns


def refused_everywhere(db: Path, capsys, expected: str) -> None:
    """The writer, a reader, the TUI and the read-only commands: one line each, the same."""
    for readonly in (False, True):
        with pytest.raises(StoreError) as refused:
            Store(db, readonly=readonly)
        assert str(refused.value) == expected
    for command in ([], ["groups"], ["actions"], ["recap"], ["action", "s1/a1", "--done"]):
        capsys.readouterr()
        assert main([*command, "--db", str(db)]) == 1, command
        assert capsys.readouterr().err == f"peertui: {expected}\n", command


def _drop(key: str, table: str = "actions", doc_id: str = "2"):
    return lambda raw: raw[table][doc_id].pop(key)


def group_file(db: Path, kind: str) -> Path:
    """The file of the history's group that holds its "actions" (open) or its "sessions"."""
    layout = Layout(db.resolve())
    group = "Managers' codev circle"
    if kind == "sessions":
        return layout.sessions(group)
    (path,) = layout.files("open", group, layout.names())
    return path


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda raw: raw["groups"]["1"]["participants"].append("Zoé"),
            'record 1 of "groups" is damaged (bad "participants")',
        ),
        (_drop("closed_at", "latest", "1"), 'record 1 of "latest" is damaged (no "closed_at")'),
        (
            lambda raw: raw["digests"]["1"].update(held="two"),
            'record 1 of "digests" is damaged (bad "held")',
        ),
        (
            lambda raw: raw["digests"]["1"]["recent"][0].pop("id"),
            'record 1 of "digests" is damaged (bad "recent")',
        ),
        (
            lambda raw: raw["groups"].update({"x": {}}),
            "record 'x' of \"groups\" is damaged (its number is not a number)",
        ),
        (
            lambda raw: raw.update(running=[]),
            'table "running" is damaged (not a set of records)',
        ),
        (
            lambda raw: raw["_meta"]["1"].update(schema="abc"),
            "record 1 of \"_meta\" is damaged (schema 'abc' is not a version number)",
        ),
    ],
)
def test_a_damaged_index_is_named_in_one_line_and_left_untouched(history, capsys, change, problem):
    before = damage(history, change)
    refused_everywhere(history, capsys, f"{history}: {problem}; it was left untouched")
    assert (history.read_bytes(), history.stat().st_mtime_ns) == before


@pytest.mark.parametrize(
    ("table", "change", "problem", "commands"),
    [
        ("actions", _drop("status"), 'record 2 of "actions" is damaged (no "status")', ACTIONS),
        ("actions", _drop("id", doc_id="1"), 'record 1 of "actions" is damaged (no "id")', ACTIONS),
        (
            "actions",
            lambda raw: raw["actions"]["2"].update(status="finished"),
            'record 2 of "actions" is damaged (bad "status")',
            ACTIONS,
        ),
        (
            "actions",
            lambda raw: raw["actions"]["1"].update(due="someday"),
            'record 1 of "actions" is damaged (bad "due")',
            ACTIONS,
        ),
        (
            "actions",
            lambda raw: raw["actions"]["1"].update(colour="red"),
            'record 1 of "actions" is damaged (unknown field "colour")',
            ACTIONS,
        ),
        (
            "actions",
            lambda raw: raw.update(actions=list(raw["actions"].values())),
            'table "actions" is damaged (not a set of records)',
            ACTIONS,
        ),
        (
            "sessions",
            _drop("closed_at", "sessions", "1"),
            'record 1 of "sessions" is damaged (no "closed_at")',
            SESSIONS,
        ),
        (
            "sessions",
            lambda raw: raw["sessions"].update({"x": {}}),
            "record 'x' of \"sessions\" is damaged (its number is not a number)",
            SESSIONS,
        ),
    ],
)
def test_a_damaged_group_file_is_named_in_one_line_by_what_reads_it_and_left_untouched(
    history, capsys, table, change, problem, commands
):
    """A group's files are read when asked for: opening the store reads none of them."""
    path = group_file(history, table)
    before = damage(path, change)
    expected = f"{path}: {problem}; it was left untouched"
    for readonly in (False, True):
        with Store(history, readonly=readonly) as store, pytest.raises(StoreError) as refused:
            store.summaries() if table == "sessions" else store.open_actions()
        assert str(refused.value) == expected
    for command in commands:
        capsys.readouterr()
        assert main([*command, "--db", str(history)]) == 1, command
        assert capsys.readouterr().err == f"peertui: {expected}\n", command
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_a_damaged_index_from_before_the_schema_stamp_is_not_migrated(history, capsys):
    def old_and_damaged(raw: dict) -> None:
        del raw["_meta"]
        raw["actions"] = {"2": {"id": "s1/a2"}}

    before = damage(history, old_and_damaged)
    refused_everywhere(
        history, capsys, f'{history}: record 2 of "actions" is damaged (no "owner"); it was left untouched'
    )
    assert (history.read_bytes(), history.stat().st_mtime_ns) == before


def test_a_session_file_with_a_missing_field_is_named_in_one_line(history, capsys):
    path = history.with_name("peertui.json.sessions") / "s1.json"
    raw = json.loads(path.read_text())
    del raw["session"]["1"]["runs"]
    path.write_text(json.dumps(raw))
    before = path.read_bytes()
    expected = f'{path}: session file is damaged (no "runs"); it was left untouched'
    with Store(history) as store:
        with pytest.raises(StoreError) as refused:
            store.load_session("s1")
        assert str(refused.value) == expected
        assert [s.id for s in store.summaries()] == ["s1"]  # the rest of the database is fine
    assert main(["recap", "s1", "--db", str(history)]) == 1
    assert capsys.readouterr().err == f"peertui: {expected}\n"
    assert path.read_bytes() == before


def test_a_session_file_with_a_word_for_its_schema_is_named_in_one_line(history):
    path = history.with_name("peertui.json.sessions") / "s1.json"
    raw = json.loads(path.read_text())
    raw["_meta"]["1"]["schema"] = "abc"
    path.write_text(json.dumps(raw))
    with Store(history, readonly=True) as reader, pytest.raises(StoreError) as refused:
        reader.load_session("s1")
    assert str(refused.value) == (
        f"{path}: record 1 of \"_meta\" is damaged (schema 'abc' is not a "
        "version number); it was left untouched"
    )
