"""The rules of steps, time and turns: what moving on, pausing, giving the floor do.

Each rule takes the session, the event and the moment it happened, and gives the new
session or raises Refused; rules.py says which rule takes which event.
"""

from __future__ import annotations

import math
from dataclasses import replace

from peertui.core import events as ev
from peertui.core import exchange
from peertui.core.clock import Countdown
from peertui.core.model import Entry, Group, Turn
from peertui.core.protocol import Capture, Protocol, Speakers, case_step
from peertui.core.session import Refused, Session, StepRun, check_minutes, clean_text, known_person
from peertui.core.sharing import confidential_mark
from peertui.core.turns import TurnQueue, start_round


def start(
    session_id: str,
    group: Group,
    protocol: Protocol,
    at: float,
    client: str = "",
    case_title: str = "",
    present: tuple[str, ...] | None = None,
    lang: str | None = None,
    recalled: tuple[Entry, ...] = (),
    case_confidential: bool = False,
) -> Session:
    """A new session, its first step running; Refused if the method cannot run with it.
    A case title typed with a leading `!` is confidential.
    `recalled`: the entries of earlier sessions its steps bring back (`recall`)."""
    if not protocol.steps:
        raise Refused("no_steps_left")
    present = tuple(present) if present is not None else group.names
    if client and client not in present:
        raise Refused("unknown_person", name=client)
    if client and client == group.facilitator:
        raise Refused("facilitator_not_client")
    if len([name for name in present if name != group.facilitator]) < 2:
        raise Refused("too_few_present")
    if protocol.needs_client and not client and protocol.client_step is None:
        raise Refused("client_at_start")  # no step to choose them in (flash co-development)
    runs = tuple(StepRun(step, Countdown(step.minutes * 60)) for step in protocol.steps)
    title, marked = confidential_mark(case_title)  # "! ..." as typed at the start
    session = Session(
        id=session_id,
        group=group,
        protocol=protocol,
        lang=lang or group.language,
        started_at=at,
        deadline=at + sum(run.timer.planned for run in runs),
        runs=runs,
        client=client,
        case_title=clean_text(title),
        case_confidential=case_confidential or marked,
        present=present,
        recalled=recalled,
    )
    return _enter(session, 0, at)


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
    session = exchange.seat(replace(session, runs=tuple(runs), current=index))
    if run.step.in_turn or client_leads(session):
        return new_round(session, at)
    return session


def client_leads(session: Session) -> bool:
    """A step the client speaks in alone (the presentation, the contract, the synthesis):
    the client holds the floor from the start, and their time is counted as a turn."""
    return session.step.speakers is Speakers.CLIENT and not session.step.in_turn and bool(session.client)


def new_round(session: Session, at: float) -> Session:
    # At a harvest, the hosts speak in turn, each for their table.
    people = exchange.hosts(session) if session.step.harvest else session.speakers_for(session.step)
    seed = session.seed + len(session.turns)  # a new draw each round, yet replayable
    queue = start_round(people, at, session.order, session.talk_time(), seed)
    return replace(session, queue=queue)


def next_step(session: Session, event: ev.NextStep, at: float) -> Session:
    if session.current + 1 >= len(session.runs):
        raise Refused("last_step")
    if Capture.CLIENT in session.step.captures and session.protocol.needs_client and not session.client:
        raise Refused("client_needed")
    return _enter(_leave(session, at), session.current + 1, at)


def previous_step(session: Session, event: ev.PreviousStep, at: float) -> Session:
    if session.current == 0:
        raise Refused("first_step")
    return _enter(_leave(session, at), session.current - 1, at)


def _with_timer(session: Session, timer: Countdown) -> Session:
    runs = list(session.runs)
    runs[session.current] = replace(session.run, timer=timer)
    return replace(session, runs=tuple(runs))


def pause(session: Session, event: ev.PauseTimer, at: float) -> Session:
    if session.paused:
        raise Refused("already_paused")
    session = replace(session, queue=session.queue.pause(at))
    return _with_timer(session, session.run.timer.pause(at))


def resume(session: Session, event: ev.ResumeTimer, at: float) -> Session:
    if not session.paused:
        raise Refused("not_paused")
    session = replace(session, queue=session.queue.resume(at))
    return _with_timer(session, session.run.timer.start(at))


def set_minutes(session: Session, event: ev.SetStepMinutes, at: float) -> Session:
    check_minutes(event.minutes)
    runs = tuple(
        replace(run, timer=run.timer.replan(event.minutes * 60)) if run.step.key == event.step else run
        for run in session.runs
    )
    return replace(session, runs=runs)


def room_to_shorten(session: Session) -> float:
    """Seconds the steps still to come could give up, each down to its floor."""
    return sum(
        max(0.0, run.timer.planned - run.step.min_minutes * 60) for run in session.runs[session.current + 1 :]
    )


def shorten(session: Session, event: ev.ShortenRemaining, at: float) -> Session:
    """Take the overrun off the steps still to come, in proportion to what each can give
    above its floor (the synthesis and the 4 A keep theirs), to the minute."""
    over = session.expected_end(at) - session.deadline
    if over <= 0:
        raise Refused("on_time")
    later = session.runs[session.current + 1 :]
    room = room_to_shorten(session)
    if not later or room < 60:
        raise Refused("cannot_shorten", minutes=max(1, math.ceil(over / 60)))
    aboves = [max(0.0, run.timer.planned - run.step.min_minutes * 60) for run in later]
    cuts = cut_minutes(aboves, math.ceil(over / 60))
    runs = (
        *session.runs[: session.current + 1],
        *(
            replace(run, timer=run.timer.replan(run.timer.planned - cut * 60))
            for run, cut in zip(later, cuts, strict=True)
        ),
    )
    return replace(session, runs=runs)


def cut_minutes(aboves: list[float], need: int) -> list[int]:
    """Whole minutes to take off each step, `need` in all (or all there is), in proportion
    to what each has above its floor (`aboves`, seconds): a one-minute delay is one minute
    off the longest, not a rounding of every step to nothing."""
    caps = [int(above // 60) for above in aboves]
    need = min(need, sum(caps))
    total = sum(aboves) or 1.0
    shares = [need * above / total for above in aboves]
    cuts = [min(cap, int(share)) for cap, share in zip(caps, shares, strict=True)]
    # What the whole minutes left over: to the largest remainders first, as the caps allow.
    order = sorted(range(len(aboves)), key=lambda i: (shares[i] - cuts[i], aboves[i]), reverse=True)
    while sum(cuts) < need:
        for i in order:
            if sum(cuts) < need and cuts[i] < caps[i]:
                cuts[i] += 1
    return cuts


def next_case(session: Session, event: ev.NextCase, at: float) -> Session:
    """The steps from the one that names the client to the last run again, for a new
    client and case, after those of the case in progress; one follow-up, one recap."""
    steps = session.protocol.steps
    first = next((i for i, step in enumerate(steps) if Capture.CLIENT in step.captures), None)
    if first is None:
        raise Refused("no_next_case")
    if not session.client:
        raise Refused("client_needed")  # a case without a client is not a case yet
    number = len(session.cases) + 2
    again = tuple(StepRun(case_step(step, number), Countdown(step.minutes * 60)) for step in steps[first:])
    start = len(session.runs)
    session = replace(
        _leave(session, at),
        cases=(*session.cases, session.case),
        case_start=start,
        client="",
        case_title="",
        contract="",
        case_confidential=False,
        contract_confidential=False,
        runs=(*session.runs, *again),
        deadline=session.deadline + sum(run.timer.planned for run in again),
    )
    return _enter(session, start, at)


def close(session: Session, event: ev.CloseSession, at: float) -> Session:
    return replace(_leave(session, at), closed_at=at)


# Speaking turns --------------------------------------------------------------


def _with_turn(session: Session, queue: TurnQueue, turn: Turn | None) -> Session:
    turns = (*session.turns, turn) if turn else session.turns
    return replace(session, queue=queue, turns=turns)


def next_speaker(session: Session, event: ev.NextSpeaker, at: float) -> Session:
    if session.queue.current is None:
        if not session.speakers_for(session.step):
            raise Refused("nobody_to_speak")
        return new_round(session, at)  # the round is over: another one begins
    return _with_turn(session, *session.queue.end_turn(session.step.key, at))


def pass_turn(session: Session, event: ev.PassTurn, at: float) -> Session:
    if session.queue.current is None:
        raise Refused("nobody_speaking")
    return _with_turn(session, *session.queue.end_turn(session.step.key, at, passed=True))


def skip(session: Session, event: ev.SkipSpeaker, at: float) -> Session:
    if session.queue.current is None or not session.queue.upcoming:
        raise Refused("nobody_after")
    return replace(session, queue=session.queue.skip(at))


def choose(session: Session, event: ev.ChooseSpeaker, at: float) -> Session:
    name = known_person(session, event.name)
    return _with_turn(session, *session.queue.choose(name, session.step.key, at))


def set_order(session: Session, event: ev.SetOrder, at: float) -> Session:
    session = replace(session, order=event.order, seed=event.seed)
    queue = session.queue.reorder(event.order, session.talk_time(), event.seed, at)
    return replace(session, queue=queue)
