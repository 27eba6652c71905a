"""Protocol files: TOML text in, a Protocol out, or one line per problem with its line.

The fields are described in docs/PROTOCOLS.md; every one is checked here, and a field
nobody knows is a problem (a typo would otherwise be silently ignored).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from peertui.core.problems import FileProblems, Lines, Problem, not_toml
from peertui.core.protocol import (
    DECISIONS,
    IDEA_KINDS,
    Capture,
    Form,
    FormPart,
    Protocol,
    Seating,
    Speakers,
    Step,
    ordered,
)

ProtocolFileError = FileProblems

HEAD_FIELDS = {
    "key",
    "name_fr",
    "name_en",
    "needs_client",
    "summary_fr",
    "summary_en",
    "client_fr",
    "client_en",
    "case_fr",
    "case_en",
}
STEP_FIELDS = {
    "key",
    "name_fr",
    "name_en",
    "minutes",
    "speakers",
    "in_turn",
    "rules_fr",
    "rules_en",
    "captures",
    "idea_kinds",
    "form",
    "silent",
    "min_minutes",
    "tables",
    "seating",
    "harvest",
    "votes",
    "vote_on",
    "decisions",
    "recall",
}
FORM_FIELDS = {"key", "name_fr", "name_en", "parts", "keep"}
PART_FIELDS = {"key", "name_fr", "name_en", "prompt_fr", "prompt_en", "commitment", "learning"}
MAX_MINUTES = 600
KEY = re.compile(r"[a-z0-9_-]+")


class _Checker:
    """Collects problems while reading; each names the line of the table or key."""

    def __init__(self, text: str, source: str) -> None:
        self.lines, self.source = Lines(text), source
        self.problems: list[Problem] = []

    def problem(self, line: int, key: str, **params: object) -> None:
        self.problems.append(Problem(self.source, line, key, params))

    def text(self, raw: dict[str, Any], field: str, at: int, required: bool = True) -> str:
        value = raw.get(field)
        if value is None:
            if required:
                self.problem(at, "missing_field", field=field)
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(self.lines.key(field, at), "not_text", field=field)
            return ""
        return value.strip()

    def texts(self, raw: dict[str, Any], field: str, at: int) -> tuple[str, ...]:
        value = raw.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(self.lines.key(field, at), "not_texts", field=field)
            return ()
        return tuple(v.strip() for v in value)

    def flag(self, raw: dict[str, Any], field: str, at: int, default: bool = False) -> bool:
        value = raw.get(field, default)
        if not isinstance(value, bool):
            self.problem(self.lines.key(field, at), "not_flag", field=field)
            return default
        return value

    def number(
        self,
        raw: dict[str, Any],
        field: str,
        at: int,
        default: float | None,
        low: float,
        high: float,
        whole: bool = False,
    ) -> float:
        value = raw.get(field, default)
        if value is None:
            self.problem(at, "missing_field", field=field)
            return low
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or (whole and not isinstance(value, int))
        ):
            self.problem(self.lines.key(field, at), "not_number", field=field, low=low, high=high)
            return low
        if not low <= value <= high:
            self.problem(self.lines.key(field, at), "out_of_range", field=field, low=low, high=high)
            return max(low, min(high, value))
        return float(value)

    def choice(
        self,
        raw: dict[str, Any],
        field: str,
        at: int,
        choices: Callable[[str], Any],
        known: tuple[str, ...],
        default: str | None,
    ) -> Any:
        value = raw.get(field, default)
        if value is None:
            return None
        if value not in known:
            self.problem(
                self.lines.key(field, at), "not_one_of", field=field, value=str(value), known=", ".join(known)
            )
            return choices(known[0])
        return choices(value)

    def unknown(self, raw: dict[str, Any], allowed: set[str], at: int) -> None:
        for field in sorted(set(raw) - allowed):
            self.problem(self.lines.key(field, at), "unknown_field", field=field)


def parse_protocol(text: str, source: str, origin: str = "") -> Protocol:
    """A checked Protocol; ProtocolFileError lists every problem found, each on its line.
    `origin` says where it comes from (bundled, or the user's file) for `peertui protocols`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProtocolFileError([not_toml(source, error)]) from None
    check = _Checker(text, source)
    head = data.get("protocol")
    head_at = check.lines.header("protocol")
    if not isinstance(head, dict):
        check.problem(1, "no_protocol_table")
        head = {}
    check.unknown(head, HEAD_FIELDS, head_at)
    forms = _forms(data, check)
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        check.problem(1, "no_steps")
        raw_steps = []
    steps = [_step(raw, index, forms, check) for index, raw in enumerate(raw_steps)]
    keys: dict[str, int] = {}
    for index, step in enumerate(steps):
        at = check.lines.key("key", check.lines.header("steps", index))
        if step.key in keys:
            check.problem(at, "duplicate_step", step=step.key, first=keys[step.key])
        keys.setdefault(step.key, at)
    for index, step in enumerate(steps):
        earlier = [s.key for s in steps[:index]]
        if step.vote_on and step.vote_on not in earlier:
            at = check.lines.header("steps", index)
            check.problem(check.lines.key("vote_on", at), "vote_on_unknown", step=step.vote_on)
    key = check.text(head, "key", head_at)
    if key and not KEY.fullmatch(key):  # typed after --protocol, and listed by it
        check.problem(check.lines.key("key", head_at), "bad_protocol_key", name=key)
    protocol = Protocol(
        key=key,
        name_fr=check.text(head, "name_fr", head_at),
        name_en=check.text(head, "name_en", head_at),
        steps=tuple(steps),
        needs_client=check.flag(head, "needs_client", head_at, default=False),
        source=origin,
        summary_fr=check.text(head, "summary_fr", head_at, required=False),
        summary_en=check.text(head, "summary_en", head_at, required=False),
        client_fr=check.text(head, "client_fr", head_at, required=False),
        client_en=check.text(head, "client_en", head_at, required=False),
        case_fr=check.text(head, "case_fr", head_at, required=False),
        case_en=check.text(head, "case_en", head_at, required=False),
    )
    if check.problems:
        raise ProtocolFileError(check.problems)
    return protocol


def _forms(data: dict[str, Any], check: _Checker) -> dict[str, Form]:
    raw_forms = data.get("forms", [])
    if not isinstance(raw_forms, list):
        check.problem(check.lines.header("forms"), "forms_not_tables")
        return {}
    forms: dict[str, Form] = {}
    before = 0  # the [[forms.parts]] headers of the forms before this one, to find lines
    for index, raw in enumerate(raw_forms):
        at = check.lines.header("forms", index)
        if not isinstance(raw, dict):
            check.problem(at, "forms_not_tables")
            continue
        check.unknown(raw, FORM_FIELDS, at)
        parts = []
        raw_parts = raw.get("parts", [])
        if not raw_parts:
            check.problem(at, "form_without_parts")
        for number, part in enumerate(raw_parts if isinstance(raw_parts, list) else []):
            part_at = check.lines.header("forms.parts", before + number)
            if not isinstance(part, dict):
                check.problem(at, "forms_not_tables")
                continue
            check.unknown(part, PART_FIELDS, part_at)
            parts.append(
                FormPart(
                    key=check.text(part, "key", part_at),
                    name_fr=check.text(part, "name_fr", part_at),
                    name_en=check.text(part, "name_en", part_at),
                    prompt_fr=check.text(part, "prompt_fr", part_at, required=False),
                    prompt_en=check.text(part, "prompt_en", part_at, required=False),
                    commitment=check.flag(part, "commitment", part_at),
                    learning=check.flag(part, "learning", part_at),
                )
            )
        seen: set[str] = set()
        for number, part in enumerate(parts):
            if part.key in seen:
                part_at = check.lines.key("key", check.lines.header("forms.parts", before + number))
                check.problem(part_at, "duplicate_part", part=part.key)
            seen.add(part.key)
        before += len(parts)
        form = Form(
            check.text(raw, "key", at),
            check.text(raw, "name_fr", at),
            check.text(raw, "name_en", at),
            tuple(parts),
            keep=check.flag(raw, "keep", at),
        )
        forms[form.key] = form
    return forms


def _step(raw: Any, index: int, forms: dict[str, Form], check: _Checker) -> Step:
    at = check.lines.header("steps", index)
    if not isinstance(raw, dict):
        check.problem(at, "step_not_table")
        raw = {}
    check.unknown(raw, STEP_FIELDS, at)
    key = check.text(raw, "key", at)
    minutes = check.number(raw, "minutes", at, None, 0.5, MAX_MINUTES)
    floor = check.number(raw, "min_minutes", at, min(1.0, minutes), 0.5, max(0.5, minutes))
    captures = tuple(
        Capture(c) if c in {m.value for m in Capture} else _bad_capture(check, c, at)
        for c in check.texts(raw, "captures", at) or ("ideas",)
    )
    kinds = check.texts(raw, "idea_kinds", at) or ("note",)
    for kind in kinds:
        if kind not in IDEA_KINDS:
            check.problem(
                check.lines.key("idea_kinds", at), "unknown_kind", kind=kind, known=", ".join(IDEA_KINDS)
            )
    form = None
    if Capture.FORM in captures:
        name = check.text(raw, "form", at)
        form = forms.get(name)
        if form is None and name:
            check.problem(check.lines.key("form", at), "unknown_form", form=name)
    elif Capture.DECISION in captures and not raw.get("decisions"):
        check.problem(at, "decisions_needed")
    recall = check.text(raw, "recall", at, required=False)
    rules_fr, rules_en = check.texts(raw, "rules_fr", at), check.texts(raw, "rules_en", at)
    if len(rules_fr) != len(rules_en):  # one language's screen would miss a rule
        check.problem(
            check.lines.key("rules_en" if "rules_en" in raw else "rules_fr", at),
            "rules_count",
            fr=len(rules_fr),
            en=len(rules_en),
        )
    speakers_known = tuple(s.value for s in Speakers)
    return Step(
        key=key,
        name_fr=check.text(raw, "name_fr", at),
        name_en=check.text(raw, "name_en", at),
        minutes=minutes,
        speakers=check.choice(raw, "speakers", at, Speakers, speakers_known, "everyone"),
        in_turn=check.flag(raw, "in_turn", at),
        rules_fr=rules_fr,
        rules_en=rules_en,
        captures=captures,
        idea_kinds=kinds,
        form=form,
        silent=check.choice(raw, "silent", at, Speakers, speakers_known, None),
        min_minutes=floor,
        tables=int(check.number(raw, "tables", at, 0, 0, 20, whole=True)),
        seating=check.choice(raw, "seating", at, Seating, tuple(s.value for s in Seating), "new"),
        harvest=check.flag(raw, "harvest", at),
        votes=int(check.number(raw, "votes", at, 3 if Capture.VOTES in captures else 0, 0, 20, whole=True)),
        vote_on=check.text(raw, "vote_on", at, required=False),
        decisions=tuple(
            d if d in DECISIONS else _bad_decision(check, d, at) for d in check.texts(raw, "decisions", at)
        ),
        recall=recall,
    )


def _bad_capture(check: _Checker, value: str, at: int) -> Capture:
    known = ", ".join(m.value for m in Capture)
    check.problem(check.lines.key("captures", at), "not_one_of", field="captures", value=value, known=known)
    return Capture.IDEAS


def _bad_decision(check: _Checker, value: str, at: int) -> str:
    known = ", ".join(DECISIONS)
    check.problem(check.lines.key("decisions", at), "not_one_of", field="decisions", value=value, known=known)
    return DECISIONS[0]


def builtin_protocols() -> dict[str, Protocol]:
    """The protocols shipped with peertui, by key, codev first."""
    folder = Path(__file__).resolve().parent.parent / "protocols"
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            protocol = parse_protocol(entry.read_text(encoding="utf-8"), entry.name, "bundled")
            found[protocol.key] = protocol
    return ordered(found)
