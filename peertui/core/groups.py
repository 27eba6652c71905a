"""Group files: TOML text in, a Group out, or one clear line per problem.

    [group]
    name = "Codev managers"
    language = "fr"            # fr or en
    cadence = "every 4 weeks"
    planned_sessions = 8
    facilitator = "Claire"     # optional, member or not; never client nor consultant
    sessions = ["2026-12-14", "2027-01-18"]   # optional: "next session" as a due date

    [[participants]]
    name = "Hélène Dupré"
    role = "DRH"               # optional
    contact = "helene@example.org"   # optional

Each problem names the file, the line and what to fix. Every text is stored composed
(Unicode NFC), so that names equal once normalised are one person.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import date

from peertui.core.model import LANGUAGES, Group, Participant

MIN_PARTICIPANTS = 3
MAX_PARTICIPANTS = 20
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass(frozen=True)
class Problem:
    source: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message}"


class GroupFileError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class _Lines:
    """Finds the line of a table or a key in the raw text, for messages."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def header(self, name: str, nth: int = 0) -> int:
        pattern = re.compile(rf"^\s*\[\[?\s*{re.escape(name)}\s*\]\]?")
        found = [i + 1 for i, line in enumerate(self.lines) if pattern.match(line)]
        return found[nth] if nth < len(found) else 1

    def key(self, key: str, after: int) -> int:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        # `after` is the header's line number, so index `after` is the line below it.
        for index in range(after, len(self.lines)):
            line = self.lines[index]
            if line.lstrip().startswith("["):
                break
            if pattern.match(line):
                return index + 1
        return after


def parse_group(text: str, source: str) -> Group:
    """A validated Group; GroupFileError lists every problem found."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_POSITION.search(message)
        line = int(match[1]) if match else 1
        reason = _TOML_POSITION.sub("", message).strip()
        raise GroupFileError([Problem(source, line, f"not valid TOML: {reason}")]) from None

    lines = _Lines(text)
    problems: list[Problem] = []

    def problem(line: int, message: str) -> None:
        problems.append(Problem(source, line, message))

    head = data.get("group")
    head_line = lines.header("group")
    if not isinstance(head, dict):
        problem(1, 'missing [group] table: add [group] with name = "..." and language = "fr" or "en"')
        head = {}
    name = _text(head.get("name"))
    if not name:
        problem(
            lines.key("name", head_line) if "name" in head else head_line,
            'the group needs a name: name = "..."',
        )
    lang = _text(head.get("language")) or "fr"
    if lang not in LANGUAGES:
        problem(lines.key("language", head_line), f'language must be "fr" or "en", not {lang!r}')
    planned = head.get("planned_sessions", 0)
    if not isinstance(planned, int) or isinstance(planned, bool) or planned < 0:
        problem(
            lines.key("planned_sessions", head_line),
            "planned_sessions must be a whole number (0 if not planned)",
        )
        planned = 0

    raw_participants = data.get("participants")
    if not isinstance(raw_participants, list):
        problem(1, 'no participants: add one [[participants]] table per person with name = "..."')
        raw_participants = []
    participants: list[Participant] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_participants):
        at = lines.header("participants", index)
        if not isinstance(raw, dict):
            problem(at, "each participant must be a [[participants]] table")
            continue
        person = _text(raw.get("name"))
        if not person:
            problem(
                lines.key("name", at) if "name" in raw else at,
                f'participant {index + 1} has an empty name: name = "..."',
            )
            continue
        # Composed again after casefold, which may decompose ("ǰ"): one spelling, one person.
        folded = unicodedata.normalize("NFC", person.casefold())
        if folded in seen:
            problem(
                lines.key("name", at),
                f"duplicate name {person!r} (first at line {seen[folded]}): names must differ",
            )
            continue
        seen[folded] = lines.key("name", at)
        participants.append(Participant(person, _text(raw.get("role")), _text(raw.get("contact"))))
    count = len(raw_participants)
    if raw_participants and not MIN_PARTICIPANTS <= count <= MAX_PARTICIPANTS:
        problem(
            lines.header("participants", 0),
            f"{count} participants: a group needs {MIN_PARTICIPANTS} to {MAX_PARTICIPANTS}",
        )

    # The facilitator may be a member or come from outside the group.
    facilitator = _text(head.get("facilitator"))

    sessions: list[date] = []
    raw_sessions = head.get("sessions", [])
    if not isinstance(raw_sessions, list):
        raw_sessions = [raw_sessions]
    for raw_day in raw_sessions:
        try:  # TOML's own dates (2026-12-14) or strings ("2026-12-14")
            sessions.append(raw_day if isinstance(raw_day, date) else date.fromisoformat(str(raw_day)))
        except ValueError:
            problem(lines.key("sessions", head_line), f"sessions: {raw_day!r} is not a date like 2026-12-14")

    if problems:
        raise GroupFileError(problems)
    return Group(
        name=name,
        language=lang,
        participants=tuple(participants),
        cadence=_text(head.get("cadence")),
        planned_sessions=planned,
        facilitator=facilitator,
        sessions=tuple(sorted(set(sessions))),
    )


def _text(value: object) -> str:
    """A text value, trimmed and composed (NFC): "Zoé" typed on a Mac (e + accent) and
    elsewhere (é) is one name, stored one way, whatever each editor wrote."""
    return unicodedata.normalize("NFC", value).strip() if isinstance(value, str) else ""
