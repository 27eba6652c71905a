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
    EVALUATION = "evaluation"  # the 4 A


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
        steps = tuple(_parse_step(raw) for raw in data["steps"])
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


def _parse_step(raw: dict[str, Any]) -> Step:
    kinds = tuple(raw.get("idea_kinds", ["note"]))
    unknown = [kind for kind in kinds if kind not in IDEA_KINDS]
    if unknown:
        raise ValueError(f"step {raw.get('key')!r}: unknown idea kind {unknown[0]!r}")
    minutes = float(raw["minutes"])
    if minutes <= 0:
        raise ValueError(f"step {raw['key']!r}: minutes must be positive")
    return Step(
        key=str(raw["key"]),
        name_fr=str(raw["name_fr"]),
        name_en=str(raw["name_en"]),
        minutes=minutes,
        speakers=Speakers(raw["speakers"]),
        in_turn=bool(raw.get("in_turn", False)),
        rules_fr=tuple(raw.get("rules_fr", ())),
        rules_en=tuple(raw.get("rules_en", ())),
        captures=tuple(Capture(c) for c in raw.get("captures", ["ideas"])),
        idea_kinds=kinds,
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
