"""Protocols as data: the steps of a method, their times, who speaks, the rules.

The built-in protocols are TOML files in peertui/protocols/; reading those
package files is the only thing here that touches more than memory.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from enum import StrEnum
from importlib import resources
from typing import Any


class Speakers(StrEnum):
    CLIENT = "client"
    CONSULTANTS = "consultants"
    EVERYONE = "everyone"


class Capture(StrEnum):
    """What a step produces, beyond free ideas."""

    IDEAS = "ideas"
    REVIEWS = "reviews"  # follow-up of earlier actions
    CLIENT = "client"  # who is the client, and the case
    CONTRACT = "contract"  # one sentence framing the consultation
    ACTIONS = "actions"
    FORM = "form"  # one entry per person, in named parts (the step's `form`)


IDEA_KINDS = (
    "note",
    "question",
    "suggestion",
    "experience",
    "learning",
    "candidate",
    "option",
    "proposal",
    "expectation",
    "insight",
    "decision",
    "story",
)


class ProtocolError(ValueError):
    """A protocol file that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class FormPart:
    key: str
    name_fr: str
    name_en: str
    prompt_fr: str = ""  # the question put to the person, shown as they answer
    prompt_en: str = ""
    commitment: bool = False  # what the person will do: one key makes it their action

    def name(self, lang: str) -> str:
        return self.name_fr if lang == "fr" else self.name_en

    def prompt(self, lang: str) -> str:
        return self.prompt_fr if lang == "fr" else self.prompt_en


@dataclass(frozen=True)
class Form:
    """Entries with named parts: the 4 A, a story (Challenge, Action, Result), a
    retrospective (went well, less well, to try)."""

    key: str
    name_fr: str
    name_en: str
    parts: tuple[FormPart, ...]

    def name(self, lang: str) -> str:
        return self.name_fr if lang == "fr" else self.name_en

    def part(self, key: str) -> FormPart | None:
        return next((part for part in self.parts if part.key == key), None)


@dataclass(frozen=True)
class Step:
    key: str
    name_fr: str
    name_en: str
    minutes: float
    speakers: Speakers
    in_turn: bool
    rules_fr: tuple[str, ...] = ()
    rules_en: tuple[str, ...] = ()
    captures: tuple[Capture, ...] = (Capture.IDEAS,)
    idea_kinds: tuple[str, ...] = ("note",)
    form: Form | None = None  # when the step captures a form
    silent: Speakers | None = None  # who the step's rule keeps silent: asked before they speak
    min_minutes: float = 1.0  # shortening the session to end on time stops here

    def name(self, lang: str) -> str:
        return self.name_fr if lang == "fr" else self.name_en

    def rules(self, lang: str) -> tuple[str, ...]:
        return self.rules_fr if lang == "fr" else self.rules_en


@dataclass(frozen=True)
class Protocol:
    key: str
    name_fr: str
    name_en: str
    steps: tuple[Step, ...]
    needs_client: bool = True

    def name(self, lang: str) -> str:
        return self.name_fr if lang == "fr" else self.name_en

    def with_minutes(self, minutes: dict[str, float]) -> Protocol:
        """The same protocol with some step durations changed by the facilitator."""
        steps = tuple(
            replace(step, minutes=float(minutes.get(step.key, step.minutes))) for step in self.steps
        )
        return replace(self, steps=steps)


def parse_protocol(text: str, source: str) -> Protocol:
    """A Protocol from TOML text; ProtocolError names the source and the problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProtocolError(f"{source}: {error}") from None
    try:
        head = data["protocol"]
        forms = {form.key: form for form in (_parse_form(raw) for raw in data.get("forms", ()))}
        steps = tuple(_parse_step(raw, forms) for raw in data["steps"])
        protocol = Protocol(
            key=str(head["key"]),
            name_fr=str(head["name_fr"]),
            name_en=str(head["name_en"]),
            steps=steps,
            needs_client=bool(head.get("needs_client", True)),
        )
    except KeyError as error:
        raise ProtocolError(f"{source}: missing field {error.args[0]!r}") from None
    except (TypeError, ValueError) as error:
        raise ProtocolError(f"{source}: {error}") from None
    if not protocol.steps:
        raise ProtocolError(f"{source}: a protocol needs at least one step")
    keys = [step.key for step in protocol.steps]
    if len(set(keys)) != len(keys):
        raise ProtocolError(f"{source}: two steps share a key")
    return protocol


def _parse_form(raw: dict[str, Any]) -> Form:
    parts = tuple(
        FormPart(
            key=str(part["key"]),
            name_fr=str(part["name_fr"]),
            name_en=str(part["name_en"]),
            prompt_fr=str(part.get("prompt_fr", "")),
            prompt_en=str(part.get("prompt_en", "")),
            commitment=bool(part.get("commitment", False)),
        )
        for part in raw["parts"]
    )
    if not parts:
        raise ValueError(f"form {raw['key']!r}: a form needs at least one part")
    return Form(str(raw["key"]), str(raw["name_fr"]), str(raw["name_en"]), parts)


def _parse_step(raw: dict[str, Any], forms: dict[str, Form]) -> Step:
    kinds = tuple(raw.get("idea_kinds", ["note"]))
    unknown = [kind for kind in kinds if kind not in IDEA_KINDS]
    if unknown:
        raise ValueError(f"step {raw.get('key')!r}: unknown idea kind {unknown[0]!r}")
    minutes = float(raw["minutes"])
    if minutes <= 0:
        raise ValueError(f"step {raw['key']!r}: minutes must be positive")
    floor = float(raw.get("min_minutes", 1))
    if not 0 < floor <= minutes:
        raise ValueError(f"step {raw['key']!r}: min_minutes must be between 0 and its minutes")
    captures = tuple(Capture(c) for c in raw.get("captures", ["ideas"]))
    form = None
    if Capture.FORM in captures:
        if raw.get("form") not in forms:
            raise ValueError(f'step {raw["key"]!r}: captures a form: name it, form = "..." ([[forms]])')
        form = forms[raw["form"]]
    return Step(
        key=str(raw["key"]),
        name_fr=str(raw["name_fr"]),
        name_en=str(raw["name_en"]),
        minutes=minutes,
        speakers=Speakers(raw["speakers"]),
        in_turn=bool(raw.get("in_turn", False)),
        rules_fr=tuple(raw.get("rules_fr", ())),
        rules_en=tuple(raw.get("rules_en", ())),
        captures=captures,
        idea_kinds=kinds,
        form=form,
        min_minutes=floor,
        silent=Speakers(raw["silent"]) if "silent" in raw else None,
    )


def builtin_protocols() -> dict[str, Protocol]:
    """The protocols shipped with peertui, by key, codev first."""
    folder = resources.files("peertui") / "protocols"
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            protocol = parse_protocol(entry.read_text(encoding="utf-8"), entry.name)
            found[protocol.key] = protocol
    order = sorted(found, key=lambda key: (key != "codev", key))
    return {key: found[key] for key in order}
