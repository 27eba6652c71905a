"""The database: groups, sessions and actions, in TinyDB files.

Layout, for a database at DB (default: the user's data folder, peertui.json):

    DB                  the index: groups, one summary per session, every action
    DB.sessions/ID.json one file per session, rewritten as the session runs
    DB.lock             held by the one writer

A live session only rewrites its own file (tens of KB), whatever the history;
the index changes when a session starts, closes or commits an action.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tinydb import TinyDB
from tinydb.table import Document

from peertui.core import codec
from peertui.core.model import Action, Group, SessionSummary
from peertui.store.lock import WriterLock

if TYPE_CHECKING:  # a whole session is loaded only when one is: the home screen needs none
    from peertui.core.session import Session
from peertui.store.schema import META, SCHEMA, migrate, stamped
from peertui.store.storage import (
    AtomicJSONStorage,
    StoreError,
    atomic_write,
    read_json,
    remove_stale_temps,
)


def slug(text: str, limit: int = 32) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:limit].strip("-") or "group"


class Store:
    """The one door to the files. Open it as the writer (one process) or read-only."""

    def __init__(self, path: Path, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.sessions_dir = self.path.with_name(self.path.name + ".sessions")
        self._lock = WriterLock(self.path)
        self._mutex = threading.RLock()  # the UI thread and the writer thread share the store
        self._synced: dict[str, tuple] = {}  # what of each session the index already has
        if readonly:
            self._db = self._open_index_readonly()
        else:
            self._db = self._open_index_writer()

    # Opening ------------------------------------------------------------------

    def _open_index_writer(self) -> TinyDB:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.sessions_dir.mkdir(mode=0o700, exist_ok=True)
        except OSError as error:
            raise StoreError(f"{self.path.parent}: cannot create the folder ({error.strerror})") from None
        self._lock.acquire()
        try:
            remove_stale_temps(self.path)
            storage = AtomicJSONStorage(self.path)
            raw = storage.read()
            if raw is None:
                storage.write(stamped({}))
            else:
                raw, changed = migrate(raw, str(self.path))
                if changed:
                    storage.write(raw)
            return TinyDB(self.path, storage=lambda _path: storage)
        except BaseException:
            self._lock.release()
            raise

    def _open_index_readonly(self) -> TinyDB:
        raw = read_json(self.path) or stamped({})
        raw, _ = migrate(raw, str(self.path))
        storage = _MemoryStorage(raw)
        return TinyDB(storage=lambda: storage)

    def close(self) -> None:
        with self._mutex:
            self._db.close()
            self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def schema(self) -> int:
        meta = self._db.table(META).all()
        return int(meta[0]["schema"]) if meta else SCHEMA

    # Groups ---------------------------------------------------------------------

    def save_group(self, group: Group) -> None:
        with self._mutex:
            table = self._db.table("groups")
            table.upsert(Document(codec.group_to_dict(group), doc_id=self._group_id(group.name)))

    def _group_id(self, name: str) -> int:
        for doc in self._db.table("groups").all():
            if doc["name"] == name:
                return doc.doc_id
        return max((doc.doc_id for doc in self._db.table("groups").all()), default=0) + 1

    def groups(self) -> list[Group]:
        with self._mutex:
            return [codec.group_from_dict(dict(doc)) for doc in self._db.table("groups").all()]

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
        """Write the session; update the index only where it changed (start, close, actions)."""
        if self.readonly:
            raise StoreError(f"{self.path}: opened read-only")
        from peertui.core import session_codec

        record = session_codec.session_to_dict(session)
        with self._mutex:
            path = self._session_path(session.id)
            storage = AtomicJSONStorage(path)
            storage.write({"session": {"1": record}, META: {"1": {"schema": SCHEMA}}})
            summary = session_codec.summary_of(session)
            synced = self._synced.get(session.id)
            now = (summary, session.actions, session.reviews)
            if synced == now:
                return
            old_summary, old_actions, old_reviews = synced or (None, (), ())
            if summary != old_summary:
                self._upsert("sessions", "id", [codec.summary_to_dict(summary)])
            if session.actions != old_actions:
                self._sync_actions(session, old_actions)
            if session.reviews != old_reviews:
                self._apply_reviews(session, old_reviews)
            self._synced[session.id] = now

    def _upsert(self, table_name: str, key: str, records: list[dict]) -> None:
        """Insert or replace records by `key`, in one write of the file whatever their number."""
        if not records:
            return
        table = self._db.table(table_name)
        doc_ids = {doc[key]: doc.doc_id for doc in table.all()}
        replacing = {r[key]: r for r in records if r[key] in doc_ids}
        if replacing:
            def replace_fields(doc: dict) -> None:
                record = replacing[doc[key]]
                doc.clear()
                doc.update(record)

            table.update(replace_fields, doc_ids=[doc_ids[k] for k in replacing])
        table.insert_multiple(r for r in records if r[key] not in doc_ids)

    def _sync_actions(self, session: Session, old: tuple[Action, ...]) -> None:
        """The session's own actions, as committed in it: added, edited or removed."""
        table = self._db.table("actions")
        ids = {a.id for a in session.actions}
        gone = [doc.doc_id for doc in table.all()
                if doc["session_id"] == session.id and doc["id"] not in ids]
        if gone:
            table.remove(doc_ids=gone)
        changed = [codec.action_to_dict(a) for a in session.actions if a not in old]
        self._upsert("actions", "id", changed)

    def _apply_reviews(self, session: Session, old: Iterable) -> None:
        """Follow-up statuses said in this session become dated changes of the actions."""
        fresh = [review for review in session.reviews if review not in old]
        wanted = {review.action_id for review in fresh}
        actions = {a.id: a for a in self.actions() if a.id in wanted}
        changed = []
        for review in fresh:
            action = actions.get(review.action_id)
            if action is not None:
                action = action.changed(review.at, review.status, review.note, session_id=session.id)
                actions[review.action_id] = action
                changed.append(action)
        self._upsert("actions", "id", [codec.action_to_dict(a) for a in changed])

    def load_session(self, session_id: str) -> Session:
        from peertui.core import session_codec

        path = self._session_path(session_id)
        raw = read_json(path)
        if raw is None:
            raise StoreError(f"no session {session_id!r} in {self.path}")
        raw, _ = migrate(raw, str(path))
        try:
            session = session_codec.session_from_dict(next(iter(raw["session"].values())))
        except (KeyError, TypeError, ValueError, StopIteration) as error:
            raise StoreError(f"{path}: session file is damaged ({error!r}); it was left untouched") from None
        with self._mutex:
            summary = session_codec.summary_of(session)
            self._synced.setdefault(session.id, (summary, session.actions, session.reviews))
        return session

    def save_draft(self, session_id: str, text: str) -> None:
        """What is typed but not yet saved: it is on screen, so it must survive a crash too."""
        path = self._session_path(session_id).with_suffix(".draft")
        if text:
            atomic_write(path, text.encode("utf-8"))
        else:
            path.unlink(missing_ok=True)

    def load_draft(self, session_id: str) -> str:
        try:
            return self._session_path(session_id).with_suffix(".draft").read_text(encoding="utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            return ""

    def summaries(self, group: str | None = None) -> list[SessionSummary]:
        with self._mutex:
            found = [codec.summary_from_dict(dict(doc)) for doc in self._db.table("sessions").all()]
        if group is not None:
            found = [s for s in found if s.group == group]
        return sorted(found, key=lambda s: s.started_at)

    def running(self) -> list[SessionSummary]:
        return [s for s in self.summaries() if s.running]

    # Actions --------------------------------------------------------------------

    def actions(self) -> list[Action]:
        with self._mutex:
            return [codec.action_from_dict(dict(doc)) for doc in self._db.table("actions").all()]

    def action(self, action_id: str) -> Action | None:
        return next((a for a in self.actions() if a.id == action_id), None)

    def save_action(self, action: Action) -> None:
        with self._mutex:
            self._upsert("actions", "id", [codec.action_to_dict(action)])

    def carried_actions(self, session: Session) -> list[Action]:
        """The group's actions from earlier sessions, as they stand now."""
        return [
            a for a in self.actions()
            if a.group == session.group.name and a.session_id != session.id
            and a.created_at < session.started_at
        ]

    # Recaps ---------------------------------------------------------------------

    @property
    def recaps_dir(self) -> Path:
        return self.path.with_name(self.path.name + ".recaps")

    def save_recap(self, session_id: str, text: str, extension: str) -> Path:
        """The recap as a private file next to the database; its path."""
        self._session_path(session_id)  # the same rule for the name
        self.recaps_dir.mkdir(mode=0o700, exist_ok=True)
        path = self.recaps_dir / f"{session_id}.{extension}"
        atomic_write(path, text.encode("utf-8"))
        return path


class _MemoryStorage:
    """What a reader works on: the file as parsed once, migrated in memory, never written."""

    def __init__(self, data: dict) -> None:
        self.data = data

    def read(self) -> dict:
        return self.data

    def write(self, data: dict) -> None:
        raise StoreError("opened read-only")

    def close(self) -> None:
        pass
