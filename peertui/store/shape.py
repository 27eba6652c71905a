"""Is a file of the index shaped as peertui writes it? One cheap pass, as it is read.

JSON that parses may still be damaged (edited by hand, or by another program):
a record without its status, a table that is a list, a schema that is a word.
Found at open, it is one line naming the file and the record, before anything
is shown from the file or written to it. Values are checked as far as reading
them needs (peertui/core/codec.py), no further: this runs at every start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

from peertui.core.model import Action, ActionChange, ActionStatus, Group, Participant, SessionSummary
from peertui.store.storage import StoreError

# A check takes every value of one field across a table at once and says whether all are
# fine: map, set and itemgetter do the looping in C, so a decade of actions costs about a
# millisecond. Only a table that fails is gone through record by record, to name the record.
Check = Callable[[list[Any]], bool]
STATUSES = frozenset(str(status) for status in ActionStatus)
NUMBERS = frozenset((int, float))


def _types(values: list[Any], allowed: frozenset[type]) -> bool:
    return set(map(type, values)) <= allowed


def _text(values: list[Any]) -> bool:
    return _types(values, frozenset((str,)))


def _number(values: list[Any]) -> bool:
    return _types(values, NUMBERS)


def _maybe_number(values: list[Any]) -> bool:
    return _types(values, NUMBERS | {type(None)})


def _flag(values: list[Any]) -> bool:
    return _types(values, frozenset((bool,)))


def _whole(values: list[Any]) -> bool:
    return _types(values, frozenset((int,)))


def _status(values: list[Any]) -> bool:
    try:
        return set(values) <= STATUSES
    except TypeError:  # a list or a dict where a status should be
        return False


def _due(values: list[Any]) -> bool:
    if not _types(values, frozenset((str, type(None)))):
        return False
    try:
        all(map(date.fromisoformat, set(filter(None, values))))  # a few hundred dates, repeated
    except ValueError:
        return False
    return True


def _texts(values: list[Any]) -> bool:
    return _types(values, frozenset((list,))) and _text(list(chain.from_iterable(values)))


class _Records:
    """What a record must hold and may hold: a table's, or those nested in one."""

    def __init__(self, kind: type, required: dict[str, Check], optional: dict[str, Check]) -> None:
        self.allowed = frozenset(f.name for f in fields(kind))
        self.required, self.optional = required, optional
        self._keys = frozenset(required)

    def fine(self, records: list[Any]) -> bool:
        """Whether every record is fine (all checked together)."""
        if not _types(records, frozenset((dict,))):
            return False
        # Records peertui wrote share a handful of key layouts: each is checked once.
        layouts = {frozenset(layout) for layout in set(map(tuple, records))}
        if not all(self._keys <= keys <= self.allowed for keys in layouts):
            return False
        for key, check in self.required.items():
            if not check(list(map(itemgetter(key), records))):
                return False
        everywhere = frozenset.intersection(*layouts) if layouts else frozenset()
        for key, check in self.optional.items():
            if key in everywhere:
                present = list(map(itemgetter(key), records))
            else:
                present = [r[key] for r in records if key in r]
            if present and not check(present):
                return False
        return True

    def __call__(self, values: list[Any]) -> bool:
        """As the check of a field: each value a list of such records."""
        return _types(values, frozenset((list,))) and self.fine(list(chain.from_iterable(values)))

    def problem(self, record: Any) -> str:
        """What is wrong with one record that is not fine, in a few words."""
        if type(record) is not dict:
            return "not a record"
        for key, check in self.required.items():
            if key not in record:
                return f'no "{key}"'
            if not check([record[key]]):
                return f'bad "{key}"'
        for key in sorted(record.keys() - self._keys):
            if key not in self.allowed:
                return f'unknown field "{key}"'
            optional = self.optional.get(key)  # a field the model gained is not refused here
            if optional is not None and not optional([record[key]]):
                return f'bad "{key}"'
        return "damaged"


PARTICIPANTS = _Records(Participant, {"name": _text}, {"role": _text, "contact": _text})
HISTORY = _Records(
    ActionChange, {"at": _number, "status": _status}, {"note": _text, "due": _due, "session_id": _text}
)
TABLES: dict[str, _Records] = {
    "groups": _Records(
        Group,
        {"name": _text, "language": _text, "participants": PARTICIPANTS},
        {"cadence": _text, "planned_sessions": _whole, "facilitator": _text},
    ),
    "sessions": _Records(
        SessionSummary,
        {
            "id": _text,
            "group": _text,
            "protocol": _text,
            "client": _text,
            "case_title": _text,
            "started_at": _number,
            "closed_at": _maybe_number,
        },
        {"present": _texts, "clients": _texts, "confidential": _flag, "roti": _maybe_number},
    ),
    "actions": _Records(
        Action,
        {
            "id": _text,
            "owner": _text,
            "what": _text,
            "created_at": _number,
            "session_id": _text,
            "group": _text,
            "status": _status,
        },
        {"due": _due, "history": HISTORY},
    ),
}


TABLES["running"] = TABLES["latest"] = TABLES["sessions"]  # the index's own summaries


@dataclass(frozen=True)
class Digest:
    """The index's line for each group: what `peertui groups` shows of it."""

    group: str
    held: int  # its closed sessions
    recent: tuple[SessionSummary, ...]  # its last five, running or closed, oldest first


TABLES["digests"] = _Records(Digest, {"group": _text, "held": _whole, "recent": TABLES["sessions"]}, {})


def damaged(source: Path | str, table: str, doc_id: str, problem: str) -> StoreError:
    return StoreError(f'{source}: record {doc_id} of "{table}" is damaged ({problem}); it was left untouched')


def check_index(raw: dict[str, Any], source: Path | str) -> None:
    """StoreError naming the first damaged table or record of the index, if any."""
    for name, table in raw.items():
        if type(table) is not dict:
            raise StoreError(
                f'{source}: table "{name}" is damaged (not a set of records); it was left untouched'
            )
        if not all(map(str.isdigit, table)):
            doc_id = next(key for key in table if not key.isdigit())
            raise damaged(source, name, repr(doc_id), "its number is not a number")
        spec = TABLES.get(name)
        if spec is None:
            spec = _ANY_RECORD
        if not spec.fine(list(table.values())):
            for doc_id, record in table.items():
                if not spec.fine([record]):
                    raise damaged(source, name, doc_id, spec.problem(record))


class _AnyRecord(_Records):
    """A table peertui does not read (TinyDB's _default, _meta): records, whatever they hold."""

    def __init__(self) -> None:
        self.required, self.optional, self._keys = {}, {}, frozenset()

    def fine(self, records: list[Any]) -> bool:
        return _types(records, frozenset((dict,)))


_ANY_RECORD = _AnyRecord()
