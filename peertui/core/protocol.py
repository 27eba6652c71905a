"""Protocols as data: the steps of a method, their times, who speaks, the rules.

The built-in protocols are TOML files in peertui/protocols/ (protocol_file.py reads and
checks them); reading those package files is the only thing here that touches more than
memory. docs/PROTOCOLS.md describes every field.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum


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
    QUESTIONS = "questions"  # questions wait their turn, are answered, go to the recap with their answers
    VOTES = "votes"  # dots given to the ideas of an earlier step (`vote_on`), `votes` each
    ROTI = "roti"  # "return on time invested", 1 to 5 per person
    CHARTER = "charter"  # the group's rules shown, and who agreed to them
    DECISION = "decision"  # the group's decision (`decisions`: go on, stop, another follow-up)


class Seating(StrEnum):
    """How a step with tables seats the people present."""

    NEW = "new"  # tables made afresh, each with a host
    MIX = "mix"  # the hosts stay, everyone else moves to meet as many new people as possible
    KEEP = "keep"  # as in the step before
    MERGE = "merge"  # whole tables of the step before join, up to the step's size (1-2-4-All)


DECISIONS = ("go_on", "stop", "follow_up", "change")


IDEA_KINDS = (
    "note",
    "question",
    "suggestion",
    "experience",
    "learning",
    "candidate",
    "option",
    "theme",
    "proposal",
    "expectation",
    "insight",
    "decision",
    "story",
)


@dataclass(frozen=True)
class FormPart:
    key: str
    name_fr: str
    name_en: str
    prompt_fr: str = ""  # the question put to the person, shown as they answer
    prompt_en: str = ""
    commitment: bool = False  # what the person will do: one key makes it their action
    learning: bool = False  # what they learned: shared, without their name, beyond the group

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
    keep: bool = False  # each entry goes whole to the group's memory (a story, a practice)

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
    tables: int = 0  # people seated at tables of this size, each with a host (0: no tables)
    seating: Seating = Seating.NEW
    harvest: bool = False  # the hosts speak in turn, each for their table
    votes: int = 0  # dots each person gives (Capture.VOTES)
    vote_on: str = ""  # whose step's ideas are voted on
    decisions: tuple[str, ...] = ()  # the choices of Capture.DECISION
    recall: str = ""  # a form whose entries from the group's earlier sessions are shown beside

    def name(self, lang: str) -> str:
        return self.name_fr if lang == "fr" else self.name_en

    def rules(self, lang: str) -> tuple[str, ...]:
        return self.rules_fr if lang == "fr" else self.rules_en

    @property
    def base_key(self) -> str:
        """The protocol's key of this step, whichever case it is run for."""
        return self.key.partition(CASE_MARK)[0]


CASE_MARK = "#"  # "consultation#2": the consultation of a session's second case


def case_step(step: Step, number: int) -> Step:
    """The step as run for a session's `number`th case: its own key, its name saying which."""
    return replace(
        step,
        key=f"{step.key}{CASE_MARK}{number}",
        name_fr=f"{step.name_fr} (cas {number})",
        name_en=f"{step.name_en} (case {number})",
        vote_on=f"{step.vote_on}{CASE_MARK}{number}" if step.vote_on else "",
    )


def step_by_key(steps: Iterable[Step], key: str) -> Step:
    """A step of `steps` by its key, a later case's ("consultation#2") included."""
    base, _, number = key.partition(CASE_MARK)
    step = next(step for step in steps if step.key == base)
    return case_step(step, int(number)) if number else step


@dataclass(frozen=True)
class Protocol:
    key: str
    name_fr: str
    name_en: str
    steps: tuple[Step, ...]
    needs_client: bool = True
    source: str = ""  # where it was read from: "bundled", or the user's file
    summary_fr: str = ""  # one sentence: what the format is for
    summary_en: str = ""
    client_fr: str = ""  # the one at its centre, when not "the client": the presenter...
    client_en: str = ""
    case_fr: str = ""  # what they bring, when not "the case": the talk's topic, a situation...
    case_en: str = ""
    skipped: tuple[Step, ...] = ()  # the steps left out of this session at its start

    def name(self, lang: str) -> str:
        return self.name_fr if lang == "fr" else self.name_en

    def summary(self, lang: str) -> str:
        return self.summary_fr if lang == "fr" else self.summary_en

    def client_role(self, lang: str) -> str:
        """What the one at the centre is called here ("" for the client of co-development)."""
        return self.client_fr if lang == "fr" else self.client_en

    def case_name(self, lang: str) -> str:
        """What the one at the centre brings is called here ("" for a case)."""
        return self.case_fr if lang == "fr" else self.case_en

    @property
    def has_client(self) -> bool:
        """Whether one person is at its centre: needed, chosen in a step, or given the floor."""
        return self.needs_client or any(
            Capture.CLIENT in step.captures or Speakers.CLIENT in (step.speakers, step.silent)
            for step in self.steps
        )

    @property
    def client_step(self) -> Step | None:
        """The step in which the one at the centre is chosen (co-development's topic), if any."""
        return next((step for step in self.steps if Capture.CLIENT in step.captures), None)

    def only(self, keys: tuple[str, ...]) -> Protocol:
        """The protocol with just these steps, in this order; those left out are recorded."""
        steps = {step.key: step for step in self.steps}
        kept = tuple(steps[key] for key in keys if key in steps)
        skipped = tuple(step for step in self.steps if step.key not in keys)
        return replace(self, steps=kept, skipped=(*self.skipped, *skipped))

    def with_minutes(self, minutes: dict[str, float]) -> Protocol:
        """The same protocol with some step durations changed by the facilitator."""
        steps = tuple(
            replace(step, minutes=float(minutes.get(step.key, step.minutes))) for step in self.steps
        )
        return replace(self, steps=steps)


def ordered(protocols: dict[str, Protocol]) -> dict[str, Protocol]:
    """Co-development first, then by key."""
    return {key: protocols[key] for key in sorted(protocols, key=lambda key: (key != "codev", key))}
