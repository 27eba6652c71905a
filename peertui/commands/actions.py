"""peertui actions (read-only, safe beside a running session) and peertui action (update one)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from peertui.commands import UserError, Words, put, say, tell
from peertui.core.dates import DueDateError, parse_due
from peertui.core.followup import Filter, select
from peertui.core.i18n import format_short_date, t
from peertui.core.model import Action, ActionStatus
from peertui.core.sharing import short_id


def list_actions(db: Path, keep: Filter, form: str, lang: str, today: date, output: Path | None) -> int:
    from peertui.formats import ACTIONS_FORMATS, ActionsRequest
    from peertui.store import Store, StoreError

    try:
        with Store(db, readonly=True) as store:
            if keep.status in ("open", "in_progress"):  # the open actions: no closed history read
                actions = store.open_actions(owner=_owner_filter(keep.participant))
            else:
                actions = store.actions()
    except StoreError as error:
        raise UserError.quoting(error) from None
    chosen = select(actions, keep, today)
    written = ACTIONS_FORMATS[form]
    text = written.render(chosen, ActionsRequest(today, lang, time.time(), keep.group or ""))
    put(text, output, data=written.for_programs, newline="" if written.crlf else None)
    if output is not None:
        tell(t("cli.written", lang, path=str(output)))
    return 0


def update_action(
    db: Path,
    action_id: str,
    status: str | None,
    note: str,
    due_text: str | None,
    today: date,
    lang: str = "en",
) -> int:
    """A dated change of one action, kept in its history: never a silent overwrite."""
    from peertui.store import Store, StoreError

    if status is None and not due_text and not note:
        raise UserError("cli.nothing_to_change")
    try:
        with Store(db) as store:
            opened = [a for a in store.open_actions() if a.id == action_id]
            action = opened[0] if opened else _find(store.actions(), action_id)
            # "next session" is the first of the group's dates after today, if its file gives them.
            sessions = next((g.sessions for g in store.groups() if g.name == action.group), ())
            due = _due(due_text, today, sessions)
            same_status = status is None or ActionStatus(status) is action.status
            if same_status and (due is None or due == action.due) and not note:
                # "K7Q2A done" forwarded twice: one dated change in the history, not two.
                raise UserError(
                    "cli.already", id=short_id(action.id), status=Words(f"status.{action.status}")
                )
            changed = action.changed(time.time(), ActionStatus(status) if status else None, note, due)
            store.save_action(changed)
    except StoreError as error:
        raise UserError.quoting(error) from None
    said = t(f"status.{changed.status.value}", lang)
    if changed.due:
        due_said = format_short_date(changed.due, lang)
        say(
            t(
                "cli.action_due",
                lang,
                id=changed.id,
                owner=changed.owner,
                what=changed.what,
                status=said,
                due=due_said,
            )
        )
    else:
        say(t("cli.action", lang, id=changed.id, owner=changed.owner, what=changed.what, status=said))
    return 0


def _owner_filter(participant: str | None) -> Callable[[str], bool] | None:
    """The participant's filter, for the store to apply before decoding (a decade of open
    actions decodes in tens of milliseconds; one person's, in a few)."""
    if not participant:
        return None
    from peertui.core.followup import name_matches

    return lambda owner: name_matches(owner, participant)


def _due(typed: str | None, today: date, sessions: tuple[date, ...]) -> date | None:
    try:
        return parse_due(typed, today, sessions) if typed else None
    except DueDateError as error:
        if error.no_session_dates:
            raise UserError("cli.no_session_dates", typed=error.typed) from None
        raise UserError("cli.not_a_date", typed=error.typed, examples=Words("ui.due_placeholder")) from None


def _find(actions: list[Action], action_id: str) -> Action:
    """By its id, by the short reference a participant quotes from their recap ("K7Q2A",
    case and misread letters aside), or by the start of its id."""
    from peertui.core.sharing import as_short_id, short_id

    exact = [a for a in actions if a.id == action_id]
    reference = as_short_id(action_id)
    quoted = [a for a in actions if short_id(a.id) == reference]
    found = exact or quoted or [a for a in actions if a.id.startswith(action_id)]
    if len(found) != 1:
        raise UserError("cli.several_actions" if found else "cli.no_action", typed=action_id)
    return found[0]
