"""Actions for the follow-up outside the terminal: CSV, and due dates as iCalendar.

The iCalendar file follows RFC 5545: CRLF line ends, lines folded at 75 octets
(never inside a UTF-8 character), commas, semicolons, backslashes and newlines
escaped in text. Each open action with a due date is an all-day VEVENT on that
date, the kind of entry every calendar app imports (many ignore VTODO).
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

from peertui.core.followup import is_overdue
from peertui.core.model import Action

CSV_COLUMNS = (
    "id",
    "group",
    "session_id",
    "owner",
    "what",
    "due",
    "status",
    "overdue",
    "created_at",
    "last_note",
)


def to_csv(actions: list[Action], today: date) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for a in actions:
        note = next((c.note for c in reversed(a.history) if c.note), "")
        created = datetime.fromtimestamp(a.created_at, UTC).strftime("%Y-%m-%d %H:%M")
        writer.writerow(
            [
                a.id,
                a.group,
                a.session_id,
                a.owner,
                a.what,
                a.due.isoformat() if a.due else "",
                str(a.status),
                "yes" if is_overdue(a, today) else "no",
                created,
                note,
            ]
        )
    return out.getvalue()


def ics_escape(text: str) -> str:
    """TEXT value escaping (RFC 5545, 3.3.11)."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold_line(line: str) -> str:
    """A content line folded at 75 octets, continuation lines starting with a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(encoded):
        end = min(start + limit, len(encoded))
        while end < len(encoded) and (encoded[end] & 0xC0) == 0x80:  # inside a character
            end -= 1
        parts.append(encoded[start:end].decode("utf-8"))
        start, limit = end, 74  # the leading space of a continuation counts
    return "\r\n ".join(parts)


def to_ics(actions: list[Action], now: float, group_label: str = "") -> str:
    """One all-day event per open action with a due date."""
    stamp = datetime.fromtimestamp(now, UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//peertui//actions//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_escape('peertui' + (' — ' + group_label if group_label else ''))}",
    ]
    for action in actions:
        if not action.status.is_open or action.due is None:
            continue
        description = f"{action.group} · {action.session_id}"
        note = next((c.note for c in reversed(action.history) if c.note), "")
        if note:
            description += f"\n{note}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{ics_escape(action.id)}@peertui",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{action.due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{action.due + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{ics_escape(f'{action.owner}: {action.what}')}",
            f"DESCRIPTION:{ics_escape(description)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)
