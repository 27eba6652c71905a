"""A TinyDB storage that never leaves a torn file behind.

TinyDB's JSONStorage rewrites its file in place: a process killed mid-write
leaves it unparseable. Here every write is atomic and durable (peertui/files.py):
a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from peertui.files import atomic_write


class StoreError(Exception):
    """A problem with the database a user can act on; the message is one line."""


def remove_stale_temps(path: Path) -> None:
    """Temporary files left by a writer that was killed mid-write (call with the lock held)."""
    for temp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            temp.unlink()


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
        atomic_write(self.path, dump_json(data))
        self._cache = data

    def close(self) -> None:
        self._cache = None
