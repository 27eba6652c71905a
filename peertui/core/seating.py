"""Seating people at tables (World Café): tables of a given size, each with a host; and
between rounds, everyone but the hosts moves so as to meet as many new people as possible.

Computed, not drawn at random: the same people and rounds give the same tables, and the
number of people seated again with someone they already sat with is counted and said.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from math import ceil


@dataclass(frozen=True)
class Table:
    number: int  # from 1
    host: str
    members: tuple[str, ...]  # the host first

    def __contains__(self, name: object) -> bool:
        return name in self.members


@dataclass(frozen=True)
class TableRound:
    """How the people present sat for one step."""

    step: str
    tables: tuple[Table, ...]
    repeats: int = 0  # pairs seated together again, having sat together in an earlier round

    def table_of(self, name: str) -> Table | None:
        return next((table for table in self.tables if name in table), None)


def met(rounds: Iterable[TableRound]) -> set[frozenset[str]]:
    """Every pair of people who have sat at one table."""
    pairs: set[frozenset[str]] = set()
    for round_ in rounds:
        for table in round_.tables:
            pairs.update(frozenset(pair) for pair in combinations(table.members, 2))
    return pairs


def first_seating(step: str, people: Sequence[str], size: int) -> TableRound:
    """Tables of `size` at most, as even as can be; people dealt in the group's order, so
    that those listed together are spread apart; the first at each table hosts it."""
    count = max(1, ceil(len(people) / max(2, size)))
    seats: list[list[str]] = [[] for _ in range(count)]
    for index, name in enumerate(people):
        seats[index % count].append(name)
    tables = tuple(Table(n + 1, members[0], tuple(members)) for n, members in enumerate(seats) if members)
    return TableRound(step, tables, 0)


def mixed_seating(
    step: str, people: Sequence[str], before: TableRound, earlier: Sequence[TableRound]
) -> TableRound:
    """The hosts stay at their tables; everyone else moves, each to the table where they
    know the fewest people already (then the least full), never back to their own table
    if another has room."""
    known = met(earlier)
    hosts = [table.host for table in before.tables if table.host in people]
    capacity = [max(len(table.members), 1) for table in before.tables]
    seats: list[list[str]] = [[table.host] if table.host in people else [] for table in before.tables]
    movers = [name for name in people if name not in hosts]

    def strangers(name: str) -> list[int]:
        return [sum(frozenset((name, other)) in known for other in seat) for seat in seats]

    # The hardest to place first: those who already know the most people.
    movers.sort(key=lambda name: (-sum(frozenset((name, o)) in known for o in people), people.index(name)))
    for name in movers:
        own = before.table_of(name)
        overlap = strangers(name)
        choices = [n for n in range(len(seats)) if len(seats[n]) < capacity[n]] or list(range(len(seats)))
        best = min(
            choices,
            key=lambda n: (overlap[n], own is not None and own.number == n + 1, len(seats[n]), n),
        )
        seats[best].append(name)
    tables = tuple(Table(n + 1, members[0], tuple(members)) for n, members in enumerate(seats) if members)
    repeats = sum(frozenset(pair) in known for table in tables for pair in combinations(table.members, 2))
    return TableRound(step, tables, repeats)


def merged_seating(
    step: str, people: Sequence[str], before: TableRound, size: int, earlier: Sequence[TableRound]
) -> TableRound:
    """Whole tables of the round before join, in their order, until each new table has
    `size` people (1-2-4-All: two pairs make a four); the host of the first stays host. A
    table left over alone joins the last new one (a pair has nobody new to meet on its own).
    Someone present who sat nowhere before joins the smallest table."""
    groups: list[list[str]] = []
    alone = False  # whether the last group is one table of the round before, not joined
    for table in before.tables:
        members = [name for name in table.members if name in people]
        if not members:
            continue
        if groups and len(groups[-1]) < max(2, size):
            groups[-1].extend(members)
            alone = False
        else:
            groups.append(members)
            alone = True
    if alone and len(groups) > 1 and len(groups[-1]) < size:
        groups[-2].extend(groups.pop())
    seated = {name for members in groups for name in members}
    for name in people:
        if name not in seated:
            if not groups:
                groups.append([])
            min(groups, key=len).append(name)
    tables = tuple(Table(n + 1, members[0], tuple(members)) for n, members in enumerate(groups))
    known = met(earlier)
    repeats = sum(frozenset(pair) in known for table in tables for pair in combinations(table.members, 2))
    return TableRound(step, tables, repeats)
