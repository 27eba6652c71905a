"""Actions for the follow-up outside the terminal, as CSV (the calendar is calendars.py)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

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
