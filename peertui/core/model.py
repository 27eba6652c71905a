"""The values of peertui: participants, groups, ideas, actions, turns.

Every value is a frozen dataclass; a change makes a new value (see session.py).
Times are seconds since the epoch, as given by an injected clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class Participant:
    name: str
    role: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Group:
    name: str
    language: str
    participants: tuple[Participant, ...]
    cadence: str = ""
    planned_sessions: int = 0
    facilitator: str = ""
    sessions: tuple[date, ...] = ()  # the dates of its sessions, when the group file gives them
    charter: tuple[str, ...] = ()  # the group's rules ("Ce qui se dit ici reste ici"...)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.participants)


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def is_open(self) -> bool:
        return self in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


@dataclass(frozen=True)
class ActionChange:
    """One dated change of an action: nothing about an action is overwritten silently."""

    at: float
    status: ActionStatus
    note: str = ""
    due: date | None = None
    session_id: str = ""


@dataclass(frozen=True)
class Action:
    id: str
    owner: str
    what: str
    created_at: float
    session_id: str
    group: str
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    history: tuple[ActionChange, ...] = ()

    def changed(
        self,
        at: float,
        status: ActionStatus | None = None,
        note: str = "",
        due: date | None = None,
        session_id: str = "",
    ) -> Action:
        """A new action with the change applied and kept in its history."""
        new_status = status or self.status
        new_due = due or self.due
        entry = ActionChange(at, new_status, note, new_due, session_id)
        return Action(
            self.id,
            self.owner,
            self.what,
            self.created_at,
            self.session_id,
            self.group,
            new_due,
            new_status,
            (*self.history, entry),
        )


@dataclass(frozen=True)
class Idea:
    id: str
    text: str
    author: str
    step: str
    kind: str
    at: float
    confidential: bool = False
    against_rule: bool = False  # said by someone the step's rule keeps silent (the client, say)
    table: int = 0  # the table it was said at (World Café), 0 if none
    seating: str = ""  # the step whose tables it was said at (or harvests): the round
    answer: str = ""  # a question's answer, in a step that queues questions
    answered: bool = False
    gathers: tuple[str, ...] = ()  # a theme: the ids of the ideas it gathers
    kept: bool = False  # kept in the group's memory by the facilitator (ctrl+b, or k in F2)


@dataclass(frozen=True)
class Turn:
    """One speaking turn: who, in which step, from when to when, or passed."""

    speaker: str
    step: str
    started_at: float
    ended_at: float
    passed: bool = False

    @property
    def seconds(self) -> float:
        return max(0.0, self.ended_at - self.started_at)


@dataclass(frozen=True)
class Review:
    """Where a member stands on an earlier action, said during the follow-up round."""

    action_id: str
    owner: str
    what: str
    status: ActionStatus
    note: str = ""
    at: float = 0.0


@dataclass(frozen=True)
class Entry:
    """One person's entry in a step that asks for a form (the 4 A, a story told as
    Challenge, Action, Result...): its parts as (part key, text), in the form's order."""

    author: str
    step: str
    parts: tuple[tuple[str, str], ...]
    at: float = 0.0

    def text(self, part: str) -> str:
        return next((text for key, text in self.parts if key == part), "")


@dataclass(frozen=True)
class SessionSummary:
    """What the index keeps of a session, to list them without loading them."""

    id: str
    group: str
    protocol: str
    client: str
    case_title: str
    started_at: float
    closed_at: float | None
    present: tuple[str, ...] = field(default_factory=tuple)
    clients: tuple[str, ...] = ()  # every case's client, when the session held several
    confidential: bool = False  # its case is: the home screen marks it 🔒 (the room may see)
    roti: float | None = None  # its "return on time invested", averaged, if it asked for one

    @property
    def running(self) -> bool:
        return self.closed_at is None

    @property
    def every_client(self) -> tuple[str, ...]:
        return self.clients or ((self.client,) if self.client else ())
