"""Values to plain dicts (JSON-ready) and back, for the store.

The store only moves dicts; the shape of each record is decided here, next to
the values it describes. Dates are ISO strings.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from peertui.core.clock import Countdown
from peertui.core.model import (
    Action,
    ActionChange,
    ActionStatus,
    Evaluation,
    Group,
    Idea,
    Participant,
    Review,
    SessionSummary,
    Turn,
)
from peertui.core.protocol import Capture, Protocol, Speakers, Step
from peertui.core.session import Session, StepRun
from peertui.core.turns import Order, TurnQueue

Record = dict[str, Any]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def group_to_dict(group: Group) -> Record:
    return asdict(group)


def group_from_dict(data: Record) -> Group:
    participants = tuple(Participant(**p) for p in data["participants"])
    return Group(**{**data, "participants": participants})


def protocol_to_dict(protocol: Protocol) -> Record:
    return asdict(protocol)


def protocol_from_dict(data: Record) -> Protocol:
    steps = tuple(
        Step(**{
            **raw,
            "speakers": Speakers(raw["speakers"]),
            "rules_fr": tuple(raw["rules_fr"]),
            "rules_en": tuple(raw["rules_en"]),
            "captures": tuple(Capture(c) for c in raw["captures"]),
            "idea_kinds": tuple(raw["idea_kinds"]),
        })
        for raw in data["steps"]
    )
    return Protocol(**{**data, "steps": steps})


def action_to_dict(action: Action) -> Record:
    record = asdict(action)
    record["due"] = _iso(action.due)
    record["status"] = str(action.status)
    record["history"] = [
        {**asdict(change), "status": str(change.status), "due": _iso(change.due)}
        for change in action.history
    ]
    return record


def action_from_dict(data: Record) -> Action:
    history = tuple(
        ActionChange(**{**c, "status": ActionStatus(c["status"]), "due": _date(c["due"])})
        for c in data.get("history", ())
    )
    return Action(**{
        **data,
        "due": _date(data.get("due")),
        "status": ActionStatus(data["status"]),
        "history": history,
    })


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


def summary_to_dict(summary: SessionSummary) -> Record:
    return asdict(summary)


def summary_from_dict(data: Record) -> SessionSummary:
    return SessionSummary(**{**data, "present": tuple(data.get("present", ()))})
