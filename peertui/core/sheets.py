"""Practice sheets ("fiches de capitalisation"): a practice written up for the group to
keep, drafted from what its sessions gave the memory (core/knowledge.py), then edited."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from peertui.core.text import TAG, searchable

if TYPE_CHECKING:
    from peertui.core.knowledge import Knowledge

SHEET_FIELDS = ("situation", "done", "gave", "pitfalls")  # in the order a sheet is read
# What each part of a kept form gives to a sheet made from it.
_FROM_PARTS = {
    "challenge": "situation",
    "action": "done",
    "result": "gave",
    "situation": "situation",
    "done": "done",
    "gave": "gave",
    "pitfalls": "pitfalls",
    "went_well": "gave",
    "less_well": "pitfalls",
    "to_try": "done",
}


@dataclass(frozen=True)
class Sheet:
    """A practice written up for the group to keep: what the situation was, what was
    done, what it gave, what to watch out for; with who contributed and where from."""

    id: str
    group: str
    title: str
    situation: str = ""
    done: str = ""
    gave: str = ""
    pitfalls: str = ""
    tags: tuple[str, ...] = ()
    contributors: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  # the knowledge items it was made from
    sessions: tuple[str, ...] = ()
    created_at: float = 0.0
    updated_at: float = 0.0

    def field(self, name: str) -> str:
        return str(getattr(self, name))

    @property
    def haystack(self) -> str:
        texts = (self.title, *(self.field(name) for name in SHEET_FIELDS), *self.tags, *self.contributors)
        return searchable(" ".join(texts))


def sheet_from(items: Sequence[Knowledge], sheet_id: str, at: float) -> Sheet:
    """A first draft of a sheet from the items chosen: their parts where a part says
    where it goes (a story's challenge is the situation...), the rest as what it gave."""
    fields: dict[str, list[str]] = {name: [] for name in SHEET_FIELDS}
    for item in items:
        for key, _, text in item.parts:
            fields[_FROM_PARTS.get(key, "gave")].append(text)
    first = items[0] if items else None
    title = TAG.sub("", (first.case or first.text) if first else "").strip()[:80]  # tags: their own field
    return Sheet(
        id=sheet_id,
        group=first.group if first else "",
        title=title,
        **{name: "\n".join(texts) for name, texts in fields.items()},
        tags=tuple(dict.fromkeys(tag for item in items for tag in item.tags)),
        contributors=tuple(dict.fromkeys(item.author for item in items if item.author)),
        sources=tuple(item.id for item in items),
        sessions=tuple(dict.fromkeys(item.session_id for item in items)),
        created_at=at,
        updated_at=at,
    )


def sheet_to_record(sheet: Sheet) -> dict[str, Any]:
    return {
        "id": sheet.id,
        "group": sheet.group,
        "title": sheet.title,
        **{name: sheet.field(name) for name in SHEET_FIELDS},
        "tags": list(sheet.tags),
        "contributors": list(sheet.contributors),
        "sources": list(sheet.sources),
        "sessions": list(sheet.sessions),
        "created_at": sheet.created_at,
        "updated_at": sheet.updated_at,
    }


def sheet_from_record(record: dict[str, Any]) -> Sheet:
    return Sheet(
        id=record["id"],
        group=record["group"],
        title=record["title"],
        **{name: str(record.get(name, "")) for name in SHEET_FIELDS},
        tags=tuple(record.get("tags", ())),
        contributors=tuple(record.get("contributors", ())),
        sources=tuple(record.get("sources", ())),
        sessions=tuple(record.get("sessions", ())),
        created_at=float(record.get("created_at", 0.0)),
        updated_at=float(record.get("updated_at", 0.0)),
    )
