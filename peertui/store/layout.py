"""Where each record lives: the index, and the files of each group.

    DB                              the index: groups, the running sessions, each group's
                                    latest closed session (read at every start)
    DB.groups/KEY.sessions.json     one group's session summaries
    DB.groups/KEY.open-YYYY.json    one group's open actions (open, in progress) made in
                                    the year YYYY (UTC)
    DB.groups/KEY.closed-YYYY.json  one group's closed actions (done, dropped) made in YYYY
    DB.groups/actions.pending       an action on its way from one file to another

KEY is the group's name made a file name, with a digest of the name (two names that
slug alike stay apart). An action is in one of two files, both known from the action
itself: its group's open or closed file of the year it was made in. So what a week
needs (the open actions, one group's sessions) is read without the years of closed
history, which are read only for what asks for them; and committing or following up an
action rewrites one year's file of its group, however many years the group has.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import unicodedata
from collections.abc import Iterable
from pathlib import Path

OPEN_STATUSES = frozenset(("open", "in_progress"))
JOURNAL = "actions.pending"
_ACTIONS = re.compile(r"(.+)\.(open|closed)-(\d{4,})\.json")


def slug(text: str, limit: int = 32) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:limit].strip("-") or "group"


def group_key(name: str) -> str:
    digest = hashlib.sha1(name.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return f"{slug(name, 24)}-{digest}"


def year_of(moment: float) -> int:
    return time.gmtime(moment).tm_year


class Layout:
    def __init__(self, database: Path) -> None:
        self.index = database
        self.folder = database.with_name(database.name + ".groups")
        self.journal = self.folder / JOURNAL

    def sessions(self, group: str) -> Path:
        return self.folder / f"{group_key(group)}.sessions.json"

    def open(self, group: str, year: int) -> Path:
        return self.folder / f"{group_key(group)}.open-{year}.json"

    def closed(self, group: str, year: int) -> Path:
        return self.folder / f"{group_key(group)}.closed-{year}.json"

    def places(self, group: str, year: int) -> tuple[Path, Path]:
        """The two files an action of `group` made in `year` may be in."""
        return self.open(group, year), self.closed(group, year)

    def home(self, record: dict[str, object]) -> Path:
        """The one file an action belongs in, as its status and date say."""
        group = str(record["group"])
        created = record["created_at"]
        year = year_of(float(created) if isinstance(created, int | float) else 0.0)
        return self.open(group, year) if record["status"] in OPEN_STATUSES else self.closed(group, year)

    def names(self) -> list[str]:
        """The names of the files in the groups' folder (none if there is no folder)."""
        try:
            return sorted(os.listdir(self.folder))
        except (FileNotFoundError, NotADirectoryError):
            return []

    def years(self, kind: str, group: str, names: Iterable[str]) -> list[int]:
        """The years of a group's action files of one kind ("open", "closed") among `names`,
        the newest first."""
        key = group_key(group)
        years = []
        for name in names:
            found = _ACTIONS.fullmatch(name)
            if found and found.group(1) == key and found.group(2) == kind:
                years.append(int(found.group(3)))
        return sorted(set(years), reverse=True)

    def files(self, kind: str, group: str, names: Iterable[str]) -> list[Path]:
        """A group's action files of one kind, the newest year first."""
        make = self.open if kind == "open" else self.closed
        return [make(group, year) for year in self.years(kind, group, names)]

    def all_of(self, kind: str, names: Iterable[str]) -> list[Path]:
        """Every group's files of one kind among `names`: "sessions", "open" or "closed"."""
        if kind == "sessions":
            return [self.folder / name for name in names if name.endswith(".sessions.json")]
        return [
            self.folder / name
            for name in names
            if (found := _ACTIONS.fullmatch(name)) is not None and found.group(2) == kind
        ]

    def rank(self, path: Path) -> int:
        """The order in which a batch's files are written, among those of one step
        (index.Batch.writes): closed, open, sessions, and the index, which says what is
        there, last."""
        if path == self.index:
            return 4
        found = _ACTIONS.fullmatch(path.name)
        if found:
            return 0 if found.group(2) == "closed" else 1
        return 2
