"""The database: groups, sessions and actions, in TinyDB files.

Layout, for a database at DB (default: the user's data folder, peertui.json):

    DB                      the index: groups, the running sessions, each group's latest
    DB.groups/              each group's summaries, open actions, and closed actions by
                            year (layout.py)
    DB.sessions/ID.json     one file per session, rewritten as the session runs
    DB.sessions/ID.pending  while the derived files may be behind that file (markers.py)
    DB.sessions/ID.draft    what is typed in the session and not yet saved
    DB.recaps/              the recaps, as files
    DB.lock                 held by the one writer

A live session only rewrites its own file (tens of KB), whatever the history; the
index and its group's files change when a session starts, closes or commits an
action, each file bounded by what a week needs (the open actions, one group's
sessions, one year of closed actions), not by the years of history. A session's file
is the truth: the records derived from it are re-derived from it after a crash
between the files. DB is resolved once: reached through a symlink, it is the same
database, lock and folders. Every folder made is 0700, every file 0600.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from peertui.core import codec
from peertui.core.model import Group, SessionSummary
from peertui.files import make_private_folders
from peertui.store import index, markers
from peertui.store.actions import Actions
from peertui.store.layout import slug
from peertui.store.opening import Opening
from peertui.store.repair import read_session
from peertui.store.schema import META, SCHEMA
from peertui.store.storage import StoreError, dump_json, not_saved, write_file

if TYPE_CHECKING:  # a whole session is loaded only when one is: the home screen needs none
    from peertui.core.knowledge import Knowledge
    from peertui.core.session import Session
    from peertui.core.sheets import Sheet
    from peertui.store.memory import Memories

__all__ = ["Store", "slug"]


class Store(Actions, Opening):
    """The one door to the files. Open it as the writer (one process) or read-only.

    Made of parts, each in its module: what they share, the files as kept (base.py); the
    opening, its lock and migration (opening.py); the actions (actions.py). Here: the
    groups, the sessions and the recaps, and the door to each group's memory, which it
    hands to a collaborator (memory.Memories) imported only once asked for.
    """

    # Groups ---------------------------------------------------------------------

    def save_group(self, group: Group) -> None:
        self._writable()
        with self._mutex:
            batch = self._batch()
            batch.put(self.path, "groups", "name", index.plain(codec.group_to_dict(group)))
            self._write(batch)

    def groups(self) -> list[Group]:
        with self._mutex:
            return index.decoded(self._index(), "groups", codec.group_from_dict, self.path)

    # Sessions -------------------------------------------------------------------

    def new_session_id(self, group: Group, at: float) -> str:
        base = f"{datetime.fromtimestamp(at):%Y-%m-%d-%H%M}-{slug(group.name)}"
        taken = {s.id for s in self.summaries(group.name)}
        candidate, n = base, 1
        while candidate in taken or self._session_path(candidate).exists():
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def save_session(self, session: Session) -> None:
        """Write the session; then, where it changed (start, close, actions, follow-ups), the
        index and its group's files, a marker standing on disk in between (markers.py). A
        failure is a StoreError, the files as they were, and the next save tries again."""
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
            batch = self._batch()
            index.with_session(batch, session)
            self._write(batch)
            self._synced[session.id] = now
            self._behind.discard(session.id)
            markers.clear(self.sessions_dir, session.id)
            if session.closed:
                self._memories.add_closed(session)

    def load_session(self, session_id: str) -> Session:
        session = read_session(self._session_path(session_id))
        if session is None:
            raise StoreError(f"no session {session_id!r} in {self.path}")
        from peertui.core import session_codec

        with self._mutex:
            if session.id not in self._behind:  # else the files may not have what it has
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
        """One group's sessions (read from its file alone), or every group's, by start."""
        with self._mutex:
            if group is not None:
                paths = [self.layout.sessions(group)]
            else:
                paths = self.layout.all_of("sessions", self._names())
            found = []
            for path in paths:
                tables = self._read(path, keep=False)
                found += index.decoded(tables, "sessions", codec.summary_from_dict, path)
        if group is not None:
            found = [s for s in found if s.group == group]
        return sorted(found, key=lambda s: s.started_at)

    def digests(self) -> dict[str, tuple[int, list[SessionSummary]]]:
        """For each group, from the index alone: how many of its sessions are closed, and
        its last few (index.RECENT), oldest first."""
        with self._mutex:
            found = index.decoded(self._index(), "digests", _digest, self.path)
        return dict(found)

    def running(self) -> list[SessionSummary]:
        with self._mutex:
            found = index.decoded(self._index(), "running", codec.summary_from_dict, self.path)
        return sorted(found, key=lambda s: s.started_at)

    def last_closed(self) -> SessionSummary | None:
        """The closed session started last, of any group (from the index alone)."""
        with self._mutex:
            found = index.decoded(self._index(), "latest", codec.summary_from_dict, self.path)
        return max(found, key=lambda s: s.started_at, default=None)

    # The group's memory ---------------------------------------------------------

    @cached_property
    def _memories(self) -> Memories:
        """The groups' memory, imported once asked for: `peertui actions` and the start of
        the app do not pay for the memory's code (40 ms of imports)."""
        from peertui.store.memory import Memories

        return Memories(self)

    def memory(self, group: str | None = None) -> tuple[list[Knowledge], list[Sheet]]:
        """What the group's sessions gave its memory, and its sheets: each file read once."""
        return self._memories.of(group)

    def knowledge(self, group: str | None = None) -> list[Knowledge]:
        """What the group's sessions gave its memory (every group's, for None)."""
        return self.memory(group)[0]

    def sheets(self, group: str | None = None) -> list[Sheet]:
        return self.memory(group)[1]

    def new_sheet_id(self) -> str:
        return f"sheet-{uuid.uuid4().hex[:12]}"

    def save_sheet(self, sheet: Sheet) -> None:
        self._writable()
        with self._mutex:
            self._memories.save_sheet(sheet)

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


def _digest(record: index.Record) -> tuple[str, tuple[int, list[SessionSummary]]]:
    recent = [codec.summary_from_dict(dict(summary)) for summary in record["recent"]]
    return str(record["group"]), (int(record["held"]), recent)
