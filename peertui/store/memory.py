"""The group's memory on disk: one file per group beside the database, `DB.memory/KEY.json`,
with what its closed sessions gave (core.knowledge.harvest) and its practice sheets.

What sessions gave is derived: the session files are the truth. A session is harvested
when it closes; one closed while this file could not be written (a crash, a full disk),
or before this file existed (an older database), is harvested when the memory is next
read, and the file written again by the writer. So finding something again reads one
small file per group, never every session; the sheets are the facilitator's own writing,
kept only here. (Not in the groups' folder: a schema-1 database spread again into it
empties that folder first, and sheets are nobody's to lose.)

The Store imports this module only when the memory is first asked for (or a session
closes): `peertui actions` and the start of the app do not pay for its imports.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peertui.core.knowledge import Knowledge, from_record, harvest, to_record
from peertui.core.sheets import Sheet, sheet_from_record, sheet_to_record
from peertui.files import make_private_folders
from peertui.store.layout import group_key
from peertui.store.shape import damaged
from peertui.store.storage import StoreError, dump_json, read_json, write_file

if TYPE_CHECKING:
    from peertui.core.session import Session
    from peertui.store.repository import Store

SCHEMA = 1


class GroupMemory:
    """One group's memory as read from its file (empty if there is none yet)."""

    def __init__(
        self, group: str, items: dict[str, Knowledge], sheets: dict[str, Sheet], harvested: set[str]
    ):
        self.group = group
        self.items = items
        self.sheets = sheets
        self.harvested = harvested  # the sessions whose items are in `items`

    def add(self, session_id: str, items: Iterable[Knowledge]) -> None:
        """A session's items, instead of any it gave before (harvesting twice is harmless)."""
        self.items = {key: item for key, item in self.items.items() if item.session_id != session_id}
        self.items.update((item.id, item) for item in items)
        self.harvested.add(session_id)

    def record(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "group": self.group,
            "harvested": sorted(self.harvested),
            "items": [to_record(item) for item in self.items.values()],
            "sheets": [sheet_to_record(sheet) for sheet in self.sheets.values()],
        }


class MemoryFiles:
    def __init__(self, database: Path) -> None:
        self.folder = database.with_name(database.name + ".memory")

    def path(self, group: str) -> Path:
        return self.folder / f"{group_key(group)}.json"

    def read(self, group: str) -> GroupMemory:
        path = self.path(group)
        data = read_json(path)
        if data is None:
            return GroupMemory(group, {}, {}, set())
        try:
            items = {record["id"]: from_record(record) for record in data.get("items", [])}
            sheets = {record["id"]: sheet_from_record(record) for record in data.get("sheets", [])}
            harvested = set(data.get("harvested", []))
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise damaged(path, "memory", group, str(error)) from None
        return GroupMemory(group, items, sheets, harvested)

    def write(self, memory: GroupMemory) -> None:
        """Atomic and private, as every file of the store; the folder made if need be."""
        make_private_folders(self.folder)
        write_file(self.path(memory.group), dump_json(memory.record()))


class Memories:
    """Every group's memory as the Store gives it (it delegates here): each group's file,
    with the closed sessions it lacks harvested, and the sheets saved into it. The Store
    checks that it may write and holds its mutex around what writes."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.files = MemoryFiles(store.path)

    def group(self, group: str) -> GroupMemory:
        """A group's memory, with any closed session it lacks harvested now (an older
        database, a crash at a close); the writer keeps what it harvested."""
        store = self.store
        found = self.files.read(group)
        missing = [s.id for s in store.summaries(group) if not s.running and s.id not in found.harvested]
        for session_id in missing:
            found.add(session_id, harvest(store.load_session(session_id)))
        if missing and not store.readonly:
            with contextlib.suppress(StoreError):  # derived: the next read tries again
                self.files.write(found)
        return found

    def _groups(self, group: str | None) -> list[str]:
        if group is not None:
            return [group]
        store = self.store
        return sorted({s.group for s in store.summaries()} | {g.name for g in store.groups()})

    def of(self, group: str | None) -> tuple[list[Knowledge], list[Sheet]]:
        """What the group's sessions gave its memory (every group's, for None), and its
        sheets: each file read once."""
        memories = [self.group(name) for name in self._groups(group)]
        items = [item for memory in memories for item in memory.items.values()]
        sheets = [sheet for memory in memories for sheet in memory.sheets.values()]
        return items, sorted(sheets, key=lambda sheet: sheet.created_at)

    def save_sheet(self, sheet: Sheet) -> None:
        memory = self.group(sheet.group)
        memory.sheets[sheet.id] = sheet
        self.files.write(memory)

    def add_closed(self, session: Session) -> None:
        """A session just closed gives its memory its items; a failure here loses nothing
        (the session file is the truth: the next read harvests it)."""
        with contextlib.suppress(StoreError):
            memory = self.files.read(session.group.name)
            memory.add(session.id, harvest(session))
            self.files.write(memory)
