"""Where the store writes: private folders and files, one database behind a symlink, and
one-line refusals where it cannot write (a read-only place, a full disk)."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import stat
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from peertui import paths
from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.model import Group, Participant
from peertui.store import Store, StoreError, markers
from peertui.store.layout import Layout, year_of

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0
as_root = pytest.mark.skipif(ROOT_USER, reason="chmod does not stop root")
posix = pytest.mark.skipif(os.name != "posix", reason="POSIX modes and signals")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def one_line(error: pytest.ExceptionInfo) -> str:
    message = str(error.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def everything_a_session_writes(db: Path, session: core.Session, clock) -> None:
    with Store(db) as store:
        store.save_group(session.group)
        store.save_session(session)
        store.save_session(core.apply(session, ev.AddAction("Call HR"), clock.now()))
        store.save_draft(session.id, "typed, not saved")
        store.save_recap(session.id, "# recap", "md")
        markers.mark(store.sessions_dir, "left-by-a-kill")  # as a killed save would leave it


# Private --------------------------------------------------------------------------------


@posix
@pytest.mark.parametrize("umask", [0o022, 0o077, 0o000])
def test_every_folder_and_file_the_store_makes_is_private(tmp_path, running, clock, umask):
    db = tmp_path / "nd" / "sub" / "p.json"
    old = os.umask(umask)
    try:
        everything_a_session_writes(db, running, clock)
    finally:
        os.umask(old)
    made = [tmp_path / "nd", *(tmp_path / "nd").rglob("*")]
    assert {p.name for p in made} >= {
        "nd",
        "sub",
        "p.json",
        "p.json.lock",
        "p.json.sessions",
        "s1.json",
        "s1.draft",
        "left-by-a-kill.pending",
        "p.json.recaps",
        "s1.md",
    }
    for path in made:
        assert mode(path) & 0o077 == 0, f"{path} is {oct(mode(path))}"
        assert mode(path) == (0o700 if path.is_dir() else 0o600), f"{path} is {oct(mode(path))}"


@posix
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG data folder")
def test_the_default_data_folder_is_private(tmp_path, monkeypatch):
    monkeypatch.delenv("PEERTUI_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    old = os.umask(0o022)
    try:
        Store(paths.default_db()).close()
    finally:
        os.umask(old)
    for folder in ("home", "home/.local", "home/.local/share", "home/.local/share/peertui"):
        assert mode(tmp_path / folder) == 0o700, folder


# One database, however it is reached ----------------------------------------------------


@posix
def test_through_a_symlink_it_is_the_same_database_and_the_link_stays(tmp_path, managers):
    real = tmp_path / "data" / "peertui.json"
    link = tmp_path / "peertui.json"
    link.symlink_to(real)  # dangling: the database is made where it points
    with Store(link) as store:
        store.save_group(managers)
        with pytest.raises(StoreError, match="already open in another peertui"):
            Store(real)
    assert link.is_symlink() and real.is_file()
    assert (tmp_path / "data" / "peertui.json.sessions").is_dir()
    assert not (tmp_path / "peertui.json.sessions").exists()
    with Store(link) as store, pytest.raises(StoreError, match="already open in another peertui"):
        Store(real)
    with Store(real, readonly=True) as reader:
        assert reader.groups() == [managers]


def test_the_refusal_names_the_other_peertui_and_how_to_end_it_safely(tmp_path):
    db = tmp_path / "peertui.json"
    with Store(db), pytest.raises(StoreError) as refused:
        Store(db)
    message = one_line(refused)
    assert f"pid {os.getpid()}" in message and f"kill {os.getpid()}" in message
    assert "every change is already on disk" in message


# Nowhere to write -----------------------------------------------------------------------


def test_a_database_under_a_regular_file_is_refused_in_one_line(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(StoreError) as refused:
        Store(tmp_path / "file" / "sub" / "peertui.json")
    assert one_line(refused) == (
        f"{tmp_path / 'file' / 'sub' / 'peertui.json'}: cannot write here "
        "(Not a directory): choose another place with --db"
    )


@posix
@as_root
@pytest.mark.parametrize("where", ["peertui.json", "sub/peertui.json"])
def test_a_folder_not_ours_to_write_is_refused_in_one_line(tmp_path, where):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    try:
        with pytest.raises(StoreError) as refused:
            Store(folder / where)
        assert one_line(refused).endswith(
            ": cannot write here (Permission denied): choose another place with --db"
        )
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


@posix
@as_root
@pytest.mark.parametrize("locked", ["folder", "sessions"])
def test_an_existing_database_in_a_folder_turned_read_only_is_refused_at_open(tmp_path, managers, locked):
    db = tmp_path / "data" / "peertui.json"
    with Store(db) as store:
        store.save_group(managers)
    folder = db.parent if locked == "folder" else db.with_name("peertui.json.sessions")
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError) as refused:
            Store(db)
        assert "cannot write here (Permission denied)" in one_line(refused)
        with Store(db, readonly=True) as reader:
            assert reader.groups() == [managers]
    finally:
        folder.chmod(0o700)


@contextlib.contextmanager
def small_disk(folder: Path, options: str):
    """A real tmpfs mounted at `folder` (root only; skipped where mount is not allowed)."""
    folder.mkdir()
    if (
        not ROOT_USER
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("needs a tmpfs mount (root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@posix
def test_a_read_only_filesystem_refuses_the_writer_not_the_reader(tmp_path, managers):
    with small_disk(tmp_path / "disk", "size=1m,mode=700") as disk:
        db = disk / "peertui.json"
        with Store(db) as store:
            store.save_group(managers)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        with pytest.raises(StoreError) as refused:
            Store(db)
        assert one_line(refused) == (
            f"{db}: cannot write here (Read-only file system): choose another place with --db"
        )
        with Store(db, readonly=True) as reader:
            assert reader.groups() == [managers]


# A full disk, a failing write -------------------------------------------------------------


def fill(disk: Path) -> Path:
    filler = disk / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as file:
        while True:
            file.write(b"x" * 65536)
            file.flush()
    return filler


@posix
def test_a_full_disk_is_said_and_every_file_kept_as_it_was(tmp_path, running, clock):
    with small_disk(tmp_path / "disk", "size=2m,mode=700") as disk:
        db = disk / "peertui.json"
        with Store(db) as store:
            store.save_session(running)
            session = core.apply(running, ev.AddAction("Call HR"), clock.now())
            before = {p: p.read_bytes() for p in disk.rglob("*") if p.is_file()}
            filler = fill(disk)
            fails = [
                lambda: store.save_session(session),
                lambda: store.save_draft("s1", "typed" * 2000),
                lambda: store.save_recap("s1", "# recap" * 2000, "md"),
                lambda: store.save_group(Group("G" * 5000, "en", (Participant("A" * 9000),))),
            ]
            for fail in fails:
                with pytest.raises(StoreError) as refused:
                    fail()
                assert "not saved, the disk is full; free some space" in one_line(refused)
            assert {p: p.read_bytes() for p in before} == before
            filler.unlink()
            store.save_session(core.apply(session, ev.CaptureIdea("after"), clock.now()))
            assert [a.what for a in store.actions()] == ["Call HR"]  # the index caught up
        with Store(db, readonly=True) as reader:
            assert [a.what for a in reader.actions()] == ["Call HR"]


@posix
def test_after_a_failed_index_write_the_next_save_updates_the_index(tmp_path, managers, running, clock):
    """A real write error (the file size limit), between the session's file and its group's."""
    db = tmp_path / "peertui.json"
    earlier = replace(running, id="s0", started_at=running.started_at - 86_400)
    for n in range(30):  # the group's open actions, about 40 KB, outgrow a session's file
        earlier = core.apply(earlier, ev.AddAction(f"{n} " + "x" * 1200), earlier.started_at + n)
    with Store(db) as store:
        store.save_session(core.apply(earlier, ev.CloseSession(), earlier.started_at + 60))
        store.save_session(running)
        opened = Layout(db).open(managers.name, year_of(clock.now()))
        before = opened.read_bytes()
        session = core.apply(running, ev.AddAction("Call HR"), clock.now())
        limits = resource.getrlimit(resource.RLIMIT_FSIZE)
        handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) + 10, limits[1]))
        try:
            with pytest.raises(StoreError) as refused:
                store.save_session(session)
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, limits)
            signal.signal(signal.SIGXFSZ, handler)
        assert "not saved (File too large); the last saved version is intact" in one_line(refused)
        assert opened.read_bytes() == before and len(store.open_actions()) == 30
        assert store.load_session("s1") == session  # the session's own file was written
        store.save_session(core.apply(session, ev.CaptureIdea("no index change"), clock.now()))
        assert [a.what for a in store.open_actions() if a.session_id == "s1"] == ["Call HR"]
    with Store(db, readonly=True) as reader:
        assert [a.what for a in reader.actions() if a.session_id == "s1"] == ["Call HR"]
