"""A whole session to a plain dict and back (see codec.py for the smaller records)."""

from __future__ import annotations

from dataclasses import asdict

from peertui.core.clock import Countdown
from peertui.core.codec import Record, action_from_dict, action_to_dict, group_from_dict, group_to_dict
from peertui.core.model import ActionStatus, Evaluation, Idea, Review, SessionSummary, Turn
from peertui.core.protocol import Capture, Protocol, Speakers, Step
from peertui.core.session import Session, StepRun
from peertui.core.turns import Order, TurnQueue


def protocol_to_dict(protocol: Protocol) -> Record:
    return asdict(protocol)


def protocol_from_dict(data: Record) -> Protocol:
    steps = tuple(
        Step(
            **{
                **raw,
                "speakers": Speakers(raw["speakers"]),
                "rules_fr": tuple(raw["rules_fr"]),
                "rules_en": tuple(raw["rules_en"]),
                "captures": tuple(Capture(c) for c in raw["captures"]),
                "idea_kinds": tuple(raw["idea_kinds"]),
            }
        )
        for raw in data["steps"]
    )
    return Protocol(**{**data, "steps": steps})


def session_to_dict(session: Session) -> Record:
    return {
        "id": session.id,
        "group": group_to_dict(session.group),
        "protocol": protocol_to_dict(session.protocol),
        "lang": session.lang,
        "started_at": session.started_at,
        "deadline": session.deadline,
        "runs": [
            {
                "step": run.step.key,
                "timer": asdict(run.timer),
                "entered_at": run.entered_at,
                "left_at": run.left_at,
            }
            for run in session.runs
        ],
        "client": session.client,
        "case_title": session.case_title,
        "contract": session.contract,
        "present": list(session.present),
        "current": session.current,
        "queue": asdict(session.queue),
        "order": str(session.order),
        "seed": session.seed,
        "turns": [asdict(turn) for turn in session.turns],
        "ideas": [asdict(idea) for idea in session.ideas],
        "actions": [action_to_dict(action) for action in session.actions],
        "reviews": [{**asdict(r), "status": str(r.status)} for r in session.reviews],
        "evaluations": [asdict(e) for e in session.evaluations],
        "closed_at": session.closed_at,
        "counter": session.counter,
    }


def session_from_dict(data: Record) -> Session:
    protocol = protocol_from_dict(data["protocol"])
    steps = {step.key: step for step in protocol.steps}
    runs = tuple(
        StepRun(steps[r["step"]], Countdown(**r["timer"]), r["entered_at"], r["left_at"])
        for r in data["runs"]
    )
    queue = data["queue"]
    return Session(
        id=data["id"],
        group=group_from_dict(data["group"]),
        protocol=protocol,
        lang=data["lang"],
        started_at=data["started_at"],
        deadline=data["deadline"],
        runs=runs,
        client=data["client"],
        case_title=data["case_title"],
        contract=data["contract"],
        present=tuple(data["present"]),
        current=data["current"],
        queue=TurnQueue(tuple(queue["waiting"]), tuple(queue["heard"]), queue["since"]),
        order=Order(data["order"]),
        seed=data["seed"],
        turns=tuple(Turn(**t) for t in data["turns"]),
        ideas=tuple(Idea(**i) for i in data["ideas"]),
        actions=tuple(action_from_dict(a) for a in data["actions"]),
        reviews=tuple(Review(**{**r, "status": ActionStatus(r["status"])}) for r in data["reviews"]),
        evaluations=tuple(Evaluation(**e) for e in data["evaluations"]),
        closed_at=data["closed_at"],
        counter=data["counter"],
    )


def summary_of(session: Session) -> SessionSummary:
    return SessionSummary(
        id=session.id,
        group=session.group.name,
        protocol=session.protocol.key,
        client=session.client,
        case_title=session.case_title,
        started_at=session.started_at,
        closed_at=session.closed_at,
        present=session.present,
    )
