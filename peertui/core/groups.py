"""Group files: TOML text in, a Group out, or one clear line per problem.

    [group]
    name = "Codev managers"
    language = "fr"            # fr or en
    cadence = "every 4 weeks"
    planned_sessions = 8
    facilitator = "Claire"     # optional, member or not; never client nor consultant
    sessions = ["2026-12-14", "2027-01-18"]   # optional: "next session" as a due date
    charter = ["Ce qui se dit ici reste ici"]  # optional: the group's rules

    [[participants]]
    name = "Hélène Dupré"
    role = "DRH"               # optional
    contact = "helene@example.org"   # optional

Each problem names the file, the line and what to fix. Every text is stored composed
(Unicode NFC), so that names equal once normalised are one person.
"""

from __future__ import annotations

import tomllib
import unicodedata
from datetime import date

from peertui.core.model import LANGUAGES, Group, Participant
from peertui.core.problems import FileProblems, Lines, Problem, not_toml

MIN_PARTICIPANTS = 3
MAX_PARTICIPANTS = 20
GroupFileError = FileProblems  # the name the callers know


GROUP_FIELDS = frozenset(
    ("name", "language", "cadence", "planned_sessions", "facilitator", "sessions", "charter")
)
PARTICIPANT_FIELDS = frozenset(("name", "role", "contact"))


def parse_group(text: str, source: str) -> Group:
    """A validated Group; GroupFileError lists every problem found."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise GroupFileError([not_toml(source, error)]) from None

    lines = Lines(text)
    problems: list[Problem] = []

    def problem(line: int, key: str, **params: object) -> None:
        problems.append(Problem(source, line, key, params))

    head = data.get("group")
    head_line = lines.header("group")
    if not isinstance(head, dict):
        problem(1, "no_group_table")
        head = {}
    for field in sorted(set(head) - GROUP_FIELDS):  # a typo ("nom") would be silently ignored
        problem(lines.key(field, head_line), "unknown_group_field", field=field)
    for table in sorted(set(data) - {"group", "participants"}):
        problem(lines.header(table), "unknown_group_field", field=table)
    name = _text(head.get("name"))
    if not name:
        problem(
            lines.key("name", head_line) if "name" in head else head_line,
            "no_group_name",
        )
    lang = _text(head.get("language")) or "fr"
    if lang not in LANGUAGES:
        problem(lines.key("language", head_line), "bad_language", value=lang)
    planned = head.get("planned_sessions", 0)
    if not isinstance(planned, int) or isinstance(planned, bool) or planned < 0:
        problem(
            lines.key("planned_sessions", head_line),
            "bad_planned",
        )
        planned = 0

    raw_participants = data.get("participants")
    if not isinstance(raw_participants, list):
        problem(1, "no_participants")
        raw_participants = []
    participants: list[Participant] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_participants):
        at = lines.header("participants", index)
        if not isinstance(raw, dict):
            problem(at, "participant_not_table")
            continue
        for field in sorted(set(raw) - PARTICIPANT_FIELDS):
            problem(lines.key(field, at), "unknown_group_field", field=field)
        contact = raw.get("contact")
        if isinstance(contact, str) and any(c in contact for c in "\r\n"):  # a mail header's line
            problem(lines.key("contact", at), "contact_one_line")
        person = _text(raw.get("name"))
        if not person:
            problem(
                lines.key("name", at) if "name" in raw else at,
                "empty_name",
                number=index + 1,
            )
            continue
        # Composed again after casefold, which may decompose ("ǰ"): one spelling, one person.
        folded = unicodedata.normalize("NFC", person.casefold())
        if folded in seen:
            problem(
                lines.key("name", at),
                "duplicate_name",
                name=person,
                first=seen[folded],
            )
            continue
        seen[folded] = lines.key("name", at)
        participants.append(Participant(person, _text(raw.get("role")), _text(raw.get("contact"))))
    count = len(raw_participants)
    if raw_participants and not MIN_PARTICIPANTS <= count <= MAX_PARTICIPANTS:
        problem(
            lines.header("participants", 0),
            "participant_count",
            count=count,
            low=MIN_PARTICIPANTS,
            high=MAX_PARTICIPANTS,
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
            problem(lines.key("sessions", head_line), "bad_session_date", value=str(raw_day))

    raw_charter = head.get("charter", [])
    if not isinstance(raw_charter, list) or not all(isinstance(rule, str) for rule in raw_charter):
        problem(lines.key("charter", head_line), "bad_charter")
        raw_charter = []

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
        charter=tuple(_text(rule) for rule in raw_charter if _text(rule)),
    )


def _text(value: object) -> str:
    """A text value, trimmed and composed (NFC): "Zoé" typed on a Mac (e + accent) and
    elsewhere (é) is one name, stored one way, whatever each editor wrote."""
    return unicodedata.normalize("NFC", value).strip() if isinstance(value, str) else ""
