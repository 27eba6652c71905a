"""The database: groups, sessions and actions, in TinyDB files.

Layout, for a database at DB (default: the user's data folder, peertui.json):

    DB                      the index: groups, one summary per session, every action
    DB.sessions/ID.json     one file per session, rewritten as the session runs
    DB.sessions/ID.pending  while the index may be behind that file (see markers.py)
    DB.sessions/ID.draft    what is typed in the session and not yet saved
    DB.recaps/              the recaps, as files
    DB.lock                 held by the one writer

A live session only rewrites its own file (tens of KB), whatever the history;
the index changes when a session starts, closes or commits an action. A
session's file is the truth: the index's records of it are derived from it,
and re-derived from it after a crash between the two files. DB is resolved
once: reached through a symlink, it is the same database, lock and folders.
Every folder made is 0700, every file 0600.
"""

from __future__ import annotations

import contextlib
import re
import threading
import unicodedata
import uuid
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from peertui.core import codec
from peertui.core.model import Action, Group, Review, SessionSummary
from peertui.files import make_private_folders
from peertui.store import index, markers
from peertui.store.lock import WriterLock
from peertui.store.memory import GroupMemory, MemoryFiles
from peertui.store.repair import Repair, read_session
from peertui.store.schema import META, SCHEMA, migrate, stamped, version_of
from peertui.store.shape import check_index
from peertui.store.storage import (
    AtomicJSONStorage,
    MemoryStorage,
    StoreError,
    cannot_write_here,
    dump_json,
    not_saved,
    probe,
    read_json,
    remove_stale_temps,
    write_file,
)

if TYPE_CHECKING:  # a whole session is loaded only when one is: the home screen needs none
    from peertui.core.knowledge import Knowledge, Sheet
    from peertui.core.session import Session


def slug(text: str, limit: int = 32) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:limit].strip("-") or "group"


class Store:
    """The one door to the files. Open it as the writer (one process) or read-only.

    The writer, on opening, repairs the index from the file of each session with a
    marker (markers.py) and removes the temporary files of killed writes. A reader
    never writes: a marked session (being saved right now, or its writer was killed
    while saving it) is shown as its file has it (summary, actions, follow-ups), in
    the reader's memory only; the index itself waits for the next writer.
    """

    def __init__(self, path: Path, readonly: bool = False) -> None:
        try:
            self.path = Path(path).expanduser().resolve()
        except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop
            raise StoreError(f"{path}: cannot be resolved ({error})") from None
        self.readonly = readonly
        self.sessions_dir = self.path.with_name(self.path.name + ".sessions")
        self.recaps_dir = self.path.with_name(self.path.name + ".recaps")
        self._memories = MemoryFiles(self.path)
        self.problems: list[str] = []  # said once by whoever opened the store; never fatal
        self._lock = WriterLock(self.path)
        self._mutex = threading.RLock()  # the UI thread and the writer thread share the store
        # What of each session the index already has: its summary, actions and follow-ups.
        self._synced: dict[str, tuple[SessionSummary, tuple[Action, ...], tuple[Review, ...]]] = {}
        self._behind: set[str] = set()  # sessions marked on disk: the index may be behind them
        self._storage = self._open_reader() if readonly else self._open_writer()

    # Opening ------------------------------------------------------------------

    def _open_writer(self) -> AtomicJSONStorage:
        try:
            make_private_folders(self.path.parent)
        except OSError as error:
            raise cannot_write_here(self.path, error) from None
        self._lock.acquire()
        try:
            return self._prepare_writer()
        except BaseException:
            self._lock.release()
            raise

    def _prepare_writer(self) -> AtomicJSONStorage:
        try:
            make_private_folders(self.sessions_dir)
            remove_stale_temps(self.path.parent, self.path.name)
            remove_stale_temps(self.sessions_dir)
            remove_stale_temps(self.recaps_dir)
            probe(self.path.parent, self.path.name)  # fail now, not at the first save
            probe(self.sessions_dir, "probe")
        except OSError as error:
            raise cannot_write_here(self.path, error) from None
        storage = AtomicJSONStorage(self.path)
        raw = storage.read()
        if raw is None:
            storage.write(stamped({}))
            return storage
        raw, migrated = migrate(raw, str(self.path))
        check_index(raw, self.path)  # before anything is written: a damaged file stays as it is
        repair = self._repair(raw)
        if migrated or repair.tables is not raw:
            storage.write(repair.tables)
        for session_id in repair.done:
            markers.clear(self.sessions_dir, session_id)
        return storage

    def _open_reader(self) -> MemoryStorage:
        raw = read_json(self.path) or stamped({})
        raw, _ = migrate(raw, str(self.path))
        check_index(raw, self.path)
        return MemoryStorage(self._repair(raw).tables)

    def _repair(self, tables: index.Tables) -> Repair:
        repair = Repair(tables, self.sessions_dir, self._session_path)
        self.problems += repair.problems
        self._behind.update(repair.behind)
        return repair

    def close(self) -> None:
        with self._mutex:
            self._storage.close()
            self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def schema(self) -> int:
        return version_of(self._tables(), str(self.path)) or SCHEMA

    def _tables(self) -> index.Tables:
        return self._storage.read() or {}

    def _writable(self) -> None:
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")

    def _write_index(self, tables: index.Tables | None) -> None:
        if tables is not None:
            self._storage.write(tables)

    # Groups ---------------------------------------------------------------------

    def save_group(self, group: Group) -> None:
        self._writable()
        with self._mutex:
            self._write_index(index.upserted(self._tables(), "groups", "name", [codec.group_to_dict(group)]))

    def groups(self) -> list[Group]:
        with self._mutex:
            return index.decoded(self._tables(), "groups", codec.group_from_dict, self.path)

    # Sessions -------------------------------------------------------------------

    def new_session_id(self, group: Group, at: float) -> str:
        base = f"{datetime.fromtimestamp(at):%Y-%m-%d-%H%M}-{slug(group.name)}"
        taken = {s.id for s in self.summaries()}
        candidate, n = base, 1
        while candidate in taken or self._session_path(candidate).exists():
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def _session_path(self, session_id: str) -> Path:
        if not re.fullmatch(r"[A-Za-z0-9._-]+", session_id) or session_id.startswith("."):
            raise StoreError(f"{session_id!r}: not a session id")
        return self.sessions_dir / f"{session_id}.json"

    def save_session(self, session: Session) -> None:
        """Write the session; then, where it changed (start, close, actions, follow-ups), the
        index, a marker standing on disk in between (markers.py). A failure is a StoreError,
        the files as they were, and the next save tries the index again."""
        self._writable()
        from peertui.core import session_codec

        record = session_codec.session_to_dict(session)
        payload = dump_json({"session": {"1": record}, META: {"1": {"schema": SCHEMA}}})
        with self._mutex:
            path = self._session_path(session.id)
            now = (session_codec.summary_of(session), session.actions, session.reviews)
            index_changes = self._synced.get(session.id) != now or session.id in self._behind
            if index_changes and session.id not in self._behind:
                try:
                    markers.mark(self.sessions_dir, session.id)
                except OSError as error:
                    raise not_saved(path, error) from None
                self._behind.add(session.id)
            write_file(path, payload)
            if not index_changes:
                return
            self._write_index(index.with_session(self._tables(), session))
            self._synced[session.id] = now
            self._behind.discard(session.id)
            markers.clear(self.sessions_dir, session.id)
            if session.closed:
                self._harvest(session)

    def load_session(self, session_id: str) -> Session:
        session = read_session(self._session_path(session_id))
        if session is None:
            raise StoreError(f"no session {session_id!r} in {self.path}")
        from peertui.core import session_codec

        with self._mutex:
            if session.id not in self._behind:  # else the index may not have what the file has
                summary = session_codec.summary_of(session)
                self._synced.setdefault(session.id, (summary, session.actions, session.reviews))
        return session

    def save_draft(self, session_id: str, text: str) -> None:
        """What is typed but not yet saved: it is on screen, so it must survive a crash too."""
        self._writable()
        path = self._session_path(session_id).with_suffix(".draft")
        if text:
            write_file(path, text.encode("utf-8"))
            return
        try:
            path.unlink(missing_ok=True)
        except OSError as error:
            raise not_saved(path, error) from None

    def load_draft(self, session_id: str) -> str:
        try:
            return self._session_path(session_id).with_suffix(".draft").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):  # no draft, or none readable: it stays on disk
            return ""

    def summaries(self, group: str | None = None) -> list[SessionSummary]:
        with self._mutex:
            found = index.decoded(self._tables(), "sessions", codec.summary_from_dict, self.path)
        if group is not None:
            found = [s for s in found if s.group == group]
        return sorted(found, key=lambda s: s.started_at)

    def running(self) -> list[SessionSummary]:
        return [s for s in self.summaries() if s.running]

    # Actions --------------------------------------------------------------------

    def actions(self) -> list[Action]:
        with self._mutex:
            return index.decoded(self._tables(), "actions", codec.action_from_dict, self.path)

    def action(self, action_id: str) -> Action | None:
        return next((a for a in self.actions() if a.id == action_id), None)

    def save_action(self, action: Action) -> None:
        self._writable()
        with self._mutex:
            self._write_index(index.upserted(self._tables(), "actions", "id", [codec.action_to_dict(action)]))

    def carried_actions(self, session: Session) -> list[Action]:
        """The group's actions from earlier sessions, as they stand now."""
        return [
            a
            for a in self.actions()
            if a.group == session.group.name
            and a.session_id != session.id
            and a.created_at < session.started_at
        ]

    def all_actions(self, group: str) -> list[Action]:
        """Every action of a group, closed ones included (for a bilan)."""
        return [a for a in self.actions() if a.group == group]

    # The group's memory ---------------------------------------------------------

    def _memory(self, group: str) -> GroupMemory:
        """A group's memory, with any closed session it lacks harvested now (an older
        database, a crash at a close); the writer keeps what it harvested."""
        from peertui.core.knowledge import harvest

        found = self._memories.read(group)
        missing = [s.id for s in self.summaries(group) if not s.running and s.id not in found.harvested]
        for session_id in missing:
            found.add(session_id, harvest(self.load_session(session_id)))
        if missing and not self.readonly:
            with contextlib.suppress(StoreError):  # derived: the next read tries again
                self._memories.write(found)
        return found

    def _memory_groups(self, group: str | None) -> list[str]:
        if group is not None:
            return [group]
        return sorted({s.group for s in self.summaries()} | {g.name for g in self.groups()})

    def knowledge(self, group: str | None = None) -> list[Knowledge]:
        """What the group's sessions gave its memory (every group's, for None)."""
        return [item for name in self._memory_groups(group) for item in self._memory(name).items.values()]

    def sheets(self, group: str | None = None) -> list[Sheet]:
        found = [sheet for name in self._memory_groups(group) for sheet in self._memory(name).sheets.values()]
        return sorted(found, key=lambda sheet: sheet.created_at)

    def new_sheet_id(self) -> str:
        return f"sheet-{uuid.uuid4().hex[:12]}"

    def save_sheet(self, sheet: Sheet) -> None:
        self._writable()
        with self._mutex:
            memory = self._memory(sheet.group)
            memory.sheets[sheet.id] = sheet
            self._memories.write(memory)

    def _harvest(self, session: Session) -> None:
        """A session just closed gives its memory its items; a failure here loses nothing
        (the session file is the truth: the next read harvests it)."""
        from peertui.core.knowledge import harvest

        with contextlib.suppress(StoreError):
            memory = self._memories.read(session.group.name)
            memory.add(session.id, harvest(session))
            self._memories.write(memory)

    # Recaps ---------------------------------------------------------------------

    def save_recap(self, session_id: str, text: str, extension: str) -> Path:
        """The recap as a private file next to the database; its path."""
        self._writable()
        self._session_path(session_id)  # the same rule for the name
        path = self.recaps_dir / f"{session_id}.{extension}"
        try:
            make_private_folders(self.recaps_dir)
        except OSError as error:
            raise not_saved(path, error) from None
        write_file(path, text.encode("utf-8"))
        return path
