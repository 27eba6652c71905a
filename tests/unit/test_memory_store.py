"""The group's memory on disk: harvested when a session closes, healed from the session
files when it is not, sheets kept; read by `peertui knowledge` and `peertui bilan`."""

from __future__ import annotations

import json
import stat
import subprocess
import sys

import pytest
from markdown_it import MarkdownIt

from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.sheets import sheet_from
from peertui.store import Store
from tests.unit.helpers import go_to


@pytest.fixture
def closed(lyon, codev, clock):
    at = clock.now()
    session = core.start(
        "2026-09-21-1400-lyon", lyon, codev, at, client="Zoé Mercier", case_title="Nuit #délégation"
    )
    session = go_to(session, "consultation", at)
    session = core.apply(
        session, ev.CaptureIdea("Un rituel #réunion", author="Noël Bénard", kind="suggestion"), at
    )
    session = core.apply(session, ev.CaptureIdea("Sans thème", author="Anaïs Côté", kind="suggestion"), at)
    session = go_to(session, "evaluation", at)
    session = core.apply(session, ev.FillPart("learning", "Écouter avant de conseiller", "Noël Bénard"), at)
    session = core.apply(session, ev.AddAction("Appeler la DRH", owner="Zoé Mercier"), at)
    return core.apply(session, ev.CloseSession(), at + 3600)


def test_a_closed_session_gives_its_memory_and_a_sheet_is_kept(tmp_path, closed):
    db = tmp_path / "peertui.json"
    with Store(db) as store:
        store.save_session(closed)
        items = store.knowledge(closed.group.name)
        assert sorted(item.text for item in items) == ["Un rituel #réunion", "Écouter avant de conseiller"]
        sheet = sheet_from(items, store.new_sheet_id(), 10.0)
        store.save_sheet(sheet)
    (path,) = db.with_name(db.name + ".memory").iterdir()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with Store(db, readonly=True) as reader:
        assert reader.sheets() == [sheet] and len(reader.knowledge()) == 2


def test_a_database_without_memory_is_harvested_from_its_session_files(tmp_path, closed):
    db = tmp_path / "peertui.json"
    with Store(db) as store:
        store.save_session(closed)
    memory = db.with_name(db.name + ".memory")
    for path in memory.iterdir():
        path.unlink()  # as a database of the release before
    with Store(db, readonly=True) as reader:
        assert len(reader.knowledge("Codév cadres de santé — Lyon")) == 2
    assert list(memory.iterdir()) == []  # a reader never writes
    with Store(db) as store:
        assert len(store.knowledge()) == 2
    assert len(list(memory.iterdir())) == 1  # the writer keeps what it harvested


def test_a_damaged_memory_file_is_named_in_one_line(tmp_path, closed):
    db = tmp_path / "peertui.json"
    with Store(db) as store:
        store.save_session(closed)
    (path,) = db.with_name(db.name + ".memory").iterdir()
    path.write_text('{"items": [{"id": 1}]}', encoding="utf-8")
    run = [sys.executable, "-m", "peertui", "--db", str(db), "knowledge"]
    done = subprocess.run(run, capture_output=True, text=True)
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and str(path) in done.stderr
    assert path.read_text(encoding="utf-8") == '{"items": [{"id": 1}]}'  # left untouched


def test_the_knowledge_and_bilan_commands(tmp_path, closed):
    db = tmp_path / "peertui.json"
    with Store(db) as store:
        store.save_session(closed)
    run = [sys.executable, "-m", "peertui", "--db", str(db), "--lang", "fr"]
    found = subprocess.run(
        [*run, "knowledge", "--group", "lyon", "--tag", "délégation", "--format", "json"],
        capture_output=True,
        text=True,
    )
    document = json.loads(found.stdout)
    assert (document["format"], document["version"]) == ("peertui.knowledge", 1)
    assert len(document["items"]) == 2
    searched = subprocess.run([*run, "knowledge", "--search", "ECOUTER"], capture_output=True, text=True)
    assert "Écouter avant de conseiller" in searched.stdout and "rituel" not in searched.stdout
    bilan = subprocess.run([*run, "bilan", "--group", "lyon"], capture_output=True, text=True)
    assert bilan.returncode == 0, bilan.stderr
    tokens = MarkdownIt().enable("table").parse(bilan.stdout)
    assert tokens[0].type == "heading_open" and "bilan du cycle" in tokens[1].content
    assert "Appeler la DRH" not in bilan.stdout  # an action's text is not a sponsor's to read
    assert "Nuit #délégation" in bilan.stdout.replace("\\#", "#")
