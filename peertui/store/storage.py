"""A TinyDB storage that never leaves a torn file behind.

TinyDB's JSONStorage rewrites its file in place: a process killed mid-write
leaves it unparseable. Here every write is atomic and durable (peertui/files.py):
a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from peertui.files import atomic_write


class StoreError(Exception):
    """A problem with the database a user can act on; the message is one line."""


DISK_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
NOT_ALLOWED = (errno.EACCES, errno.EPERM, errno.EROFS)


def cannot_write_here(database: Path, error: OSError) -> StoreError:
    """Opening as the writer failed at some step (a folder, the lock, a first file)."""
    if error.errno in DISK_FULL:
        return StoreError(f"{database}: cannot be opened, the disk is full; free some space")
    reason = error.strerror or type(error).__name__
    return StoreError(f"{database}: cannot write here ({reason}): choose another place with --db")


def not_saved(path: Path, error: OSError) -> StoreError:
    """A write failed; atomic_write left the previous file as it was."""
    if error.errno in DISK_FULL:
        return StoreError(
            f"{path}: not saved, the disk is full; free some space (the last saved version is intact)"
        )
    reason = error.strerror or type(error).__name__
    if error.errno in NOT_ALLOWED:
        return StoreError(
            f"{path}: not saved, cannot write here ({reason}); the last saved version is intact"
        )
    return StoreError(f"{path}: not saved ({reason}); the last saved version is intact")


def write_file(path: Path, payload: bytes) -> None:
    """atomic_write, a failure told in one line."""
    try:
        atomic_write(path, payload)
    except OSError as error:
        raise not_saved(path, error) from None


def remove_stale_temps(folder: Path, name: str = "") -> None:
    """Temporary files left in `folder` by a writer killed mid-write (call with the lock held).

    `name` narrows them to one file's (.NAME.*.tmp): the index's folder may be shared.
    """
    with contextlib.suppress(OSError):
        for temp in folder.glob(f".{name}.*.tmp" if name else ".*.tmp"):
            with contextlib.suppress(OSError):
                temp.unlink()


def probe(folder: Path, name: str) -> None:
    """OSError if no file can be made in `folder` (read-only, not ours); leaves nothing.

    Named as atomic_write's temporary files are, so that a kill here leaves one that
    the next writer removes."""
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    os.unlink(temp)


def read_json(path: Path) -> dict[str, Any] | None:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(f"{path}: cannot be read ({error.strerror})") from None
    if not raw.strip():
        return None
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        where = f" at line {error.lineno}" if isinstance(error, json.JSONDecodeError) else ""
        raise StoreError(
            f"{path}: not a peertui database (invalid JSON{where}); it was left untouched"
        ) from None
    if not isinstance(data, dict):
        raise StoreError(f"{path}: not a peertui database; it was left untouched")
    return data


def dump_json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class AtomicJSONStorage(Storage):
    """TinyDB storage with atomic, durable writes.

    The writer keeps what it last read or wrote in memory: it holds the lock, so
    the file cannot change under it, and TinyDB would otherwise re-read and
    re-parse the whole file before every query. Read-only storages read afresh
    each time, so they follow the writer.
    """

    def __init__(self, path: str | os.PathLike[str], writable: bool = True) -> None:
        self.path = Path(path)
        self.writable = writable
        self._cache: dict[str, Any] | None = None

    def read(self) -> dict[str, Any] | None:
        if self._cache is not None:
            return self._cache
        data = read_json(self.path)
        if self.writable:
            self._cache = data
        return data

    def write(self, data: dict[str, Any]) -> None:
        if not self.writable:
            raise StoreError(f"{self.path}: opened read-only")
        write_file(self.path, dump_json(data))
        self._cache = data  # only once written: memory never runs ahead of the file

    def close(self) -> None:
        self._cache = None
