"""The round-robin queue of speakers, and the talk-time ledger.

The queue holds who is still to speak in this round; the first of them speaks
now. Turns that ended are kept in the session, and the ledger is derived from
them, never stored twice.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from peertui.core.model import Turn

GRACE_SECONDS = 15.0  # the first speaker of a round has not really begun before this


class Order(StrEnum):
    """How a new round is ordered."""

    GROUP = "group"  # the group file's order
    RANDOM = "random"
    LEAST_HEARD = "least_heard"


@dataclass(frozen=True)
class TurnQueue:
    waiting: tuple[str, ...] = ()
    heard: tuple[str, ...] = ()  # who spoke or passed in this round, in order
    since: float | None = None  # when the current speaker began
    paused_at: float | None = None  # the step's timer is paused: the speaker's clock too

    def spoken(self, now: float) -> float:
        """How long the current speaker has held the floor, pauses left out."""
        if self.since is None:
            return 0.0
        return max(0.0, (self.paused_at if self.paused_at is not None else now) - self.since)

    def pause(self, now: float) -> TurnQueue:
        return self if self.paused_at is not None else replace(self, paused_at=now)

    def resume(self, now: float) -> TurnQueue:
        """The speaker's clock goes on where it stopped: the pause is not their time."""
        if self.paused_at is None:
            return self
        since = self.since + (now - self.paused_at) if self.since is not None else None
        return replace(self, since=since, paused_at=None)

    @property
    def current(self) -> str | None:
        return self.waiting[0] if self.waiting and self.since is not None else None

    @property
    def upcoming(self) -> tuple[str, ...]:
        return self.waiting[1:] if self.current else self.waiting

    @property
    def next(self) -> str | None:
        return self.upcoming[0] if self.upcoming else None

    @property
    def round_over(self) -> bool:
        return not self.waiting and bool(self.heard)

    def end_turn(self, step: str, now: float, passed: bool = False) -> tuple[TurnQueue, Turn | None]:
        """The current speaker's turn ends; the next one, if any, begins."""
        if self.current is None or self.since is None:
            return self, None
        ended = self.paused_at if self.paused_at is not None else now
        turn = Turn(self.current, step, self.since, ended, passed)
        rest = self.waiting[1:]
        paused = now if self.paused_at is not None else None
        queue = TurnQueue(rest, (*self.heard, self.current), now if rest else None, paused)
        return queue, turn

    def skip(self, now: float) -> TurnQueue:
        """The current speaker is not ready: they go to the end of the round, unrecorded."""
        if self.current is None or len(self.waiting) < 2:
            return self
        return replace(self, waiting=(*self.waiting[1:], self.waiting[0]), since=now)

    def choose(self, name: str, step: str, now: float) -> tuple[TurnQueue, Turn | None]:
        """Give the floor to someone at once; the current speaker's turn ends."""
        queue, turn = self.end_turn(step, now) if self.current != name else (self, None)
        if queue.current == name:
            return queue, turn
        others = tuple(n for n in queue.waiting if n != name)
        paused = now if self.paused_at is not None else None
        return TurnQueue((name, *others), queue.heard, now, paused), turn

    def reorder(self, order: Order, talk: dict[str, float], seed: int, now: float) -> TurnQueue:
        """Reorder who is still waiting.

        Someone who has begun to speak keeps the floor; a round that has not
        really begun (nobody heard yet, the first speaker on for a few seconds)
        is reordered whole, as if the order had been chosen before it.
        """
        if self.since is not None and not self.heard and now - self.since < GRACE_SECONDS:
            return TurnQueue(ordered(self.waiting, order, talk, seed), (), now, self.paused_at and now)
        head = (self.waiting[0],) if self.current else ()
        upcoming = ordered(self.upcoming, order, talk, seed)
        return replace(self, waiting=(*head, *upcoming))


def ordered(people: Iterable[str], order: Order, talk: dict[str, float], seed: int) -> tuple[str, ...]:
    people = list(people)
    if order is Order.RANDOM:
        random.Random(seed).shuffle(people)
    elif order is Order.LEAST_HEARD:
        # Stable: equal talk times keep the group's order.
        people.sort(key=lambda name: talk.get(name, 0.0))
    return tuple(people)


def start_round(
    people: Iterable[str], now: float, order: Order, talk: dict[str, float], seed: int
) -> TurnQueue:
    waiting = ordered(people, order, talk, seed)
    return TurnQueue(waiting, (), now if waiting else None)


def talk_time(turns: Iterable[Turn]) -> dict[str, float]:
    """Seconds each person held the floor. A turn that ended in a pass counts too: a quick
    pass is a few seconds, and one who spoke eleven minutes before passing did speak."""
    ledger: dict[str, float] = {}
    for turn in turns:
        ledger[turn.speaker] = ledger.get(turn.speaker, 0.0) + turn.seconds
    return ledger
