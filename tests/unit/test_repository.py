import json
import os
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.model import ActionStatus
from peertui.store import Store, StoreError
from peertui.store.schema import SCHEMA
from peertui.store.writer import SessionWriter
from tests.unit.helpers import go_to

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "data" / "peertui.json"


def test_a_new_database_is_private_and_stamped(db):
    with Store(db):
        pass
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.with_name("peertui.json.sessions").stat().st_mode) == 0o700
    assert json.loads(db.read_text())["_meta"] == {"1": {"schema": SCHEMA}}


def test_a_second_writer_is_refused_with_a_clear_message(db):
    with Store(db), pytest.raises(StoreError) as refused:
        Store(db)
    message = str(refused.value)
    assert "already open in another peertui" in message and f"pid {os.getpid()}" in message
    assert "\n" not in message


def test_a_second_writer_in_another_process_is_refused(db):
    with Store(db):
        code = f"from peertui.cli import main; raise SystemExit(main(['--db', {str(db)!r}]))"
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=60,
        )
    assert done.returncode == 1
    assert done.stderr.startswith("peertui: ") and "already open in another peertui" in done.stderr
    assert done.stderr.count("\n") == 1


def test_the_lock_is_released_on_close(db):
    Store(db).close()
    Store(db).close()


def test_a_reader_opens_beside_the_writer(db, managers):
    with Store(db) as writer:
        writer.save_group(managers)
        with Store(db, readonly=True) as reader:
            assert reader.groups() == [managers]
            with pytest.raises(StoreError, match="read-only"):
                reader.save_group(managers)


def test_a_reader_of_a_missing_database_sees_nothing_and_creates_nothing(db):
    with Store(db, readonly=True) as reader:
        assert reader.groups() == [] and reader.summaries() == []
    assert not db.exists()


def test_a_reader_running_beside_a_busy_writer_never_fails_to_parse(db, managers):
    with Store(db) as store:
        store.save_group(managers)
    script = (
        "import sys\nfrom peertui.store import Store\nfrom peertui.core.model import Group, Participant\n"
        f"s = Store({str(db)!r})\nprint('ready', flush=True)\nfor i in range(100000):\n"
        "    s.save_group(Group(f'g{i % 40}', 'fr', tuple(Participant('p' * (i % 300 + 1) + str(k)) "
        "for k in range(3))))\n"
    )
    writer = subprocess.Popen(
        [sys.executable, "-c", script],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert writer.stdout.readline().strip() == "ready"
        reads, deadline = 0, time.monotonic() + 1.5
        while time.monotonic() < deadline:
            with Store(db, readonly=True) as reader:
                assert reader.groups()  # parsed whole, every time
            reads += 1
        assert writer.poll() is None  # the writer was writing all along
    finally:
        writer.kill()
        writer.wait()
    assert reads > 20


def test_a_damaged_database_is_refused_and_untouched(db):
    db.parent.mkdir(parents=True)
    db.write_text("not json")
    with pytest.raises(StoreError, match="not a peertui database"):
        Store(db)
    assert db.read_text() == "not json"
    Store(db.with_name("other.json")).close()  # and the lock was let go: another opens fine


def test_an_old_database_is_migrated_and_a_newer_one_refused(db, managers):
    db.parent.mkdir(parents=True)
    db.write_text(
        json.dumps(
            {
                "groups": {
                    "1": {
                        "name": "Old",
                        "language": "fr",
                        "participants": [{"name": n, "role": "", "contact": ""} for n in "ABC"],
                        "cadence": "",
                        "planned_sessions": 0,
                        "facilitator": "",
                    }
                }
            }
        )
    )
    with Store(db) as store:
        assert store.schema == SCHEMA
        assert [g.name for g in store.groups()] == ["Old"]
    assert json.loads(db.read_text())["_meta"]["1"]["schema"] == SCHEMA
    db.write_text(json.dumps({"_meta": {"1": {"schema": SCHEMA + 1}}}))
    with pytest.raises(StoreError, match="newer peertui"):
        Store(db)
    with pytest.raises(StoreError, match="newer peertui"):
        Store(db, readonly=True)


def test_sessions_are_saved_one_file_each_and_listed(db, managers, codev, clock):
    with Store(db) as store:
        session_id = store.new_session_id(managers, clock.now())
        session = core.start(session_id, managers, codev, clock.now(), client="Priya Raman")
        store.save_session(session)
        assert store.running()[0].id == session_id
        assert store.new_session_id(managers, clock.now()) == session_id + "-2"
        session = core.apply(session, ev.CaptureIdea("[bold]ça[/] ✨"), clock.now())
        store.save_session(session)
        assert store.load_session(session_id) == session
        assert (db.parent / "peertui.json.sessions" / f"{session_id}.json").exists()
    with Store(db, readonly=True) as reader:
        assert reader.load_session(session_id) == session
        assert reader.summaries(group=managers.name)[0].client == "Priya Raman"


def test_live_writes_leave_the_index_alone(db, managers, codev, clock):
    with Store(db) as store:
        session = core.start("s1", managers, codev, clock.now(), client="Priya Raman")
        store.save_session(session)
        before = db.stat().st_mtime_ns, db.read_bytes()
        time.sleep(0.01)
        for i in range(5):
            session = core.apply(session, ev.CaptureIdea(f"idea {i}"), clock.now())
            store.save_session(session)
        assert (db.stat().st_mtime_ns, db.read_bytes()) == before


def test_actions_reach_the_index_and_reviews_become_history(db, managers, codev, clock):
    with Store(db) as store:
        first = core.start("s1", managers, codev, clock.now(), client="Priya Raman")
        first = go_to(first, "synthesis", clock.now())
        first = core.apply(first, ev.AddAction("Call HR", due=date(2026, 12, 1)), clock.now())
        store.save_session(first)
        action = store.actions()[0]
        assert (action.owner, action.what, action.status) == ("Priya Raman", "Call HR", ActionStatus.OPEN)
        first = core.apply(first, ev.CloseSession(), clock.now())
        store.save_session(first)

        clock.advance(28 * 86400)
        second = core.start("s2", managers, codev, clock.now(), client="Tom Becker")
        second = core.apply(
            second,
            ev.ReviewAction(action.id, action.owner, action.what, ActionStatus.DONE, "done, went well"),
            clock.now(),
        )
        store.save_session(second)
        updated = store.action(action.id)
        assert updated.status is ActionStatus.DONE
        assert [(c.status, c.note, c.session_id) for c in updated.history] == [
            (ActionStatus.DONE, "done, went well", "s2")
        ]


def test_deleting_an_action_in_the_session_removes_it_from_the_index(db, managers, codev, clock):
    with Store(db) as store:
        session = core.start("s1", managers, codev, clock.now(), client="Priya Raman")
        session = core.apply(session, ev.AddAction("Oops"), clock.now())
        store.save_session(session)
        session = core.apply(session, ev.DeleteAction(session.actions[0].id), clock.now())
        store.save_session(session)
        assert store.actions() == []


def test_a_bad_session_id_is_refused(db):
    with Store(db) as store, pytest.raises(StoreError, match="not a session id"):
        store.load_session("../../etc/passwd")


def test_the_writer_thread_saves_the_latest_session(db, managers, codev, clock):
    errors = []
    with Store(db) as store:
        writer = SessionWriter(store, errors.append)
        session = core.start("s1", managers, codev, clock.now(), client="Priya Raman")
        for i in range(200):
            session = core.apply(session, ev.CaptureIdea(f"idea {i}"), clock.now())
            writer.submit(session)
        assert writer.flush()
        writer.close()
        assert store.load_session("s1") == session
    assert errors == []
