"""The actions: read from the groups' open and closed files, saved outside a session.

An action lives in its group's open file or closed file of the year it was made in
(layout.py): what a week asks for (the open actions) is read without the years of
closed history, read only by what asks for every action.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from peertui.core import codec
from peertui.core.model import Action
from peertui.store import index
from peertui.store.base import StoreBase
from peertui.store.schema import META, SCHEMA
from peertui.store.storage import dump_json, write_file

if TYPE_CHECKING:
    from peertui.core.session import Session


class Actions(StoreBase):
    """The Store's part that reads and saves actions."""

    def open_actions(
        self, group: str | None = None, owner: Callable[[str], bool] | None = None
    ) -> list[Action]:
        """The open actions (open, in progress), of one group or of all; those whose owner
        `owner` keeps, if given (told before decoding: the others cost nothing more)."""
        keep = None if owner is None else _owner_kept(owner)
        with self._mutex:
            found = []
            for path in self._action_files("open", group):
                tables = self._read(path, keep=False)
                found += index.decoded(tables, "actions", codec.action_from_dict, path, keep)
        return [a for a in found if group is None or a.group == group]

    def actions(self, group: str | None = None) -> list[Action]:
        """Every action, closed ones too: every year of closed history is read (not kept)."""
        found = self.open_actions(group)
        with self._mutex:
            for path in self._action_files("closed", group):
                tables = self._read(path, keep=False)
                found += index.decoded(tables, "actions", codec.action_from_dict, path)
        return [a for a in found if group is None or a.group == group]

    def _action_files(self, kind: str, group: str | None) -> list[Path]:
        """The action files of one kind ("open", "closed"): one group's, or every group's."""
        names = self._names()
        if group is not None:
            return self.layout.files(kind, group, names)
        return self.layout.all_of(kind, names)

    def action(self, action_id: str) -> Action | None:
        opened = next((a for a in self.open_actions() if a.id == action_id), None)
        return opened or next((a for a in self.actions() if a.id == action_id), None)

    def save_action(self, action: Action) -> None:
        """An action changed outside a session (peertui action, the review board). Moving
        from its open file to a closed one (or back), it is written first to the journal:
        cut short, the move is finished at the next open (index.heal_action)."""
        self._writable()
        record = index.plain(codec.action_to_dict(action))
        with self._mutex:
            batch = self._batch()
            stored = batch.locate(action.group, action.id, action.created_at)
            moves = stored is not None and stored.path != self.layout.home(record)
            if moves:
                journal = {"actions": {"1": record}, META: {"1": {"schema": SCHEMA}}}
                write_file(self.layout.journal, dump_json(journal))
            batch.put_action(record)
            self._write(batch)
            if moves:
                with contextlib.suppress(OSError):  # left behind, it is a no-op at the next open
                    os.unlink(self.layout.journal)

    def carried_actions(self, session: Session) -> list[Action]:
        """The group's open actions from earlier sessions, as they stand now (a closed one
        is carried no more: what a session shows and its recap carries are the open ones)."""
        return [
            a
            for a in self.open_actions(session.group.name)
            if a.session_id != session.id and a.created_at < session.started_at
        ]

    def all_actions(self, group: str) -> list[Action]:
        """Every action of a group, closed ones included (for a bilan)."""
        return self.actions(group)  # its files alone, not every group's


def _owner_kept(owner: Callable[[str], bool]) -> Callable[[index.Record], bool]:
    """`owner` asked once per name: a decade of actions has a few dozen owners."""
    said: dict[str, bool] = {}

    def keep(record: index.Record) -> bool:
        name = record.get("owner")
        if not isinstance(name, str):
            return True  # a damaged one is decoded, and named
        kept = said.get(name)
        if kept is None:
            kept = said[name] = owner(name)
        return kept

    return keep
