"""A whole session to a plain dict and back (see codec.py for the smaller records)."""

from __future__ import annotations

from dataclasses import asdict

from peertui.core.clock import Countdown
from peertui.core.codec import Record, action_from_dict, action_to_dict, group_from_dict, group_to_dict
from peertui.core.exchange import roti_average
from peertui.core.model import ActionStatus, Entry, Idea, Review, SessionSummary, Turn
from peertui.core.protocol import (
    Capture,
    Form,
    FormPart,
    Protocol,
    Seating,
    Speakers,
    Step,
    step_by_key,
)
from peertui.core.protocol_file import builtin_protocols
from peertui.core.seating import Table, TableRound
from peertui.core.session import Case, Session, StepRun
from peertui.core.turns import Order, TurnQueue


def protocol_to_dict(protocol: Protocol) -> Record:
    return asdict(protocol)


# Before forms, the closing round's 4 A were a capture of their own, "evaluation".
_FOUR_A_CAPTURE = "evaluation"


def _four_a() -> Form:
    """The 4 A as the codev protocol defines them, for sessions saved before forms."""
    form = next(step.form for step in builtin_protocols()["codev"].steps if step.form)
    assert form is not None
    return form


def _form_from_dict(data: Record | None) -> Form | None:
    if data is None:
        return None
    parts = tuple(FormPart(**part) for part in data["parts"])
    return Form(**{**data, "parts": parts})


def _step_from_dict(raw: Record) -> Step:
    captures = [Capture.FORM if c == _FOUR_A_CAPTURE else Capture(c) for c in raw["captures"]]
    form = _form_from_dict(raw.get("form"))
    if _FOUR_A_CAPTURE in raw["captures"] and form is None:
        form = _four_a()
    return Step(
        **{
            **raw,
            "speakers": Speakers(raw["speakers"]),
            "silent": Speakers(raw["silent"]) if raw.get("silent") else None,
            "seating": Seating(raw.get("seating", "new")),
            "decisions": tuple(raw.get("decisions", ())),
            "rules_fr": tuple(raw["rules_fr"]),
            "rules_en": tuple(raw["rules_en"]),
            "captures": tuple(captures),
            "idea_kinds": tuple(kind for kind in raw["idea_kinds"] if not (form and form.part(kind))),
            "form": form,
        }
    )


def _round_from_dict(data: Record) -> TableRound:
    tables = tuple(Table(t["number"], t["host"], tuple(t["members"])) for t in data["tables"])
    return TableRound(data["step"], tables, data.get("repeats", 0))


def protocol_from_dict(data: Record) -> Protocol:
    steps = tuple(_step_from_dict(raw) for raw in data["steps"])
    skipped = tuple(_step_from_dict(raw) for raw in data.get("skipped", ()))
    return Protocol(**{**data, "steps": steps, "skipped": skipped})


def _entries_from_dict(data: Record, protocol: Protocol) -> tuple[Entry, ...]:
    if "entries" in data:
        return tuple(
            Entry(e["author"], e["step"], tuple((k, t) for k, t in e["parts"]), e["at"])
            for e in data["entries"]
        )
    # Saved before forms: the 4 A of the step that took them.
    step = next((s for s in protocol.steps if s.form and s.form.key == "four_a"), None)
    if step is None or step.form is None:
        return ()
    return tuple(
        Entry(
            e["author"], step.key, tuple((p.key, e.get(p.key, "")) for p in step.form.parts), e.get("at", 0.0)
        )
        for e in data.get("evaluations", ())
    )


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
        "case_confidential": session.case_confidential,
        "contract_confidential": session.contract_confidential,
        "cases": [asdict(case) for case in session.cases],
        "case_start": session.case_start,
        "present": list(session.present),
        "current": session.current,
        "queue": asdict(session.queue),
        "order": str(session.order),
        "seed": session.seed,
        "turns": [asdict(turn) for turn in session.turns],
        "ideas": [asdict(idea) for idea in session.ideas],
        "actions": [action_to_dict(action) for action in session.actions],
        "reviews": [{**asdict(r), "status": str(r.status)} for r in session.reviews],
        "entries": [
            {"author": e.author, "step": e.step, "parts": [list(p) for p in e.parts], "at": e.at}
            for e in session.entries
        ],
        "rounds": [asdict(round_) for round_ in session.rounds],
        "votes": [list(vote) for vote in session.votes],
        "roti": [list(score) for score in session.roti],
        "agreed": list(session.agreed),
        "decision": session.decision,
        "decision_note": session.decision_note,
        "recalled": [
            {"author": e.author, "step": e.step, "parts": [list(p) for p in e.parts], "at": e.at}
            for e in session.recalled
        ],
        "closed_at": session.closed_at,
        "counter": session.counter,
    }


def session_from_dict(data: Record) -> Session:
    protocol = protocol_from_dict(data["protocol"])
    runs = tuple(
        StepRun(
            step_by_key(protocol.steps, r["step"]), Countdown(**r["timer"]), r["entered_at"], r["left_at"]
        )
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
        case_confidential=bool(data.get("case_confidential", False)),
        contract_confidential=bool(data.get("contract_confidential", False)),
        cases=tuple(Case(**case) for case in data.get("cases", ())),
        case_start=int(data.get("case_start", 0)),
        present=tuple(data["present"]),
        current=data["current"],
        queue=TurnQueue(
            tuple(queue["waiting"]), tuple(queue["heard"]), queue["since"], queue.get("paused_at")
        ),
        order=Order(data["order"]),
        seed=data["seed"],
        turns=tuple(Turn(**t) for t in data["turns"]),
        ideas=tuple(Idea(**{**i, "gathers": tuple(i.get("gathers", ()))}) for i in data["ideas"]),
        actions=tuple(action_from_dict(a) for a in data["actions"]),
        reviews=tuple(Review(**{**r, "status": ActionStatus(r["status"])}) for r in data["reviews"]),
        entries=_entries_from_dict(data, protocol),
        rounds=tuple(_round_from_dict(r) for r in data.get("rounds", ())),
        votes=tuple((idea, int(dots)) for idea, dots in data.get("votes", ())),
        roti=tuple((who, int(score)) for who, score in data.get("roti", ())),
        agreed=tuple(data.get("agreed", ())),
        decision=data.get("decision", ""),
        decision_note=data.get("decision_note", ""),
        recalled=tuple(
            Entry(e["author"], e["step"], tuple((k, t) for k, t in e["parts"]), e["at"])
            for e in data.get("recalled", ())
        ),
        closed_at=data["closed_at"],
        counter=data["counter"],
    )


def summary_of(session: Session) -> SessionSummary:
    first = session.all_cases[0]
    clients = tuple(case.client for case in session.all_cases if case.client)
    return SessionSummary(
        id=session.id,
        group=session.group.name,
        protocol=session.protocol.key,
        client=first.client,
        case_title=first.title,
        started_at=session.started_at,
        closed_at=session.closed_at,
        present=session.present,
        clients=clients if len(session.all_cases) > 1 else (),
        confidential=first.confidential,
        roti=roti_average(session),
    )
