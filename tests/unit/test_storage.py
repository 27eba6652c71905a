import json
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tinydb import TinyDB

from peertui.store.storage import AtomicJSONStorage, StoreError, atomic_write, read_json, remove_stale_temps

WRITER = Path(__file__).with_name("kill_writer.py")
ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_files_are_private(tmp_path):
    db = TinyDB(tmp_path / "db.json", storage=AtomicJSONStorage)
    db.insert({"a": 1})
    assert mode(tmp_path / "db.json") == 0o600


def test_an_existing_mode_is_kept(tmp_path):
    path = tmp_path / "db.json"
    path.write_text("{}")
    path.chmod(0o640)
    atomic_write(path, b'{"x": {}}')
    assert mode(path) == 0o640
    assert json.loads(path.read_text()) == {"x": {}}


def test_no_temporary_file_is_left(tmp_path):
    db = TinyDB(tmp_path / "db.json", storage=AtomicJSONStorage)
    for i in range(5):
        db.insert({"i": i})
    assert [p.name for p in tmp_path.iterdir()] == ["db.json"]


def test_stale_temporary_files_are_removed(tmp_path):
    (tmp_path / ".db.json.abc.tmp").write_text("{")
    remove_stale_temps(tmp_path, "db.json")
    assert list(tmp_path.iterdir()) == []


def test_a_damaged_file_is_reported_and_left_untouched(tmp_path):
    path = tmp_path / "db.json"
    path.write_text('{"_default": {"1": ')
    with pytest.raises(StoreError, match=r"invalid JSON at line 1\); it was left untouched"):
        read_json(path)
    assert path.read_text() == '{"_default": {"1": '


def test_a_reader_storage_never_writes(tmp_path):
    with pytest.raises(StoreError, match="read-only"):
        AtomicJSONStorage(tmp_path / "x.json", writable=False).write({})
    assert not (tmp_path / "x.json").exists()


def _read_acks(proc: subprocess.Popen) -> tuple[set[int], set[int], set[int]]:
    """Acknowledged inserts, acknowledged removals, and a removal under way, if any."""
    out = proc.stdout.read()
    lines = out[: out.rfind("\n") + 1].split()  # a line cut by the kill was not acknowledged
    added = {int(line[1:]) for line in lines if line.startswith("+")}
    removed = {int(line[1:]) for line in lines if line.startswith("-")}
    started = {int(line[1:]) for line in lines if line.startswith("~")}
    return added, removed, started - removed


KILLS = int(os.environ.get("PEERTUI_KILLS", "50"))


def test_sigkill_at_random_moments_never_loses_an_acknowledged_write(tmp_path):
    """A writer is killed KILLS times, mid-write or not; the file always parses and
    holds every record whose insert had returned (and not those whose removal had)."""
    path = tmp_path / "db.json"
    rng = random.Random(2026)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    expected: set[int] = set()
    for run in range(1, KILLS + 1):
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), str(run)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.12))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        added, removed, removing = _read_acks(proc)
        must_hold = (expected | added) - removed - removing
        if not path.exists():  # killed before its first write (a busy machine): nothing to lose
            assert not must_hold, f"run {run}: no file, yet {sorted(must_hold)[:5]} acknowledged"
            continue
        data = json.loads(path.read_text(encoding="utf-8"))  # must parse, every time
        stored = {record["id"] for record in data.get("records", {}).values()}
        # A write the kill cut short may or may not have landed; an acknowledged one must have.
        assert must_hold <= stored, f"run {run}: lost {sorted(must_hold - stored)[:5]}"
        assert not stored & removed, f"run {run}: removed records came back"
        expected = stored  # what is on disk is where the next writer starts from
    assert expected  # the writers did write
