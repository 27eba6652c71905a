"""The derived records as plain data: reading them, and what a session or a change makes of them.

Each file holds TinyDB's layout ({table: {doc id: record}}), as parsed. Where each
record lives is layout.py's business. A change is made on a `Batch`: the files it
touches, read once, changed in memory (copies: what did not change is shared), and
written by the store in layout order, so that a failed write leaves the store's memory
as the files are, and a file is written once per change whatever it changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from peertui.core import codec
from peertui.core.model import Action, Review
from peertui.store.layout import Layout, year_of
from peertui.store.shape import damaged

if TYPE_CHECKING:
    from peertui.core.session import Session

Record = dict[str, Any]
Tables = dict[str, dict[str, Record]]
T = TypeVar("T")


def plain(value: Any) -> Any:
    """A record as JSON gives it back (lists, not tuples): compared with the file's, equal."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def decoded(
    tables: Tables,
    name: str,
    decode: Callable[[Record], T],
    source: Path,
    keep: Callable[[Record], bool] | None = None,
) -> list[T]:
    """Every record of a table (that `keep` keeps) as a value; one that does not decode is named."""
    table = tables.get(name, {})
    records = table.values() if keep is None else [r for r in table.values() if keep(r)]
    try:
        return [decode(dict(record)) for record in records]
    except DECODING:
        for doc_id, record in table.items():
            try:
                decode(dict(record))
            except DECODING as error:
                raise damaged(source, name, doc_id, why(error)) from None
        raise


DECODING = (KeyError, TypeError, ValueError, AttributeError, StopIteration)


def why(error: Exception) -> str:
    """A decoding error in a few words, on one line."""
    if isinstance(error, KeyError):
        return f'no "{error.args[0]}"'
    if isinstance(error, StopIteration):
        return "empty"
    return (str(error).splitlines() or [type(error).__name__])[0][:120]


@dataclass(frozen=True)
class Found:
    path: Path
    doc_id: str
    record: Record


class Batch:
    """Some files as a change makes them: each read once through `read`, changed in memory.

    `listing()` gives the names of the files on disk in the groups' folder (for the closed
    files of a group); the files of the batch are added to it.
    """

    def __init__(
        self, layout: Layout, read: Callable[[Path], Tables], listing: Callable[[], list[str]]
    ) -> None:
        self.layout = layout
        self._read = read
        self._listing = listing
        self._names: list[str] | None = None
        self.changed: dict[Path, Tables] = {}
        self._ids: dict[tuple[Path, str, str], dict[Any, str]] = {}
        self._last: dict[tuple[Path, str], int] = {}  # the highest doc id of each table changed
        self._gained: set[Path] = set()  # the files a record was put in
        self._dropped: dict[Path, dict[str, dict[str, Record]]] = {}  # and those it left, as it was

    def tables(self, path: Path) -> Tables:
        found = self.changed.get(path)
        return found if found is not None else self._read(path)

    def table(self, path: Path, name: str) -> dict[str, Record]:
        return self.tables(path).get(name, {})

    def _index(self, path: Path, name: str, key: str) -> dict[Any, str]:
        ids = self._ids.get((path, name, key))
        if ids is None:
            ids = {record.get(key): doc_id for doc_id, record in self.table(path, name).items()}
            self._ids[(path, name, key)] = ids
        return ids

    def _writable(self, path: Path, name: str) -> dict[str, Record]:
        """The table, copied once per batch: the files' tables as read are never changed."""
        tables = self.changed.get(path)
        if tables is None:
            tables = self.changed[path] = {key: dict(table) for key, table in self._read(path).items()}
        return tables.setdefault(name, {})

    def find(self, path: Path, name: str, key: str, value: Any) -> Found | None:
        doc_id = self._index(path, name, key).get(value)
        if doc_id is None:
            return None
        return Found(path, doc_id, self.table(path, name)[doc_id])

    def put(self, path: Path, name: str, key: str, record: Record) -> None:
        """`record` in by `key` (replacing the one with the same key whole); nothing if equal."""
        ids = self._index(path, name, key)
        doc_id = ids.get(record[key])
        if doc_id is not None and self.table(path, name).get(doc_id) == record:
            return
        table = self._writable(path, name)
        if doc_id is None:
            last = self._last.get((path, name))
            if last is None:  # past the ids dropped too: a record kept a while is not taken for one
                last = max(map(int, [*table, *self._read(path).get(name, {})]), default=0)
            self._last[(path, name)] = last = last + 1
            doc_id = ids[record[key]] = str(last)
        table[doc_id] = record
        self._gained.add(path)

    def drop(self, path: Path, name: str, key: str, value: Any) -> None:
        ids = self._index(path, name, key)
        doc_id = ids.pop(value, None)
        if doc_id is not None:
            table = self._writable(path, name)
            self._dropped.setdefault(path, {}).setdefault(name, {})[doc_id] = table.pop(doc_id)

    def names(self) -> list[str]:
        if self._names is None:
            self._names = self._listing()
        return sorted({*self._names, *(path.name for path in self.changed)})

    def writes(self) -> list[tuple[Path, Tables]]:
        """What to write, in order, so that a record moved from one file to another is in
        one of them or both at every moment, however the writes are cut: first the files
        that gain records and lose some, with what they lose still in; then those that lose
        nothing; then those that lose, as they end; the index last (it says what is there)."""

        def order(paths: Iterable[Path]) -> list[Path]:
            return sorted(paths, key=lambda path: (self.layout.rank(path), path.name))

        index = self.layout.index
        losing = [p for p in self.changed if p in self._dropped and p != index]
        steps = []
        for path in order(p for p in losing if p in self._gained):
            kept = {name: dict(table) for name, table in self.changed[path].items()}
            for name, records in self._dropped[path].items():
                for doc_id, record in records.items():
                    kept.setdefault(name, {}).setdefault(doc_id, record)
            steps.append((path, kept))
        steps += [
            (p, self.changed[p]) for p in order(p for p in self.changed if p not in losing and p != index)
        ]
        steps += [(p, self.changed[p]) for p in order(losing)]
        if index in self.changed:
            steps.append((index, self.changed[index]))
        return steps

    # Actions ------------------------------------------------------------------

    def locate(self, group: str, action_id: str, created_at: float | None = None) -> Found | None:
        """An action of `group`, where it is: its open or closed file of the year it was made
        in (if not known, every year's open files, then closed ones, the newest first).
        Found in two files (a move cut short), the one that has seen more changes."""
        layout = self.layout
        if created_at is None:
            names = self.names()
            places = [*layout.files("open", group, names), *layout.files("closed", group, names)]
            first = next(filter(None, (self.find(p, "actions", "id", action_id) for p in places)), None)
            if first is None or not isinstance(first.record.get("created_at"), int | float):
                return first
            created_at = float(first.record["created_at"])
        best = None
        for path in layout.places(group, year_of(created_at)):
            found = self.find(path, "actions", "id", action_id)
            if found is not None and (best is None or _changes(found) > _changes(best)):
                best = found
        return best

    def put_action(self, record: Record) -> None:
        """The action in the one file its status and date say, and in no other."""
        home = self.layout.home(record)
        for path in self.layout.places(record["group"], _year(record)):
            if path != home:
                self.drop(path, "actions", "id", record["id"])
        self.put(home, "actions", "id", record)


def _changes(found: Found) -> int:
    return len(found.record.get("history") or ())


def _year(record: Record) -> int:
    return year_of(float(record["created_at"]))


def with_session(batch: Batch, session: Session) -> None:
    """What `session` says, as its file has it, in the batch's files.

    Its summary (its group's, and the index's running and latest); its own actions
    (added, edited, removed); its follow-up of earlier actions. Idempotent: a review is
    applied to an action's history once, known by its session and moment, however often
    the session is written or re-derived.
    """
    from peertui.core.session_codec import summary_of

    layout = batch.layout
    summary = plain(codec.summary_to_dict(summary_of(session)))
    group = summary["group"]
    batch.put(layout.sessions(group), "sessions", "id", summary)
    digest(batch, group)
    if summary["closed_at"] is None:
        batch.put(layout.index, "running", "id", summary)
    else:
        batch.drop(layout.index, "running", "id", summary["id"])
        latest = batch.find(layout.index, "latest", "group", group)
        if latest is None or latest.record["started_at"] <= summary["started_at"]:
            batch.put(layout.index, "latest", "group", summary)
    _own_actions(batch, session)
    _reviewed(batch, session)


RECENT = 5  # the sessions of a group that `peertui groups` lists


def digest(batch: Batch, group: str) -> None:
    """The index's line for the group, from its list of sessions as the batch has it: a
    function of that list, so re-deriving it is idempotent."""
    summaries = sorted(
        batch.table(batch.layout.sessions(group), "sessions").values(),
        key=lambda s: (s["started_at"], s["id"]),
    )
    held = sum(1 for s in summaries if s["closed_at"] is not None)
    batch.put(
        batch.layout.index, "digests", "group", {"group": group, "held": held, "recent": summaries[-RECENT:]}
    )


def _own_actions(batch: Batch, session: Session) -> None:
    """The session's actions as committed in it: what, who and when are the session's own;
    status, due date and history, once changed since (a follow-up, peertui action), stay."""
    layout, group = batch.layout, session.group.name
    wanted = {action.id for action in session.actions}
    years = {year_of(session.started_at), year_of(session.started_at) + 1}
    years.update(year_of(action.created_at) for action in session.actions)
    names = batch.names()
    paths = [layout.open(group, y) for y in sorted(years & set(layout.years("open", group, names)))]
    paths += [layout.closed(group, y) for y in sorted(years & set(layout.years("closed", group, names)))]
    for path in paths:
        gone = [
            record["id"]
            for record in batch.table(path, "actions").values()
            if record.get("session_id") == session.id and record.get("id") not in wanted
        ]
        for action_id in gone:
            batch.drop(path, "actions", "id", action_id)
    for action in session.actions:
        fresh = plain(codec.action_to_dict(action))
        stored = batch.locate(group, action.id, action.created_at)
        if stored is not None and stored.record.get("history"):
            record = stored.record
            fresh.update(status=record["status"], due=record.get("due"), history=record["history"])
        batch.put_action(fresh)


def _said(record: Record, review: Review, session_id: str) -> bool:
    """Whether the action's history has this review already (same session, same moment)."""
    status = str(review.status)
    return any(
        change.get("session_id") == session_id
        and change.get("at") == review.at
        and change.get("status") == status
        and change.get("note", "") == review.note
        for change in record.get("history", ())
    )


def _reviewed(batch: Batch, session: Session) -> None:
    """Follow-up statuses said in the session, each a dated change of its action, once."""
    group = session.group.name
    for review in session.reviews:
        found = batch.locate(group, review.action_id)
        if found is None:  # removed since: nothing to follow up
            continue
        if _said(found.record, review, session.id):
            batch.put_action(found.record)  # where it belongs only (a move cut short: a copy left)
            continue
        action: Action = codec.action_from_dict(dict(found.record)).changed(
            review.at, review.status, review.note, session_id=session.id
        )
        batch.put_action(plain(codec.action_to_dict(action)))


def heal_action(batch: Batch, record: Record) -> None:
    """An action whose move between files may have been cut short (the journal's record):
    the version that has seen the most changes, in its one file."""
    stored = batch.locate(record["group"], record["id"], record["created_at"])
    if stored is not None and _changes(stored) > len(record.get("history") or ()):
        record = stored.record
    batch.put_action(record)


def split(batch: Batch, raw: Tables) -> None:
    """A schema-1 index (every summary and action in one file) spread into the batch's files."""
    layout = batch.layout
    for name, table in raw.items():
        if name not in ("sessions", "actions"):
            batch.changed.setdefault(layout.index, {})[name] = dict(table)
    summaries = sorted(raw.get("sessions", {}).values(), key=lambda s: (s["started_at"], s["id"]))
    for summary in summaries:
        batch.put(layout.sessions(summary["group"]), "sessions", "id", summary)
        if summary["closed_at"] is None:
            batch.put(layout.index, "running", "id", summary)
        else:
            batch.put(layout.index, "latest", "group", summary)
    for group in {summary["group"] for summary in summaries}:
        digest(batch, group)
    for action in raw.get("actions", {}).values():
        batch.put_action(action)
