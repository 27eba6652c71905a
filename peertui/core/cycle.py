"""A group's cycle: sessions held against planned, who has been client, who came,
and what each person committed to and did. Each member should be client once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from peertui.core.i18n import decimal, t, tn
from peertui.core.model import Action, ActionStatus, Group, SessionSummary


@dataclass(frozen=True)
class Member:
    name: str
    attended: int
    client: int  # sessions in which they were the client
    committed: int
    done: int


@dataclass(frozen=True)
class Cycle:
    group: Group
    held: int
    running: int
    members: tuple[Member, ...]
    roti: float | None = None  # the sessions' ROTI, averaged over those that asked for it
    rated: int = 0  # how many did

    @property
    def planned(self) -> int:
        return self.group.planned_sessions

    @property
    def not_yet_client(self) -> tuple[str, ...]:
        """In the group's order: the next client is proposed from here."""
        return tuple(m.name for m in self.members if m.client == 0)


def cycle_of(group: Group, summaries: Iterable[SessionSummary], actions: Iterable[Action]) -> Cycle:
    own = [s for s in summaries if s.group == group.name]
    closed = [s for s in own if not s.running]
    mine = [a for a in actions if a.group == group.name]
    members = tuple(
        Member(
            name=name,
            attended=sum(1 for s in closed if name in s.present),
            client=sum(1 for s in closed if name in s.every_client),
            committed=sum(1 for a in mine if a.owner == name),
            done=sum(1 for a in mine if a.owner == name and a.status is ActionStatus.DONE),
        )
        for name in group.names
        if name != group.facilitator
    )
    scores = [s.roti for s in closed if s.roti is not None]
    roti = sum(scores) / len(scores) if scores else None
    return Cycle(group, len(closed), len(own) - len(closed), members, roti, len(scores))


def render_cycle(cycle: Cycle, lang: str) -> str:
    """The cycle as plain text, for `peertui groups --detail`."""
    planned = f"/{cycle.planned}" if cycle.planned else ""
    lines = [cycle.group.name, t("cycle.held", lang, held=cycle.held, planned=planned)]
    if cycle.running:
        lines.append(t("cycle.running", lang, count=cycle.running))
    if cycle.roti is not None:
        lines.append(tn("cycle.roti", cycle.rated, lang, average=decimal(cycle.roti, lang)))
    heads = (
        t("recap.person", lang),
        t("cycle.attended", lang),
        t("cycle.client", lang),
        t("cycle.committed", lang),
        t("cycle.done", lang),
    )
    rows = [heads] + [
        (m.name, str(m.attended), str(m.client), str(m.committed), str(m.done)) for m in cycle.members
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(heads))]
    lines.append("")
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    lines.append("")
    waiting = cycle.not_yet_client
    lines.append(
        t("cycle.next_client", lang, names=", ".join(waiting))
        if waiting
        else t("cycle.all_were_client", lang)
    )
    return "\n".join(lines) + "\n"
