"""The actions board, between sessions: everyone's actions (or one person's), across
sessions, with their history.

d done, p in progress, x dropped, o open again (each asks for an optional note),
e a new due date; / filters by name, word or reference. Every change is dated and kept.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Input, Select, Static

from peertui.core.dates import DueDateError, parse_due
from peertui.core.followup import MARKS, STATUS_FILTERS, Filter, is_overdue, select
from peertui.core.i18n import colon, format_short_date, t
from peertui.core.model import Action, ActionStatus
from peertui.core.sharing import short_id
from peertui.core.text import printable, searchable
from peertui.ui.screens.base import PeerScreen
from peertui.ui.screens.dialogs import Dialog, due_words
from peertui.ui.text import literal
from peertui.ui.widgets.text_line import TextLine


class PromptScreen(Dialog[str]):
    """One line to type; Enter gives it back, Escape gives None. `check` may refuse it."""

    def __init__(
        self, title: str, placeholder: str = "", check: Callable[[str], str | None] | None = None
    ) -> None:
        super().__init__()
        self.title_text, self.placeholder, self.check = title, placeholder, check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self.title_text, "bold"))
            yield TextLine(placeholder=self.placeholder)
            yield Static(id="form-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        problem = self.check(event.value) if self.check else None
        if problem:
            self.query_one("#form-error", Static).update(literal(problem, "$error"))
            return
        self.dismiss(event.value)


class ActionsBoard(PeerScreen[None]):
    DEFAULT_CSS = """
        #board { padding: 0 1; }
        #board .field Input { width: 1fr; }
        #board .field Select { width: 24; }
        #actions { height: 1fr; }
        #history { height: auto; max-height: 8; border-top: solid $primary 30%; }
    """

    BINDINGS = [
        Binding("d", "change('done')", "status.done"),
        Binding("p", "change('in_progress')", "status.in_progress"),
        Binding("x", "change('dropped')", "status.dropped"),
        Binding("o", "change('open')", "status.open"),
        Binding("e", "due", "recap.due"),
        Binding("slash", "filter", "ui.filter_key"),
        Binding("escape", "app.pop_screen", "ui.back"),
    ]

    def __init__(self, participant: str = "") -> None:
        super().__init__()
        self.participant = participant
        self.actions: list[Action] = []  # read once, and again after a change: not per keystroke
        self.with_closed = False  # the closed ones are read once shown: years of them, maybe
        self.shown: list[Action] = []

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(id="board"):
            yield Static(literal(tr("ui.board_title"), "bold"))
            with Horizontal(classes="field"):
                yield TextLine(self.participant, id="filter", compact=True, placeholder=tr("ui.filter_hint"))
                yield Select(
                    [(tr(f"ui.show_{s}"), s) for s in STATUS_FILTERS],
                    value="open",
                    allow_blank=False,
                    compact=True,
                    id="status",
                )
            yield DataTable(id="actions", cursor_type="row", zebra_stripes=True)
            yield Static(id="history")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("recap.owner", "recap.what", "recap.due", "recap.status", "recap.ref", "ui.group"):
            table.add_column(self.tr(key))
        self.actions = self.door.all_actions()
        self.refill()
        table.focus()

    @property
    def today(self) -> date:
        return datetime.fromtimestamp(self.door.now()).date()

    @on(Input.Changed, "#filter")
    @on(Select.Changed, "#status")
    def refill(self) -> None:
        lang, today = self.door.lang, self.today
        words = searchable(self.query_one("#filter", Input).value)
        status = str(self.query_one("#status", Select).value)
        if status not in ("open", "in_progress") and not self.with_closed:
            self.actions, self.with_closed = self.door.all_actions(closed=True), True
        actions = select(self.actions, Filter(status=status), today)
        # A reference quoted in a reply ("K7Q2A done") finds its action, as a name or a word does.
        self.shown = [
            a
            for a in actions
            if all(w in searchable(f"{a.owner} {a.what} {a.group} {short_id(a.id)}") for w in words.split())
        ]
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for a in self.shown:
            mark = "⚠" if is_overdue(a, today) else MARKS[a.status]
            due = format_short_date(a.due, lang) if a.due else "—"
            status_text = f"{mark} {t('status.' + a.status, lang)}"
            cells = (a.owner, a.what, due, status_text, short_id(a.id), a.group)
            table.add_row(*(Text(printable(c)) for c in cells), key=a.id)
        if self.shown:
            table.move_cursor(row=min(row, len(self.shown) - 1))
        self._show_history()

    @on(DataTable.RowHighlighted)
    def _show_history(self) -> None:
        action = self.selected
        lang = self.door.lang
        if action is None:
            self.query_one("#history", Static).update(literal(t("followup.none", lang), "italic"))
            return
        made = datetime.fromtimestamp(action.created_at).date()
        lines = [
            literal(
                t("followup.created", lang, date=format_short_date(made, lang), session=action.session_id),
                "$text-muted",
            )
        ]
        for change in action.history:
            when = format_short_date(datetime.fromtimestamp(change.at).date(), lang)
            note = f" « {change.note} »" if change.note else ""
            due = f" → {format_short_date(change.due, lang)}" if change.due else ""
            status = f"{MARKS[change.status]} {t('status.' + change.status, lang)}"
            lines.append(literal(f"{when}  {status}{due}{note}"))
        self.query_one("#history", Static).update(Content("\n").join(lines))

    @property
    def selected(self) -> Action | None:
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row is None or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

    def action_change(self, status: str) -> None:
        action = self.selected
        if action is not None:
            title = f"{action.owner}{colon(self.door.lang)} {action.what} → {self.tr('status.' + status)}"
            self.app.push_screen(
                PromptScreen(title, self.tr("followup.note")),
                partial(self._noted, action, ActionStatus(status)),
            )

    def action_due(self) -> None:
        action = self.selected
        if action is None:
            return

        def check(text: str) -> str | None:
            try:
                return None if parse_due(text, self.today) else self.tr("ui.due_unknown")
            except DueDateError as error:
                return due_words(error, self.tr)

        self.app.push_screen(
            PromptScreen(
                f"{action.owner}{colon(self.door.lang)} {action.what}", self.tr("ui.due_label"), check
            ),
            partial(self._new_due, action),
        )

    def _noted(self, action: Action, status: ActionStatus, note: str | None) -> None:
        if note is not None:
            self._apply(action, status, note)

    def _new_due(self, action: Action, text: str | None) -> None:
        if text is not None:
            self._apply(action, None, "", parse_due(text, self.today))

    def _apply(self, action: Action, status: ActionStatus | None, note: str, due: date | None = None) -> None:
        changed = self.door.change_action(action, status, note, due)
        self.actions = [changed if a.id == changed.id else a for a in self.actions]
        self.refill()
