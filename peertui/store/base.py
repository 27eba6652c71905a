"""What every part of the Store shares: its places, its lock and mutex, and the files as kept.

The Store (repository.py) is made of parts, each a class in its own module on this
base; they read and write the index and the groups' files through it. Files are read
when first asked for and checked (shape.py: a damaged one is named in one line and left
untouched); those a change reads are kept, for they cannot change under the writer,
which holds the lock.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from peertui.core.model import Action, Review, SessionSummary
from peertui.store import index
from peertui.store.layout import Layout
from peertui.store.lock import WriterLock
from peertui.store.schema import META, SCHEMA, migrate, version_of
from peertui.store.shape import check_index
from peertui.store.storage import AtomicJSONStorage, StoreError


class StoreBase:
    """The Store's state, and its files as read or last written. It opens nothing."""

    def __init__(self, path: Path, readonly: bool = False) -> None:
        try:
            self.path = Path(path).expanduser().resolve()
        except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop
            raise StoreError(f"{path}: cannot be resolved ({error})") from None
        self.readonly = readonly
        self.layout = Layout(self.path)
        self.sessions_dir = self.path.with_name(self.path.name + ".sessions")
        self.recaps_dir = self.path.with_name(self.path.name + ".recaps")
        self.problems: list[str] = []  # said once by whoever opened the store; never fatal
        self._lock = WriterLock(self.path)
        self._mutex = threading.RLock()  # the UI thread and the writer thread share the store
        self._files: dict[Path, index.Tables] = {}  # the files as read or last written
        self._whole = False  # a reader of a schema-1 index: _files holds all there is
        # What of each session the files already have: its summary, actions and follow-ups.
        self._synced: dict[str, tuple[SessionSummary, tuple[Action, ...], tuple[Review, ...]]] = {}
        self._behind: set[str] = set()  # sessions marked on disk: the files may be behind them

    def _writable(self) -> None:
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")

    def _session_path(self, session_id: str) -> Path:
        if not re.fullmatch(r"[A-Za-z0-9._-]+", session_id) or session_id.startswith("."):
            raise StoreError(f"{session_id!r}: not a session id")
        return self.sessions_dir / f"{session_id}.json"

    # The files ------------------------------------------------------------------

    def _read(self, path: Path, keep: bool = True) -> index.Tables:
        """A file's tables, checked; {} if there is no such file. Kept in memory if `keep`
        (what a change reads: it is written soon); a question's reads are not, so that the
        writer's memory does not grow with each group looked at."""
        found = self._files.get(path)
        if found is not None or self._whole:
            return found or {}
        raw = AtomicJSONStorage(path, writable=False).read() or {}
        if raw:
            version = version_of(raw, str(path))
            if version > SCHEMA:
                migrate(raw, str(path))  # says it: written by a newer peertui
            check_index(raw, path)
        if keep:
            self._files[path] = raw
        return raw

    def _index(self) -> index.Tables:
        return self._read(self.path)

    def _names(self) -> list[str]:
        """The files of the groups' folder, as the disk has them and the memory adds."""
        kept = [path.name for path in self._files if path.parent == self.layout.folder]
        return sorted({*kept, *([] if self._whole else self.layout.names())})

    def _batch(self) -> index.Batch:
        return index.Batch(self.layout, self._read, self._names)

    def _write(self, batch: index.Batch) -> None:
        """The batch's files, in its order (Batch.writes), each atomically; the memory
        follows each one."""
        for path, tables in batch.writes():
            tables[META] = {"1": {"schema": SCHEMA}}
            AtomicJSONStorage(path).write(tables)  # TinyDB's storage: atomic and durable
            self._files[path] = tables
