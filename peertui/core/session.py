"""A session as a value: its group and protocol, its steps as run, turns, ideas, actions.

Events change it through the rules (rules.py), which refuse what the method or the state
does not allow with a reason (Refused.code, a key of the language catalogues).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from peertui.core.clock import Countdown
from peertui.core.model import Action, Entry, Group, Idea, Review, Turn
from peertui.core.protocol import Protocol, Speakers, Step
from peertui.core.seating import TableRound
from peertui.core.turns import Order, TurnQueue, talk_time

# Longer than this is refused, never cut: the text stays where it was typed, with a word why.
# (An idea has no reason to be short; a whole document pasted by mistake has no place.)
MAX_TEXT = 100_000


class Refused(Exception):
    """An event the session cannot take; `code` names the reason in the catalogues."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Case:
    """One case of a session: who brought it, what it is, the consultation's contract.
    A half-day may hold two ("Next case"); `first` is the index of its first step run."""

    client: str = ""
    title: str = ""
    contract: str = ""
    confidential: bool = False  # the title, in no recap
    contract_confidential: bool = False
    first: int = 0


@dataclass(frozen=True)
class StepRun:
    """A protocol step as it is run: its countdown, and when it was entered and left."""

    step: Step
    timer: Countdown
    entered_at: float | None = None
    left_at: float | None = None


@dataclass(frozen=True)
class Session:
    id: str
    group: Group
    protocol: Protocol
    lang: str
    started_at: float
    deadline: float  # the planned end, fixed at start
    runs: tuple[StepRun, ...]
    client: str = ""
    case_title: str = ""
    contract: str = ""
    case_confidential: bool = False  # the case's title, in no recap
    contract_confidential: bool = False
    present: tuple[str, ...] = ()
    current: int = 0
    queue: TurnQueue = field(default_factory=TurnQueue)
    order: Order = Order.GROUP
    seed: int = 0
    turns: tuple[Turn, ...] = ()
    ideas: tuple[Idea, ...] = ()
    actions: tuple[Action, ...] = ()
    reviews: tuple[Review, ...] = ()
    entries: tuple[Entry, ...] = ()  # the forms filled in (the 4 A...), one per person and step
    rounds: tuple[TableRound, ...] = ()  # how people sat, in the steps with tables
    votes: tuple[tuple[str, int], ...] = ()  # (idea id, dots), in a step that votes
    roti: tuple[tuple[str, int], ...] = ()  # (person, 1 to 5): return on time invested
    agreed: tuple[str, ...] = ()  # who agreed to the group's charter
    decision: str = ""  # the group's decision (one of the step's `decisions`), and why
    decision_note: str = ""
    recalled: tuple[Entry, ...] = ()  # entries from the group's earlier sessions (`recall`)
    cases: tuple[Case, ...] = ()  # the session's earlier cases, when it held several
    case_start: int = 0  # the index of the first step run of the case in progress
    closed_at: float | None = None
    counter: int = 0  # for the ids of ideas and actions

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    @property
    def run(self) -> StepRun:
        return self.runs[self.current]

    @property
    def step(self) -> Step:
        return self.run.step

    @property
    def paused(self) -> bool:
        return not self.closed and not self.run.timer.running

    @property
    def facilitator(self) -> str:
        return self.group.facilitator

    @property
    def consultants(self) -> tuple[str, ...]:
        return tuple(n for n in self.present if n not in (self.client, self.facilitator))

    def speakers_for(self, step: Step) -> tuple[str, ...]:
        return self.speakers_for_role(step.speakers)

    def speakers_for_role(self, role: Speakers) -> tuple[str, ...]:
        if role is Speakers.CONSULTANTS:
            return self.consultants
        if role is Speakers.CLIENT:
            return (self.client,) if self.client else ()
        return tuple(n for n in self.present if n != self.facilitator)

    @property
    def speaker(self) -> str:
        """Who ideas are attributed to by default: the one speaking now, if known."""
        if self.queue.current:
            return self.queue.current
        if self.step.speakers is Speakers.CLIENT:
            return self.client
        return ""

    def talk_time(self) -> dict[str, float]:
        return talk_time(self.turns)

    @property
    def case(self) -> Case:
        """The case in progress (the only one, in most sessions)."""
        return Case(
            self.client,
            self.case_title,
            self.contract,
            self.case_confidential,
            self.contract_confidential,
            self.case_start,
        )

    @property
    def all_cases(self) -> tuple[Case, ...]:
        return (*self.cases, self.case)

    def case_of(self, step_key: str) -> Case:
        """The case a step was run for (a step before the first case's: the first case)."""
        index = next((i for i, run in enumerate(self.runs) if run.step.key == step_key), 0)
        return next((case for case in reversed(self.all_cases) if case.first <= index), self.all_cases[0])

    def expected_end(self, now: float) -> float:
        """When the session will end if every step from now on keeps its planned time."""
        left_now = max(0.0, self.run.timer.remaining(now))
        later = sum(run.timer.planned for run in self.runs[self.current + 1 :])
        return now + left_now + later


MAX_MINUTES = 600  # ten hours: longer is a typing slip


def check_minutes(minutes: float) -> float:
    """A step's planned minutes, or Refused: more than nothing, at most ten hours."""
    if not 0 < minutes <= MAX_MINUTES:
        raise Refused("bad_minutes")
    return minutes


def step_minutes(text: str) -> float:
    """Minutes as typed in a form ('15', '7.5'), checked; Refused otherwise."""
    try:
        minutes = float(text.replace(",", "."))
    except ValueError:
        raise Refused("bad_minutes") from None
    return check_minutes(minutes)


def clean_text(text: str) -> str:
    """The text as saved: trimmed, and refused past MAX_TEXT characters."""
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise Refused("too_long", length=len(text), limit=MAX_TEXT)
    return text


def kept_silent(session: Session, name: str) -> bool:
    """Whether the step's rule keeps `name` silent now (the client in the consultation, the
    consultants during the presentation). The facilitator never is."""
    silent = session.step.silent
    if silent is None or name == session.facilitator:
        return False
    if silent is Speakers.CLIENT:
        return name == session.client
    return name in session.speakers_for_role(silent)


def next_id(session: Session, prefix: str) -> tuple[Session, str]:
    counter = session.counter + 1
    return replace(session, counter=counter), f"{prefix}{counter}"


def known_person(session: Session, name: str) -> str:
    if name not in session.present and name != session.facilitator:
        raise Refused("unknown_person", name=name)
    return name
