"""The index's tables as plain data: reading records, and what a session makes of them.

The tables are TinyDB's layout ({table: {doc id: record}}), as parsed from the
file. Nothing here mutates them: each change returns new tables sharing what
did not change, so that a failed write leaves the store's memory as the file
is, and one save of a session is one write of the index, whatever it changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from peertui.core import codec
from peertui.core.model import Action, Review
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


def decoded(tables: Tables, name: str, decode: Callable[[Record], T], source: Path) -> list[T]:
    """Every record of a table as a value; a record that does not decode is named."""
    table = tables.get(name, {})
    try:
        return [decode(dict(record)) for record in table.values()]
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


def _new_id(table: dict[str, Any]) -> str:
    return str(max(map(int, table), default=0) + 1)


def upserted(tables: Tables, name: str, key: str, records: Iterable[Record]) -> Tables | None:
    """The tables with records put in by `key` (replaced whole); None if nothing changes."""
    table = tables.get(name, {})
    ids = {record[key]: doc_id for doc_id, record in table.items()}
    new = None
    for record in map(plain, records):
        doc_id = ids.get(record[key])
        if doc_id is not None and table[doc_id] == record:
            continue
        if new is None:
            new = dict(table)
        if doc_id is None:
            doc_id = ids[record[key]] = _new_id(new)
        new[doc_id] = record
    return None if new is None else {**tables, name: new}


def with_session(tables: Tables, session: Session) -> Tables | None:
    """The tables with what `session` says, as its file has it; None if they agree already.

    Its summary; its own actions (added, edited, removed); its follow-up of earlier
    actions. Idempotent: a review is applied to an action's history once, known by its
    session and moment, however often the session is written or repaired.
    """
    from peertui.core.session_codec import summary_of

    changed = upserted(tables, "sessions", "id", [codec.summary_to_dict(summary_of(session))])
    tables = changed or tables
    actions = tables.get("actions", {})
    new = _own_actions(actions, session)
    new = _reviewed(new if new is not None else actions, session) or new
    if new is None:
        return changed
    return {**tables, "actions": new}


def _own_actions(table: dict[str, Record], session: Session) -> dict[str, Record] | None:
    """The session's actions as committed in it: what, who and when are the session's own;
    status, due date and history, once changed since (a follow-up, peertui action), stay."""
    wanted = {action.id for action in session.actions}
    ids = {}
    gone = set()
    for doc_id, record in table.items():
        ids[record["id"]] = doc_id
        if record["session_id"] == session.id and record["id"] not in wanted:
            gone.add(doc_id)
    new = None
    if gone:
        new = {doc_id: record for doc_id, record in table.items() if doc_id not in gone}
    for action in session.actions:
        fresh = plain(codec.action_to_dict(action))
        known = ids.get(action.id)
        stored = table.get(known) if known is not None else None
        if stored is not None and stored.get("history"):
            fresh.update(status=stored["status"], due=stored.get("due"), history=stored["history"])
        if stored == fresh:
            continue
        if new is None:
            new = dict(table)
        new[known if known is not None else _new_id(new)] = fresh
    return new


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


def _reviewed(table: dict[str, Record], session: Session) -> dict[str, Record] | None:
    """Follow-up statuses said in the session, each a dated change of its action, once."""
    if not session.reviews:
        return None
    ids = {record["id"]: doc_id for doc_id, record in table.items()}
    new = None
    for review in session.reviews:
        doc_id = ids.get(review.action_id)
        if doc_id is None:  # removed since: nothing to follow up
            continue
        record = (new or table)[doc_id]
        if _said(record, review, session.id):
            continue
        action: Action = codec.action_from_dict(dict(record)).changed(
            review.at, review.status, review.note, session_id=session.id
        )
        if new is None:
            new = dict(table)
        new[doc_id] = plain(codec.action_to_dict(action))
    return new
