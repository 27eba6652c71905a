"""The schema version kept in every database file, and the way from each old one.

A migration takes the raw tables (what TinyDB keeps in JSON) of version N and
returns those of version N + 1. The writer migrates and saves; a reader
migrates in memory only.

Version 2 changed the layout, not the records: the index of version 1 held every
summary and action; from 2 they are in each group's files (layout.py). A session's
file is the same in both. So the tables migrate as they are, and the store spreads an
index older than SPREAD into the groups' files (index.split) as it migrates it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from peertui.store.storage import StoreError

SCHEMA = 2
SPREAD = 2  # the first version whose summaries and actions are in the groups' files
META = "_meta"
Raw = dict[str, Any]


def _from_0(raw: Raw) -> Raw:
    """Version 0: the tables without a version stamp (before the first release)."""
    return raw


def _from_1(raw: Raw) -> Raw:
    """Version 1: the same records; the index's are spread into the groups' files (SPREAD)."""
    return raw


MIGRATIONS: dict[int, Callable[[Raw], Raw]] = {0: _from_0, 1: _from_1}


def version_of(raw: Raw, source: str = "the database") -> int:
    """The schema version stamped in the file: 0 if none, StoreError if it is not a version."""
    meta = raw.get(META)
    if not meta:
        return 0
    if not isinstance(meta, dict):
        raise StoreError(f'{source}: table "{META}" is damaged (not a set of records); it was left untouched')
    doc_id, record = next(iter(meta.items()))
    version = record.get("schema", 0) if isinstance(record, dict) else record
    if type(version) is not int or version < 0:
        raise StoreError(
            f'{source}: record {doc_id} of "{META}" is damaged '
            f"(schema {version!r} is not a version number); it was left untouched"
        )
    return version


def stamped(raw: Raw) -> Raw:
    return {**raw, META: {"1": {"schema": SCHEMA}}}


def migrate(raw: Raw, source: str) -> tuple[Raw, bool]:
    """The tables at the current version, and whether anything changed."""
    version = version_of(raw, source)
    if version > SCHEMA:
        raise StoreError(
            f"{source}: written by a newer peertui (schema {version}, this one reads {SCHEMA}); "
            "upgrade peertui"
        )
    if version == SCHEMA:
        return raw, False
    while version < SCHEMA:
        raw = MIGRATIONS[version](raw)
        version += 1
    return stamped(raw), True
