"""Between sessions: which actions to show, and in which form (text, Markdown, JSON).

The JSON form is a stable interface for scripts (see the README):

    {"format": "peertui.actions", "version": 1, "today": "2026-11-23",
     "actions": [{"id", "group", "session_id", "owner", "what", "due", "status",
                  "overdue", "created_at", "history": [{"at", "status", "note", "due",
                  "session_id"}]}]}

Dates are ISO (YYYY-MM-DD), moments ISO in UTC; `due` may be null. Controls, bidi
overrides and isolates in the text are written \\uXXXX: the values stay exact.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import groupby

from peertui.core.i18n import format_short_date, t
from peertui.core.model import Action, ActionStatus
from peertui.core.sharing import short_id
from peertui.core.text import json_escaped, searchable

STATUS_FILTERS = ("open", "in_progress", "done", "dropped", "all")
JSON_VERSION = 1
# Never colour alone: a sign for each status, and ⚠ for overdue.
MARKS = {
    ActionStatus.OPEN: "☐",
    ActionStatus.IN_PROGRESS: "◐",
    ActionStatus.DONE: "✓",
    ActionStatus.DROPPED: "✗",
}


def name_matches(name: str, typed: str) -> bool:
    """Every word typed starts a word of the name: 'zoe', 'mercier z', 'Zoé Mercier'."""
    words = searchable(name).split()
    return all(any(word.startswith(part) for word in words) for part in searchable(typed).split())


def is_overdue(action: Action, today: date) -> bool:
    return action.status.is_open and action.due is not None and action.due < today


@dataclass(frozen=True)
class Filter:
    participant: str | None = None
    group: str | None = None
    status: str = "open"  # open (and in progress), in_progress, done, dropped, all
    overdue: bool = False

    def keeps(self, action: Action, today: date) -> bool:
        if self.participant and not name_matches(action.owner, self.participant):
            return False
        if self.group and searchable(self.group) not in searchable(action.group):
            return False
        if self.status == "open" and not action.status.is_open:
            return False
        if self.status not in ("open", "all") and action.status != ActionStatus(self.status):
            return False
        return not (self.overdue and not is_overdue(action, today))


def select(actions: Iterable[Action], keep: Filter, today: date) -> list[Action]:
    """The actions kept, by person, then by due date (undated last)."""
    chosen = [a for a in actions if keep.keeps(a, today)]
    return sorted(chosen, key=lambda a: (searchable(a.owner), a.due or date.max, a.created_at))


def _iso_moment(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def open_actions_of(carried: Iterable[Action], owner: str | None) -> list[Action]:
    """The open actions of one member (or of everyone), by person, the first due first."""
    mine = [a for a in carried if a.status.is_open and (owner is None or a.owner == owner)]
    return sorted(mine, key=lambda a: (a.owner, a.due or date.max))


def action_record(action: Action, today: date) -> dict[str, object]:
    return {
        "id": action.id,
        "group": action.group,
        "session_id": action.session_id,
        "owner": action.owner,
        "what": action.what,
        "due": action.due.isoformat() if action.due else None,
        "status": str(action.status),
        "overdue": is_overdue(action, today),
        "created_at": _iso_moment(action.created_at),
        "history": [
            {
                "at": _iso_moment(change.at),
                "status": str(change.status),
                "note": change.note,
                "due": change.due.isoformat() if change.due else None,
                "session_id": change.session_id,
            }
            for change in action.history
        ],
    }


def to_json(actions: list[Action], today: date) -> str:
    document = {
        "format": "peertui.actions",
        "version": JSON_VERSION,
        "today": today.isoformat(),
        "actions": [action_record(a, today) for a in actions],
    }
    # Bidi and C1 controls as \uXXXX (JSON does C0 itself): exact values, safe on a terminal.
    return json_escaped(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def _line(action: Action, today: date, lang: str) -> str:
    due = format_short_date(action.due, lang) if action.due else t("followup.no_due", lang)
    mark = "⚠" if is_overdue(action, today) else MARKS[action.status]
    status = "" if action.status is ActionStatus.OPEN else f" ({t('status.' + action.status, lang)})"
    late = ""
    if action.due is not None and is_overdue(action, today):
        late = " — " + t("followup.overdue_by", lang, days=(today - action.due).days)
    note = next((c.note for c in reversed(action.history) if c.note), "")
    note = f"\n      « {note} »" if note else ""
    # The reference a participant quotes in a reply ("K7Q2A done"); JSON and CSV keep the id.
    return f"  {mark} {due}  {action.what}{status}{late}  [{short_id(action.id)}]{note}"


def to_text(actions: list[Action], today: date, lang: str) -> str:
    """Grouped by person (the list comes sorted by person from `select`)."""
    if not actions:
        return t("followup.none", lang) + "\n"
    blocks = []
    for owner, run in groupby(actions, key=lambda a: a.owner):
        owned = list(run)
        blocks.append("\n".join([f"{owner} ({len(owned)})", *(_line(a, today, lang) for a in owned)]))
    return "\n\n".join(blocks) + "\n"


def to_markdown(actions: list[Action], today: date, lang: str) -> str:
    from peertui.core.recap import md_escape

    if not actions:
        return t("followup.none", lang) + "\n"
    head = (t("recap.owner", lang), t("recap.what", lang), t("recap.due", lang), t("recap.status", lang))
    rows = ["| " + " | ".join(head) + " |", "|---|---|---|---|"]
    for a in actions:
        due = format_short_date(a.due, lang) if a.due else "—"
        status = t("status." + a.status, lang) + (" ⚠" if is_overdue(a, today) else "")
        rows.append(f"| {md_escape(a.owner)} | {md_escape(a.what)} | {due} | {status} |")
    return "\n".join(rows) + "\n"
