"""The states a kill between a session's file and the index leaves, one by one, and what
the next writer (and a reader before it) makes of each. The random kills are in
test_heal_kills.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.model import ActionStatus
from peertui.core.session_codec import session_to_dict, summary_of
from peertui.files import atomic_write
from peertui.store import Store, StoreError
from peertui.store.schema import SCHEMA
from peertui.store.storage import dump_json


def sessions_dir(db: Path) -> Path:
    return db.with_name(db.name + ".sessions")


def killed_after_the_session_file(db: Path, session: core.Session) -> None:
    """What a writer killed after writing the session's file, before the index, leaves."""
    (sessions_dir(db) / f"{session.id}.pending").touch()
    payload = {"session": {"1": session_to_dict(session)}, "_meta": {"1": {"schema": SCHEMA}}}
    atomic_write(sessions_dir(db) / f"{session.id}.json", dump_json(payload))


def files_as_they_are(db: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in db.parent.rglob("*") if p.is_file()}


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "peertui.json"


@pytest.fixture
def with_action(db, running, clock) -> core.Session:
    """s1 saved, running, with one action committed."""
    session = core.apply(running, ev.AddAction("Call HR"), clock.now())
    with Store(db) as store:
        store.save_session(session)
    return session


def test_a_session_closed_in_its_file_is_closed_in_the_index_once_reopened(db, with_action, clock):
    session = core.apply(with_action, ev.AddAction("Ask Tom", owner="Tom Becker"), clock.now())
    session = core.apply(session, ev.CloseSession(), clock.now() + 60)
    killed_after_the_session_file(db, session)
    with Store(db) as store:
        assert store.running() == [] and store.summaries() == [summary_of(session)]
        assert [a.what for a in store.actions()] == ["Call HR", "Ask Tom"]
    assert not (sessions_dir(db) / "s1.pending").exists()


def test_a_reader_shows_a_marked_session_as_its_file_has_it_and_writes_nothing(db, with_action, clock):
    session = core.apply(with_action, ev.DeleteAction(with_action.actions[0].id), clock.now())
    session = core.apply(session, ev.AddAction("Ask Tom", owner="Tom Becker"), clock.now())
    killed_after_the_session_file(db, core.apply(session, ev.CloseSession(), clock.now()))
    before = files_as_they_are(db)
    with Store(db, readonly=True) as reader:
        assert reader.running() == []
        assert [a.what for a in reader.actions()] == ["Ask Tom"]
    assert files_as_they_are(db) == before  # the marker too: the index waits for a writer


def test_follow_ups_are_applied_once_however_often_the_session_is_repaired(db, with_action, clock):
    with Store(db) as store:
        store.save_session(core.apply(with_action, ev.CloseSession(), clock.now()))
        clock.advance(14 * 86400)
        second = core.start("s2", with_action.group, with_action.protocol, clock.now(), "Tom Becker")
        [action] = store.carried_actions(second)
        second = core.apply(
            second,
            ev.ReviewAction(action.id, action.owner, action.what, ActionStatus.DONE, "done"),
            clock.now(),
        )
        store.save_session(second)
    killed_after_the_session_file(db, second)  # written again: the review is in the file twice over
    for _ in range(3):
        (sessions_dir(db) / "s2.pending").touch()
        with Store(db) as store:
            [action] = store.actions()
    assert [(c.status, c.note, c.session_id) for c in action.history] == [(ActionStatus.DONE, "done", "s2")]
    assert action.status is ActionStatus.DONE


def test_a_kill_inside_the_session_file_write_leaves_the_old_file_which_the_index_matches(
    db, with_action, clock
):
    (sessions_dir(db) / "s1.pending").touch()
    (sessions_dir(db) / ".s1.json.k1ll3d.tmp").write_text('{"session": {"1": {"id"')
    with Store(db) as store:
        assert [a.what for a in store.actions()] == ["Call HR"] and store.running()[0].id == "s1"
    assert sorted(p.name for p in sessions_dir(db).iterdir()) == ["s1.json"]


def test_a_marked_session_with_no_file_never_reached_the_disk(db, with_action):
    (sessions_dir(db) / "s2.pending").touch()
    index = db.read_bytes()
    Store(db).close()
    assert not (sessions_dir(db) / "s2.pending").exists() and db.read_bytes() == index


def test_a_marked_session_whose_file_is_damaged_is_told_and_keeps_its_marker(db, with_action):
    (sessions_dir(db) / "s1.json").write_text('{"session": {"1": {"id": "s1"}}}')
    (sessions_dir(db) / "s1.pending").touch()
    index = db.read_bytes()
    with Store(db) as store:
        [problem] = store.problems
        assert "s1.json: session file is damaged" in problem and "\n" not in problem
        with pytest.raises(StoreError, match="damaged"):
            store.load_session("s1")
    assert (sessions_dir(db) / "s1.pending").exists() and db.read_bytes() == index


def test_opening_reads_no_session_file_without_a_marker(db, with_action):
    (sessions_dir(db) / "s1.json").write_text("not even JSON")
    with Store(db) as store:
        assert store.problems == [] and store.running()[0].id == "s1"


def test_only_a_save_that_changes_the_index_leaves_a_marker_and_only_until_it_is_written(
    db, with_action, clock
):
    folder = sessions_dir(db)
    with Store(db) as store:
        session = store.load_session("s1")
        index = db.read_bytes()
        store.save_session(core.apply(session, ev.CaptureIdea("an idea"), clock.now()))
        assert db.read_bytes() == index and not list(folder.glob("*.pending"))
        store.save_session(core.apply(session, ev.CloseSession(), clock.now()))
        assert not store.running() and not list(folder.glob("*.pending"))


def test_an_action_followed_up_while_its_session_runs_keeps_its_history_when_edited(db, with_action, clock):
    """s1 left running; s2 follows up its action; s1, resumed, edits it: both stand."""
    with Store(db) as store:
        [action] = store.actions()
        clock.advance(60)
        second = core.start("s2", with_action.group, with_action.protocol, clock.now(), "Tom Becker")
        second = core.apply(
            second,
            ev.ReviewAction(action.id, action.owner, action.what, ActionStatus.IN_PROGRESS, "started"),
            clock.now(),
        )
        store.save_session(core.apply(second, ev.CloseSession(), clock.now()))
        first = store.load_session("s1")
        first = core.apply(
            first, ev.EditAction(action.id, "Call HR on Monday", action.owner, None), clock.now()
        )
        store.save_session(first)
        killed_after_the_session_file(db, first)  # and repaired: the same again
    with Store(db) as store:
        [action] = store.actions()
    assert (action.what, action.status) == ("Call HR on Monday", ActionStatus.IN_PROGRESS)
    assert [c.note for c in action.history] == ["started"]


def test_temporary_files_of_killed_writes_are_removed_by_the_next_writer(db, with_action):
    with Store(db) as store:
        store.save_recap("s1", "# recap", "md")
    left = [
        db.with_name(".peertui.json.a1.tmp"),
        sessions_dir(db) / ".s1.json.b2.tmp",
        sessions_dir(db) / ".s1.draft.c3.tmp",
        db.with_name("peertui.json.recaps") / ".s1.md.d4.tmp",
    ]
    someone_elses = db.with_name(".notes.txt.e5.tmp")
    for path in [*left, someone_elses]:
        path.write_text("{half")
    Store(db, readonly=True).close()
    assert all(path.exists() for path in left)  # a reader removes nothing
    Store(db).close()
    assert not any(path.exists() for path in left) and someone_elses.exists()
