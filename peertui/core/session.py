"""The session as a state machine: an event in, a new session out.

An event that the method or the state does not allow is refused with a
reason (Refused.code, a key of the language catalogues), and nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TypeVar

from peertui.core import events as ev
from peertui.core.clock import Countdown
from peertui.core.model import Action, Evaluation, Group, Idea, Review, Turn
from peertui.core.protocol import Capture, Protocol, Speakers, Step
from peertui.core.turns import Order, TurnQueue, start_round, talk_time

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
    present: tuple[str, ...] = ()
    current: int = 0
    queue: TurnQueue = field(default_factory=TurnQueue)
    order: Order = Order.GROUP
    seed: int = 0
    turns: tuple[Turn, ...] = ()
    ideas: tuple[Idea, ...] = ()
    actions: tuple[Action, ...] = ()
    reviews: tuple[Review, ...] = ()
    evaluations: tuple[Evaluation, ...] = ()
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
        if step.speakers is Speakers.CONSULTANTS:
            return self.consultants
        if step.speakers is Speakers.CLIENT:
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

    def expected_end(self, now: float) -> float:
        """When the session will end if every step from now on keeps its planned time."""
        left_now = max(0.0, self.run.timer.remaining(now))
        later = sum(run.timer.planned for run in self.runs[self.current + 1 :])
        return now + left_now + later


def start(
    session_id: str,
    group: Group,
    protocol: Protocol,
    at: float,
    client: str = "",
    case_title: str = "",
    present: tuple[str, ...] | None = None,
    lang: str | None = None,
) -> Session:
    """A new session, its first step running."""
    present = tuple(present) if present is not None else group.names
    if client and client not in present:
        raise Refused("unknown_person", name=client)
    runs = tuple(StepRun(step, Countdown(step.minutes * 60)) for step in protocol.steps)
    session = Session(
        id=session_id,
        group=group,
        protocol=protocol,
        lang=lang or group.language,
        started_at=at,
        deadline=at + sum(run.timer.planned for run in runs),
        runs=runs,
        client=client,
        case_title=clean_text(case_title),
        present=present,
    )
    return _enter(session, 0, at)


Handler = Callable[[Session, ev.Event], Session]
_HANDLERS: dict[type, Handler] = {}
E = TypeVar("E", bound=ev.Event)


def handles(kind: type[E]) -> Callable[[Callable[[Session, E], Session]], Callable[[Session, E], Session]]:
    def register(handler: Callable[[Session, E], Session]) -> Callable[[Session, E], Session]:
        _HANDLERS[kind] = handler  # type: ignore[assignment]
        return handler

    return register


def apply(session: Session, event: ev.Event) -> Session:
    """The session after the event, or Refused."""
    if session.closed:
        raise Refused("session_closed")
    return _HANDLERS[type(event)](session, event)


def clean_text(text: str) -> str:
    """The text as saved: trimmed, and refused past MAX_TEXT characters."""
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise Refused("too_long", length=len(text), limit=MAX_TEXT)
    return text


def next_id(session: Session, prefix: str) -> tuple[Session, str]:
    counter = session.counter + 1
    return replace(session, counter=counter), f"{prefix}{counter}"


def known_person(session: Session, name: str) -> str:
    if name not in session.present and name != session.facilitator:
        raise Refused("unknown_person", name=name)
    return name


# Steps and time -------------------------------------------------------------


def _leave(session: Session, at: float) -> Session:
    _, turn = session.queue.end_turn(session.step.key, at)
    run = session.run
    runs = list(session.runs)
    runs[session.current] = replace(run, timer=run.timer.pause(at), left_at=at)
    turns = (*session.turns, turn) if turn else session.turns
    return replace(session, runs=tuple(runs), queue=TurnQueue(), turns=turns)


def _enter(session: Session, index: int, at: float) -> Session:
    run = session.runs[index]
    runs = list(session.runs)
    runs[index] = replace(run, timer=run.timer.start(at), entered_at=run.entered_at or at)
    session = replace(session, runs=tuple(runs), current=index)
    return _new_round(session, at) if run.step.in_turn else session


def _new_round(session: Session, at: float) -> Session:
    people = session.speakers_for(session.step)
    seed = session.seed + len(session.turns)  # a new draw each round, yet replayable
    queue = start_round(people, at, session.order, session.talk_time(), seed)
    return replace(session, queue=queue)


@handles(ev.NextStep)
def _next_step(session: Session, event: ev.NextStep) -> Session:
    if session.current + 1 >= len(session.runs):
        raise Refused("last_step")
    if Capture.CLIENT in session.step.captures and session.protocol.needs_client and not session.client:
        raise Refused("client_needed")
    return _enter(_leave(session, event.at), session.current + 1, event.at)


@handles(ev.PreviousStep)
def _previous_step(session: Session, event: ev.PreviousStep) -> Session:
    if session.current == 0:
        raise Refused("first_step")
    return _enter(_leave(session, event.at), session.current - 1, event.at)


def _with_timer(session: Session, timer: Countdown) -> Session:
    runs = list(session.runs)
    runs[session.current] = replace(session.run, timer=timer)
    return replace(session, runs=tuple(runs))


@handles(ev.PauseTimer)
def _pause(session: Session, event: ev.PauseTimer) -> Session:
    if session.paused:
        raise Refused("already_paused")
    return _with_timer(session, session.run.timer.pause(event.at))


@handles(ev.ResumeTimer)
def _resume(session: Session, event: ev.ResumeTimer) -> Session:
    if not session.paused:
        raise Refused("not_paused")
    return _with_timer(session, session.run.timer.start(event.at))


@handles(ev.SetStepMinutes)
def _set_minutes(session: Session, event: ev.SetStepMinutes) -> Session:
    if not 0 < event.minutes <= 600:
        raise Refused("bad_minutes")
    runs = tuple(
        replace(run, timer=run.timer.replan(event.minutes * 60)) if run.step.key == event.step else run
        for run in session.runs
    )
    return replace(session, runs=runs)


@handles(ev.ShortenRemaining)
def _shorten(session: Session, event: ev.ShortenRemaining) -> Session:
    """Take the overrun off the steps still to come, in proportion, a minute each at least."""
    over = session.expected_end(event.at) - session.deadline
    later = session.runs[session.current + 1 :]
    planned = sum(run.timer.planned for run in later)
    if over <= 0 or not later:
        raise Refused("on_time" if over <= 0 else "nothing_to_shorten")
    factor = max(0.0, planned - over) / planned
    shortened = tuple(
        replace(run, timer=run.timer.replan(max(60.0, round(run.timer.planned * factor / 60) * 60)))
        for run in later
    )
    return replace(session, runs=(*session.runs[: session.current + 1], *shortened))


@handles(ev.CloseSession)
def _close(session: Session, event: ev.CloseSession) -> Session:
    return replace(_leave(session, event.at), closed_at=event.at)


# Speaking turns --------------------------------------------------------------


def _with_turn(session: Session, queue: TurnQueue, turn: Turn | None) -> Session:
    turns = (*session.turns, turn) if turn else session.turns
    return replace(session, queue=queue, turns=turns)


@handles(ev.NextSpeaker)
def _next_speaker(session: Session, event: ev.NextSpeaker) -> Session:
    if session.queue.current is None:
        if not session.speakers_for(session.step):
            raise Refused("nobody_to_speak")
        return _new_round(session, event.at)  # the round is over: another one begins
    return _with_turn(session, *session.queue.end_turn(session.step.key, event.at))


@handles(ev.PassTurn)
def _pass(session: Session, event: ev.PassTurn) -> Session:
    if session.queue.current is None:
        raise Refused("nobody_speaking")
    return _with_turn(session, *session.queue.end_turn(session.step.key, event.at, passed=True))


@handles(ev.SkipSpeaker)
def _skip(session: Session, event: ev.SkipSpeaker) -> Session:
    if session.queue.current is None or not session.queue.upcoming:
        raise Refused("nobody_after")
    return replace(session, queue=session.queue.skip(event.at))


@handles(ev.ChooseSpeaker)
def _choose(session: Session, event: ev.ChooseSpeaker) -> Session:
    name = known_person(session, event.name)
    return _with_turn(session, *session.queue.choose(name, session.step.key, event.at))


@handles(ev.MoveSpeaker)
def _move(session: Session, event: ev.MoveSpeaker) -> Session:
    if event.name not in session.queue.upcoming:
        raise Refused("not_waiting", name=event.name)
    return replace(session, queue=session.queue.move(event.name, event.offset))


@handles(ev.SetOrder)
def _set_order(session: Session, event: ev.SetOrder) -> Session:
    session = replace(session, order=event.order, seed=event.seed)
    queue = session.queue.reorder(event.order, session.talk_time(), event.seed, event.at)
    return replace(session, queue=queue)


# The rules for what is captured live in their own module; importing it here,
# once this module's names exist, registers its handlers with `handles`.
from peertui.core import session_capture  # noqa: E402, F401
