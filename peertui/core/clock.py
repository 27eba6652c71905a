"""Time, injected: a Clock protocol, a fake clock for tests, and countdowns.

A countdown does not stop at zero: past its planned time it counts overtime,
because a facilitator must see by how much a step runs over.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds since the epoch."""
        ...


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start: float = 1_790_000_000.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += seconds


class TimerState(StrEnum):
    OK = "ok"
    WARNING = "warning"
    OVERTIME = "overtime"


@dataclass(frozen=True)
class Countdown:
    planned: float
    elapsed: float = 0.0
    running_since: float | None = None

    @property
    def running(self) -> bool:
        return self.running_since is not None

    def spent(self, now: float) -> float:
        if self.running_since is None:
            return self.elapsed
        return self.elapsed + max(0.0, now - self.running_since)

    def remaining(self, now: float) -> float:
        """Seconds left; negative once in overtime."""
        return self.planned - self.spent(now)

    def start(self, now: float) -> Countdown:
        return self if self.running else replace(self, running_since=now)

    def pause(self, now: float) -> Countdown:
        if not self.running:
            return self
        return replace(self, elapsed=self.spent(now), running_since=None)

    def replan(self, planned: float) -> Countdown:
        return replace(self, planned=max(0.0, planned))

    def warning_at(self) -> float:
        """Seconds left when the countdown turns to warning: a fifth, between 30 s and 2 min."""
        return min(120.0, max(30.0, self.planned * 0.2))

    def state(self, now: float) -> TimerState:
        left = self.remaining(now)
        if left < 0:
            return TimerState.OVERTIME
        if left <= self.warning_at():
            return TimerState.WARNING
        return TimerState.OK


def format_duration(seconds: float) -> str:
    """12:05, 1:02:03; whole seconds, rounded down."""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def format_remaining(remaining: float) -> str:
    """What a countdown shows: time left, or +m:ss of overtime."""
    if remaining < 0:
        # One second past zero already shows +0:01, never a second "0:00".
        return "+" + format_duration(-remaining + 0.999)
    return format_duration(remaining + 0.999)


def format_minutes(seconds: float) -> str:
    """A duration in whole minutes for recaps: '12 min', '1 h 05'."""
    minutes = round(seconds / 60)
    if minutes >= 60:
        return f"{minutes // 60} h {minutes % 60:02d}"
    return f"{minutes} min"
