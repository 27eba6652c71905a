"""The group's memory on disk: one file per group beside the database, `DB.memory/KEY.json`,
with what its closed sessions gave (core.knowledge.harvest) and its practice sheets.

What sessions gave is derived: the session files are the truth. A session is harvested
when it closes; one closed while this file could not be written (a crash, a full disk),
or before this file existed (an older database), is harvested when the memory is next
read, and the file written again by the writer. So finding something again reads one
small file per group, never every session; the sheets are the facilitator's own writing,
kept only here. (Not in the groups' folder: a schema-1 database spread again into it
empties that folder first, and sheets are nobody's to lose.)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from peertui.core.knowledge import Knowledge, from_record, to_record
from peertui.core.sheets import Sheet, sheet_from_record, sheet_to_record
from peertui.files import make_private_folders
from peertui.store.layout import group_key
from peertui.store.shape import damaged
from peertui.store.storage import dump_json, read_json, write_file

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
