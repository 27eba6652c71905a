"""The rules of the practice-exchange formats: questions that wait their turn, dot votes,
ROTI, the group's charter and its decision, and tables (World Café).

Each rule takes the session, the event and its moment, and gives the new session or
raises Refused; rules.py says which rule takes which event.
"""

from __future__ import annotations

from dataclasses import replace

from peertui.core import events as ev
from peertui.core.model import Idea
from peertui.core.protocol import Capture, Seating
from peertui.core.seating import TableRound, first_seating, merged_seating, mixed_seating
from peertui.core.session import Refused, Session, clean_text, known_person

ROTI_SCALE = range(1, 6)


def _needs(session: Session, capture: Capture) -> None:
    if capture not in session.step.captures:
        raise Refused("not_in_this_step")


# Questions that wait their turn (a brown bag's Q&A) -----------------------------------


def waiting_questions(session: Session) -> list[str]:
    """The ids of the questions not answered yet, the first asked first: those of this step
    and those noted before it (during the talk, for the Q&A)."""
    steps = {run.step.key for run in session.runs[: session.current + 1]}
    return [i.id for i in session.ideas if i.step in steps and i.kind == "question" and not i.answered]


def answer(session: Session, event: ev.AnswerQuestion, at: float) -> Session:
    _needs(session, Capture.QUESTIONS)
    waiting = waiting_questions(session)
    idea_id = event.idea_id or (waiting[0] if waiting else None)
    if idea_id is None:
        raise Refused("no_question_waiting")
    index = next((n for n, idea in enumerate(session.ideas) if idea.id == idea_id), None)
    if index is None:
        raise Refused("no_such_idea", id=idea_id)
    ideas = list(session.ideas)
    ideas[index] = replace(ideas[index], answer=clean_text(event.text), answered=True)
    return replace(session, ideas=tuple(ideas))


# Dot votes -------------------------------------------------------------------------


def voted_step(session: Session) -> str:
    """Whose ideas this step votes on: its `vote_on`, else the nearest earlier step with ideas."""
    if session.step.vote_on:
        return session.step.vote_on
    earlier = [run.step.key for run in session.runs[: session.current]]
    with_ideas = [key for key in earlier if any(i.step == key for i in session.ideas)]
    return with_ideas[-1] if with_ideas else ""


def vote(session: Session, event: ev.Vote, at: float) -> Session:
    _needs(session, Capture.VOTES)
    step = voted_step(session)
    if not any(i.id == event.idea_id and i.step == step for i in session.ideas):
        raise Refused("no_such_idea", id=event.idea_id)
    if event.dots < 0:
        raise Refused("bad_dots")
    votes = {idea: dots for idea, dots in session.votes if idea != event.idea_id}
    if event.dots:
        votes[event.idea_id] = event.dots
    voters = len([name for name in session.present if name != session.facilitator])
    allowed = session.step.votes * voters
    if sum(votes.values()) > allowed:
        raise Refused("too_many_dots", allowed=allowed)
    order = [i.id for i in session.ideas if i.id in votes]
    return replace(session, votes=tuple((idea, votes[idea]) for idea in order))


def ranking(session: Session, step: str) -> list[tuple[str, int]]:
    """The ideas of `step` with their dots, the most voted first (ties: as they came)."""
    dots = dict(session.votes)
    ideas = [i for i in session.ideas if i.step == step and not i.confidential]
    ranked = sorted(ideas, key=lambda i: -dots.get(i.id, 0))
    return [(i.id, dots.get(i.id, 0)) for i in ranked]


# ROTI, the charter, the decision -----------------------------------------------------


def give_roti(session: Session, event: ev.GiveRoti, at: float) -> Session:
    _needs(session, Capture.ROTI)
    if event.score not in ROTI_SCALE:
        raise Refused("bad_roti")
    author = known_person(session, event.author) if event.author else session.speaker
    if not author:
        raise Refused("author_needed")
    kept = tuple((who, score) for who, score in session.roti if who != author)
    return replace(session, roti=(*kept, (author, event.score)))


def roti_average(session: Session) -> float | None:
    scores = [score for _, score in session.roti]
    return sum(scores) / len(scores) if scores else None


def agree(session: Session, event: ev.Agree, at: float) -> Session:
    _needs(session, Capture.CHARTER)
    if not session.group.charter:
        raise Refused("no_charter")
    author = known_person(session, event.author) if event.author else session.speaker
    if not author:
        raise Refused("author_needed")
    if author in session.agreed:
        return session
    return replace(session, agreed=(*session.agreed, author))


def decide(session: Session, event: ev.Decide, at: float) -> Session:
    _needs(session, Capture.DECISION)
    if event.choice not in session.step.decisions:
        raise Refused("bad_kind", kind=event.choice)
    return replace(session, decision=event.choice, decision_note=clean_text(event.note))


# Tables ------------------------------------------------------------------------------


def seat(session: Session) -> Session:
    """Seat the people present for the current step, if it has tables and no seating yet:
    afresh, mixed with the hosts staying, as in the step before, or the tables before
    joined (pairs into fours)."""
    step = session.step
    if not step.tables or any(r.step == step.key for r in session.rounds):
        return session
    people = [name for name in session.present if name != session.facilitator]
    before = session.rounds[-1] if session.rounds else None
    if step.seating is Seating.KEEP and before is not None:
        seated = TableRound(step.key, before.tables, 0)
    elif step.seating is Seating.MIX and before is not None:
        seated = mixed_seating(step.key, people, before, session.rounds)
    elif step.seating is Seating.MERGE and before is not None:
        seated = merged_seating(step.key, people, before, step.tables, session.rounds)
    else:
        seated = first_seating(step.key, people, step.tables)
    return replace(session, rounds=(*session.rounds, seated))


def current_round(session: Session) -> TableRound | None:
    """How people sit now: this step's seating, else the last one (a harvest is held at
    the tables of the round before it)."""
    own = next((r for r in session.rounds if r.step == session.step.key), None)
    return own or (session.rounds[-1] if session.rounds else None)


def table_of(session: Session, name: str) -> int:
    seated = current_round(session)
    table = seated.table_of(name) if seated else None
    return table.number if table else 0


def hosts(session: Session) -> tuple[str, ...]:
    """The hosts of the last tables, in table order: they speak in turn at a harvest."""
    seated = current_round(session)
    return tuple(table.host for table in seated.tables) if seated else ()


def reseated(session: Session) -> TableRound | None:
    """The tables people sit at now, when they were made by moving people from the tables
    before (mixed or joined): their `repeats` are said where the tables are shown."""
    seated = current_round(session)
    if seated is None or seated is (session.rounds[0] if session.rounds else None):
        return None
    step = next((run.step for run in session.runs if run.step.key == seated.step), None)
    return seated if step is not None and step.seating in (Seating.MIX, Seating.MERGE) else None


def harvested(session: Session) -> list[tuple[str, list[Idea]]]:
    """What the hosts' harvests said, round by round (the step whose tables each harvests),
    in the order of the rounds; confidential ideas left out."""
    before: dict[str, str] = {}  # a harvest step: the step with tables nearest before it
    last = ""
    for run in session.runs:
        last = run.step.key if run.step.tables else last
        if run.step.harvest:
            before[run.step.key] = last
    rounds: dict[str, list[Idea]] = {r.step: [] for r in session.rounds}
    for idea in session.ideas:
        if idea.step in before and not idea.confidential:
            rounds.setdefault(idea.seating or before[idea.step], []).append(idea)
    return [(key, ideas) for key, ideas in rounds.items() if ideas]
