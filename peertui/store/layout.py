"""Where each record lives: the index, and the files of each group.

    DB                              the index: groups, the running sessions, each group's
                                    latest closed session (read at every start)
    DB.groups/KEY.sessions.json     one group's session summaries
    DB.groups/KEY.open.json         one group's open actions (open, in progress)
    DB.groups/KEY.closed-YYYY.json  one group's closed actions (done, dropped), by the
                                    year (UTC) they were committed in
    DB.groups/actions.pending       an action on its way from one file to another

KEY is the group's name made a file name, with a digest of the name (two names that
slug alike stay apart). An action is in one of two files, both known from the action
itself: its group's open file, or the closed file of the year it was made in. So what
a week needs (the open actions, one group's sessions) is read without the years of
closed history, which are read only for what asks for them.
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
_CLOSED = re.compile(r"(.+)\.closed-(\d{4,})\.json")


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

    def open(self, group: str) -> Path:
        return self.folder / f"{group_key(group)}.open.json"

    def closed(self, group: str, year: int) -> Path:
        return self.folder / f"{group_key(group)}.closed-{year}.json"

    def home(self, record: dict[str, object]) -> Path:
        """The one file an action belongs in, as its status and date say."""
        group = str(record["group"])
        if record["status"] in OPEN_STATUSES:
            return self.open(group)
        created = record["created_at"]
        return self.closed(group, year_of(float(created) if isinstance(created, int | float) else 0.0))

    def names(self) -> list[str]:
        """The names of the files in the groups' folder (none if there is no folder)."""
        try:
            return sorted(os.listdir(self.folder))
        except (FileNotFoundError, NotADirectoryError):
            return []

    def closed_years(self, group: str, names: Iterable[str]) -> list[int]:
        """The years of a group's closed files among `names`, the newest first."""
        key = group_key(group)
        years = []
        for name in names:
            found = _CLOSED.fullmatch(name)
            if found and found.group(1) == key:
                years.append(int(found.group(2)))
        return sorted(set(years), reverse=True)

    def all_of(self, kind: str, names: Iterable[str]) -> list[Path]:
        """Every group's files of one kind among `names`: "sessions", "open" or "closed"."""
        if kind == "closed":
            return [self.folder / name for name in names if _CLOSED.fullmatch(name)]
        return [self.folder / name for name in names if name.endswith(f".{kind}.json")]

    def rank(self, path: Path) -> int:
        """The order in which a batch's files are written: a file an action moves to before
        the file it leaves (closed before open), and the index, which says what is there,
        last."""
        if path == self.index:
            return 4
        name = path.name
        if _CLOSED.fullmatch(name):
            return 0
        if name.endswith(".open.json"):
            return 1
        return 2
