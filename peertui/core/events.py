"""What a facilitator can do to a running session, as data.

An event says what, not when: rules.apply(session, event, at) takes the moment apart
(the interface reads it from its clock as it applies the event) and turns the event into
a new session, or refuses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peertui.core.model import ActionStatus
from peertui.core.turns import Order


@dataclass(frozen=True)
class Event:
    """The base of every event."""


@dataclass(frozen=True)
class NextStep(Event):
    pass


@dataclass(frozen=True)
class PreviousStep(Event):
    pass


@dataclass(frozen=True)
class PauseTimer(Event):
    pass


@dataclass(frozen=True)
class ResumeTimer(Event):
    pass


@dataclass(frozen=True)
class ShortenRemaining(Event):
    """Shorten the steps still to come so that the session ends on time."""


@dataclass(frozen=True)
class SetStepMinutes(Event):
    step: str
    minutes: float


@dataclass(frozen=True)
class NextSpeaker(Event):
    pass


@dataclass(frozen=True)
class PassTurn(Event):
    pass


@dataclass(frozen=True)
class SkipSpeaker(Event):
    pass


@dataclass(frozen=True)
class ChooseSpeaker(Event):
    name: str


@dataclass(frozen=True)
class SetOrder(Event):
    order: Order
    seed: int = 0


@dataclass(frozen=True)
class CaptureIdea(Event):
    text: str
    author: str | None = None  # None: the current speaker
    kind: str | None = None  # None: the step's first kind
    confidential: bool = False
    gathers: tuple[str, ...] = ()  # a theme: the ideas it gathers


@dataclass(frozen=True)
class EditIdea(Event):
    idea_id: str
    text: str
    author: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class DeleteIdea(Event):
    idea_id: str


@dataclass(frozen=True)
class ToggleConfidential(Event):
    idea_id: str


@dataclass(frozen=True)
class KeepIdea(Event):
    """An idea kept in the group's memory, or no longer; None: the last one said."""

    idea_id: str | None = None


@dataclass(frozen=True)
class AddAction(Event):
    what: str
    owner: str | None = None  # None: the client
    due: date | None = None


@dataclass(frozen=True)
class EditAction(Event):
    action_id: str
    what: str
    owner: str
    due: date | None


@dataclass(frozen=True)
class DeleteAction(Event):
    action_id: str


@dataclass(frozen=True)
class SetClient(Event):
    client: str
    case_title: str
    confidential: bool | None = None  # the case: None keeps it as it was


@dataclass(frozen=True)
class NextCase(Event):
    """A second case in the same half-day: the steps from the topic's choice run again,
    for a new client and case."""


@dataclass(frozen=True)
class MarkConfidential(Event):
    """The case, or the contract, made confidential, or no longer."""

    what: str  # "case" or "contract"
    confidential: bool


@dataclass(frozen=True)
class SetContract(Event):
    text: str
    confidential: bool = False


@dataclass(frozen=True)
class ReviewAction(Event):
    """Follow-up: where an earlier action stands, said by its owner."""

    action_id: str
    owner: str
    what: str
    status: ActionStatus
    note: str = ""


@dataclass(frozen=True)
class FillPart(Event):
    """One part of the step's form, for one person (their entry is made or completed)."""

    part: str
    text: str
    author: str | None = None  # None: the current speaker


@dataclass(frozen=True)
class EditEntry(Event):
    """A person's whole entry in a step, as corrected; parts left empty are cleared."""

    author: str
    step: str
    parts: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class DeleteEntry(Event):
    author: str
    step: str


@dataclass(frozen=True)
class AnswerQuestion(Event):
    """The question waiting first (or `idea_id`) is answered, with `text` (empty: answered
    without words, or set aside)."""

    text: str
    idea_id: str | None = None


@dataclass(frozen=True)
class Vote(Event):
    """The dots an idea got (the whole count for it, not an increase)."""

    idea_id: str
    dots: int


@dataclass(frozen=True)
class GiveRoti(Event):
    """Return on time invested, 1 to 5."""

    score: int
    author: str | None = None  # None: the current speaker


@dataclass(frozen=True)
class Agree(Event):
    """Someone agrees to the group's charter."""

    author: str | None = None


@dataclass(frozen=True)
class Decide(Event):
    choice: str
    note: str = ""


@dataclass(frozen=True)
class CloseSession(Event):
    pass
