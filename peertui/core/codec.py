"""Values to plain dicts (JSON-ready) and back, for the store: groups, actions, summaries.

The store only moves dicts; the shape of each record is decided here, next to
the values it describes. Dates are ISO strings. Whole sessions are in
session_codec.py, loaded only when a session is (the home screen needs none).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from peertui.core.model import (
    Action,
    ActionChange,
    ActionStatus,
    Group,
    Participant,
    SessionSummary,
)

Record = dict[str, Any]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def group_to_dict(group: Group) -> Record:
    return {**asdict(group), "sessions": [day.isoformat() for day in group.sessions]}


def group_from_dict(data: Record) -> Group:
    participants = tuple(Participant(**p) for p in data["participants"])
    sessions = tuple(date.fromisoformat(day) for day in data.get("sessions", ()))
    charter = tuple(data.get("charter", ()))
    return Group(**{**data, "participants": participants, "sessions": sessions, "charter": charter})


def action_to_dict(action: Action) -> Record:
    record = asdict(action)
    record["due"] = _iso(action.due)
    record["status"] = str(action.status)
    record["history"] = [
        {**asdict(change), "status": str(change.status), "due": _iso(change.due)} for change in action.history
    ]
    return record


def action_from_dict(data: Record) -> Action:
    history = tuple(
        ActionChange(**{**c, "status": ActionStatus(c["status"]), "due": _date(c["due"])})
        for c in data.get("history", ())
    )
    return Action(
        **{
            **data,
            "due": _date(data.get("due")),
            "status": ActionStatus(data["status"]),
            "history": history,
        }
    )


def summary_to_dict(summary: SessionSummary) -> Record:
    return asdict(summary)


def summary_from_dict(data: Record) -> SessionSummary:
    return SessionSummary(
        **{**data, "present": tuple(data.get("present", ())), "clients": tuple(data.get("clients", ()))}
    )
