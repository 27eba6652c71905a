"""Opening the store and closing it: the lock, the migration, the repair of a cut write.

The writer, on opening, spreads an index of schema 1 into the groups' files
(index.split: the groups' files first, the index last, so that a cut migration is
done again whole at the next open), re-derives what each session with a marker
says (markers.py), finishes an action's move cut short (the journal) and removes
the temporary files of killed writes. A reader never writes: it does the same in
its memory only, and the files wait for the next writer.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Self

from peertui.files import make_private_folders
from peertui.store import index, markers
from peertui.store.base import StoreBase
from peertui.store.repair import Repair
from peertui.store.schema import SCHEMA, SPREAD, migrate, stamped, version_of
from peertui.store.shape import check_index
from peertui.store.storage import (
    cannot_write_here,
    dump_json,
    probe,
    read_json,
    remove_stale_temps,
    write_file,
)


class Opening(StoreBase):
    """The Store's part that opens it, as the writer (the lock held) or as a reader."""

    def __init__(self, path: Path, readonly: bool = False) -> None:
        super().__init__(path, readonly)
        if readonly:
            self._open_reader()
        else:
            self._open_writer()

    def _open_writer(self) -> None:
        try:
            make_private_folders(self.path.parent)
        except OSError as error:
            raise cannot_write_here(self.path, error) from None
        self._lock.acquire()
        try:
            self._prepare_writer()
        except BaseException:
            self._lock.release()
            raise

    def _prepare_writer(self) -> None:
        folder = self.layout.folder
        try:
            make_private_folders(self.sessions_dir)
            make_private_folders(folder)
            remove_stale_temps(self.path.parent, self.path.name)
            remove_stale_temps(self.sessions_dir)
            remove_stale_temps(self.recaps_dir)
            remove_stale_temps(folder)
            probe(self.path.parent, self.path.name)  # fail now, not at the first save
            probe(self.sessions_dir, "probe")
            probe(folder, "probe")
        except OSError as error:
            raise cannot_write_here(self.path, error) from None
        raw = read_json(self.path)
        if raw is None:
            write_file(self.path, dump_json(stamped({})))
            self._files[self.path] = stamped({})
            return
        batch, repair, journal = self._opened(raw)
        if self._whole:  # schema 1: what a cut migration left in the folder goes first
            self._whole = False
            self._clear_folder()
        if batch.changed:
            self._write(batch)
        for session_id in repair.done:
            markers.clear(self.sessions_dir, session_id)
        if journal:
            with contextlib.suppress(OSError):
                os.unlink(self.layout.journal)

    def _clear_folder(self) -> None:
        """The groups' folder emptied of our files, before a schema-1 index is spread into it:
        nothing in it is read while the index says schema 1."""
        try:
            for name in self.layout.names():
                if name.endswith(".json") or name == self.layout.journal.name:
                    (self.layout.folder / name).unlink()
        except OSError as error:
            raise cannot_write_here(self.path, error) from None

    def _opened(self, raw: index.Tables) -> tuple[index.Batch, Repair, bool]:
        """The index checked and migrated; what opening changes, in a batch (not written)."""
        version = version_of(raw, str(self.path))
        raw, _ = migrate(raw, str(self.path))
        check_index(raw, self.path)  # before anything is written: a damaged file stays as it is
        if version < SPREAD:
            self._whole = True
            batch = index.Batch(self.layout, lambda _: {}, list)
            index.split(batch, raw)
        else:
            self._files[self.path] = raw
            batch = self._batch()
        repair = Repair(batch, self.sessions_dir, self._session_path)
        self.problems += repair.problems
        self._behind.update(repair.behind)
        journal = False
        if not self._whole:
            moving = read_json(self.layout.journal)
            if moving is not None:
                check_index(moving, self.layout.journal)
                for record in moving.get("actions", {}).values():
                    index.heal_action(batch, record)
                journal = True
        return batch, repair, journal

    def _open_reader(self) -> None:
        raw = read_json(self.path) or stamped({})
        batch, _, _ = self._opened(raw)
        self._files.update(batch.changed)  # in memory only: the files wait for the writer

    def close(self) -> None:
        with self._mutex:
            self._files.clear()
            self._lock.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def schema(self) -> int:
        return version_of(self._index(), str(self.path)) or SCHEMA
