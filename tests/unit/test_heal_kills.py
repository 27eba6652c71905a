"""A writer killed between a session's file and the others: the next writer heals them.

The kill test forks a child from this process (everything already imported, so a kill
costs milliseconds, not an interpreter's start) that works as the App does, and kills
it at a random moment; after each kill the store is opened as the writer and the index
must agree with the session files.
"""

from __future__ import annotations

import os
import random
import signal
import time
import traceback
from datetime import date
from pathlib import Path

import pytest

from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.clock import FakeClock
from peertui.core.model import ActionStatus, Group
from peertui.core.protocol import Protocol
from peertui.core.session_codec import session_from_dict, summary_of
from peertui.store import Store
from peertui.store.layout import Layout
from peertui.store.storage import read_json
from peertui.store.writer import SessionWriter

KILLS = int(os.environ.get("PEERTUI_HEAL_KILLS", "200"))
NOTES = ("", "on track", "done, went well", "blocked by HR", "dropped: no budget")


def _event(session: core.Session, carried: list, rng: random.Random, at: float) -> ev.Event:
    """One thing a facilitator does, drawn at random among those the session allows."""
    choices = ["idea", "add", "add", "add", "step"]
    if session.actions:
        choices += ["edit", "edit", "delete"]
    if carried:
        choices += ["review", "review", "review"]
    kind = rng.choice(choices)
    if kind == "idea":
        return ev.CaptureIdea(f"idea {rng.random():.6f}")
    if kind == "add":
        return ev.AddAction(
            f"do {rng.randrange(1000)}",
            owner=rng.choice(session.present),
            due=rng.choice((None, date(2027, 1, rng.randint(1, 28)))),
        )
    if kind == "edit":
        action = rng.choice(session.actions)
        return ev.EditAction(
            action.id,
            action.what + " (edited)",
            rng.choice(session.present),
            rng.choice((None, date(2027, 2, rng.randint(1, 28)))),
        )
    if kind == "delete":
        return ev.DeleteAction(rng.choice(session.actions).id)
    if kind == "review":
        action = rng.choice(carried)
        return ev.ReviewAction(
            action.id, action.owner, action.what, rng.choice(list(ActionStatus)), rng.choice(NOTES)
        )
    return ev.NextStep()


def _work(db: Path, run: int, groups: list[Group], protocol: Protocol) -> None:
    """What the App does, until killed: resume the running session or start one (saved at
    once), act on it through the background writer, close it (flushed), and again."""
    rng = random.Random(run)
    clock = FakeClock(1_767_261_600.0 + run * 86_400.0)  # every run later than the one before
    store = Store(db)
    errors: list[Exception] = []
    writer = SessionWriter(store, errors.append)
    while True:
        running = store.running()
        if running:
            session = store.load_session(running[-1].id)
        else:
            group = rng.choice(groups)
            store.save_group(group)
            session_id = store.new_session_id(group, clock.now())
            client = next(name for name in group.names if name != group.facilitator)
            session = core.start(session_id, group, protocol, clock.now(), client=client)
            store.save_session(session)
        carried = store.carried_actions(session)
        for _ in range(rng.randint(1, 8)):
            clock.advance(rng.uniform(1.0, 20.0))
            try:
                session = core.apply(session, _event(session, carried, rng, clock.now()), clock.now())
            except core.Refused:
                continue
            writer.submit(session)
        clock.advance(30.0)
        session = core.apply(session, ev.CloseSession(), clock.now())
        writer.submit(session)
        assert writer.flush()
        if errors:
            raise errors[0]
        carried = store.carried_actions(session)
        if carried and rng.random() < 0.5:  # between sessions: peertui action, which may move it
            action = rng.choice(carried)
            status = rng.choice(list(ActionStatus))
            store.save_action(action.changed(clock.now(), status, rng.choice(NOTES)))


def _fork_and_kill(db: Path, run: int, delay: float, groups: list[Group], protocol: Protocol) -> None:
    failure = db.with_name("child-failure.txt")
    pid = os.fork()
    if pid == 0:  # the child: works until killed; anything else is a failure told to the parent
        code = 3
        try:
            _work(db, run, groups, protocol)
        except BaseException:
            failure.write_text(traceback.format_exc())
        finally:
            os._exit(code)
    time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
        pytest.fail(
            f"run {run}: the writer stopped by itself:\n"
            + (failure.read_text() if failure.exists() else str(status))
        )


def check_agreement(db: Path, run: int = 0, seen: dict | None = None) -> tuple[int, int]:
    """Open as the writer (which heals), then compare the index with the session files:
    summaries (closed or running), each session's actions, each follow-up exactly once.
    How many sessions were marked before the opening, and how many follow-ups checked.
    `seen` keeps the files already decoded, by size and time: a closed session's stays."""
    folder = db.with_name(db.name + ".sessions")
    marked = len(list(folder.glob("*.pending")))
    Store(db).close()
    leftovers = [p.name for p in folder.iterdir() if p.suffix in (".pending", ".tmp")]
    leftovers += [p.name for p in db.parent.glob(f".{db.name}.*.tmp")]
    groups = db.with_name(db.name + ".groups")
    leftovers += [p.name for p in groups.iterdir() if p.suffix in (".pending", ".tmp")]
    assert not leftovers, f"run {run}: {leftovers}"
    sessions, seen = {}, {} if seen is None else seen
    for path in folder.glob("*.json"):
        stat = path.stat()
        key = (path.name, stat.st_size, stat.st_mtime_ns, stat.st_ino)
        if key not in seen:
            seen[key] = session_from_dict(next(iter(read_json(path)["session"].values())))
        sessions[seen[key].id] = seen[key]
    with Store(db, readonly=True) as reader:
        summaries = {s.id: s for s in reader.summaries()}
        everything = reader.actions()
        running = reader.running()
        last = reader.last_closed()
        digests = reader.digests()
    assert summaries == {s.id: summary_of(s) for s in sessions.values()}, f"run {run}: summaries"
    assert running == sorted((s for s in summaries.values() if s.running), key=lambda s: s.started_at)
    closed = [s for s in summaries.values() if not s.running]
    assert last == max(closed, key=lambda s: s.started_at, default=None), f"run {run}: latest"
    for group in {s.group for s in summaries.values()}:
        own = sorted((s for s in summaries.values() if s.group == group), key=lambda s: (s.started_at, s.id))
        assert digests[group] == (sum(not s.running for s in own), own[-5:]), f"run {run}: {group}"
    actions = {a.id: a for a in everything}
    assert len(actions) == len(everything), f"run {run}: an action in two files"
    layout = Layout(db.resolve())
    for path in layout.folder.glob("*.json"):  # each action in the one file it belongs in
        for record in read_json(path).get("actions", {}).values():
            assert layout.home(record) == path, f"run {run}: {record['id']} in {path.name}"
    own = {a.id: a for s in sessions.values() for a in s.actions}
    assert sorted(actions) == sorted(own), f"run {run}: actions"
    for action in own.values():
        stored = actions[action.id]
        assert (stored.owner, stored.what, stored.due, stored.created_at, stored.session_id) == (
            action.owner,
            action.what,
            action.due,
            action.created_at,
            action.session_id,
        ), f"run {run}"
    reviews = 0
    for session in sessions.values():
        for review in session.reviews:
            history = actions[review.action_id].history
            said = [c for c in history if (c.session_id, c.at) == (session.id, review.at)]
            assert [(c.status, c.note) for c in said] == [(review.status, review.note)], (
                f"run {run}: review of {review.action_id} in {session.id}"
            )
            reviews += 1
    for action in actions.values():
        moments = [(c.session_id, c.at) for c in action.history]
        assert len(moments) == len(set(moments)), f"run {run}: {action.id} followed up twice"
        if action.history:
            assert action.status == action.history[-1].status
    return marked, reviews


def test_a_writer_killed_at_random_moments_leaves_an_index_that_agrees(tmp_path, managers, lyon, codev):
    """KILLS kills, mid-write or not; after each, the next writer's index agrees with the files."""
    db = tmp_path / "peertui.json"
    rng = random.Random(2026)
    healed, seen = 0, {}
    for run in range(1, KILLS + 1):
        _fork_and_kill(db, run, rng.uniform(0.0, 0.035), [managers, lyon], codev)
        marked, reviews = check_agreement(db, run, seen)
        healed += marked
    with Store(db, readonly=True) as reader:
        assert len(reader.summaries()) > KILLS // 10 and len(reader.actions()) > KILLS // 10
    assert reviews > KILLS // 10
    assert healed > KILLS // 20, "the kills missed the moments between the two files"
    print(f"{healed} of {KILLS} kills left a marked session; {reviews} follow-ups checked")
