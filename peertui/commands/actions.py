"""peertui actions (read-only, safe beside a running session) and peertui action (update one)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from peertui.commands import UserError, put, say, tell
from peertui.core.dates import DueDateError, parse_due
from peertui.core.followup import Filter, select
from peertui.core.model import Action, ActionStatus


def list_actions(db: Path, keep: Filter, form: str, lang: str, today: date, output: Path | None) -> int:
    from peertui.core.formats import ACTIONS_FORMATS, ActionsRequest
    from peertui.store import Store, StoreError

    try:
        with Store(db, readonly=True) as store:
            if keep.status in ("open", "in_progress"):  # the open actions: no closed history read
                actions = store.open_actions(owner=_owner_filter(keep.participant))
            else:
                actions = store.actions()
    except StoreError as error:
        raise UserError(str(error)) from None
    chosen = select(actions, keep, today)
    written = ACTIONS_FORMATS[form]
    text = written.render(chosen, ActionsRequest(today, lang, time.time(), keep.group or ""))
    put(text, output, data=written.for_programs, newline="" if written.crlf else None)
    if output is not None:
        tell(f"written to {output}")
    return 0


def update_action(
    db: Path, action_id: str, status: str | None, note: str, due_text: str | None, today: date
) -> int:
    """A dated change of one action, kept in its history: never a silent overwrite."""
    from peertui.store import Store, StoreError

    try:
        due = parse_due(due_text, today) if due_text else None
    except DueDateError as error:
        raise UserError(str(error)) from None
    if status is None and due is None and not note:
        raise UserError("nothing to change: give --done, --in-progress, --dropped, --open, --due or --note")
    try:
        with Store(db) as store:
            opened = [a for a in store.open_actions() if a.id == action_id]
            action = opened[0] if opened else _find(store.actions(), action_id)
            changed = action.changed(time.time(), ActionStatus(status) if status else None, note, due)
            store.save_action(changed)
    except StoreError as error:
        raise UserError(str(error)) from None
    due_shown = f", due {changed.due.isoformat()}" if changed.due else ""
    say(f"{changed.id}: {changed.owner}, {changed.what!r} is {changed.status}{due_shown}")
    return 0


def _owner_filter(participant: str | None) -> Callable[[str], bool] | None:
    """The participant's filter, for the store to apply before decoding (a decade of open
    actions decodes in tens of milliseconds; one person's, in a few)."""
    if not participant:
        return None
    from peertui.core.followup import name_matches

    return lambda owner: name_matches(owner, participant)


def _find(actions: list[Action], action_id: str) -> Action:
    exact = [a for a in actions if a.id == action_id]
    found = exact or [a for a in actions if a.id.startswith(action_id)]
    if len(found) != 1:
        what = "several actions" if found else "no action"
        raise UserError(f"{what} match {action_id!r}; see peertui actions --status all")
    return found[0]
