"""Fixtures of the plain commands' tests: a database with a history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from peertui.core import events as ev
from peertui.core import rules as core
from peertui.store import Store
from tests.unit.helpers import go_to


@pytest.fixture(autouse=True)
def english_unless_asked(monkeypatch):
    """The plain commands speak --lang, else LANG: a test reads English whatever the
    developer's own LANG, unless it asks for another."""
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def history(tmp_path, managers, codev, clock) -> Path:
    """A database with one closed session (with a confidential idea) and one running."""
    db = tmp_path / "peertui.json"
    with Store(db) as store:
        store.save_group(managers)
        session = core.start(
            "2026-11-01-0900-managers",
            managers,
            codev,
            clock.now(),
            client="Priya Raman",
            case_title="Quiet | *team*",
        )
        session = go_to(session, "consultation", clock.now())
        session = core.apply(session, ev.CaptureIdea("Try # weekly _1:1s_"), clock.now())
        session = core.apply(session, ev.CaptureIdea("PRIVATE", confidential=True), clock.now())
        session = go_to(session, "synthesis", clock.now())
        session = core.apply(session, ev.AddAction("Book | 1:1s", due=date(2026, 12, 1)), clock.now())
        store.save_session(core.apply(session, ev.CloseSession(), clock.now() + 60))
        store.save_session(
            core.start("2026-11-15-0900-managers", managers, codev, clock.now() + 9e5, client="Tom Becker")
        )
    return db
