"""Between sessions: everyone's actions (or one person's), across sessions, with their history.

d done, p in progress, x dropped, o open again (each asks for an optional note),
e a new due date; / filters by name or word. Every change is dated and kept.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Select, Static

from peertui.core.dates import DueDateError, parse_due
from peertui.core.followup import MARKS, STATUS_FILTERS, Filter, fold, is_overdue, select
from peertui.core.i18n import format_short_date, t
from peertui.core.model import Action, ActionStatus
from peertui.core.text import printable
from peertui.ui.keys import translate_bindings
from peertui.ui.screens.dialogs import Dialog
from peertui.ui.text import literal
from peertui.ui.widgets.text_line import TextLine


class PromptScreen(Dialog):
    """One line to type; Enter gives it back, Escape gives None. `check` may refuse it."""

    def __init__(self, title: str, lang: str, placeholder: str = "", check=None) -> None:
        super().__init__(lang)
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


class ReviewScreen(Screen[None]):
    DEFAULT_CSS = """
        #review { padding: 0 1; }
        #review .field Input { width: 1fr; }
        #review .field Select { width: 24; }
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
        self.shown: list[Action] = []

    def compose(self) -> ComposeResult:
        tr = self.app.tr
        with Vertical(id="review"):
            yield Static(literal(tr("ui.review_title"), "bold"))
            with Horizontal(classes="field"):
                yield TextLine(self.participant, id="filter", compact=True, placeholder=tr("ui.filter_hint"))
                yield Select([(tr(f"ui.show_{s}"), s) for s in STATUS_FILTERS], value="open",
                             allow_blank=False, compact=True, id="status")
            yield DataTable(id="actions", cursor_type="row", zebra_stripes=True)
            yield Static(id="history")
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self, self.app.lang)
        table = self.query_one(DataTable)
        for key in ("recap.owner", "recap.what", "recap.due", "recap.status", "ui.group"):
            table.add_column(self.app.tr(key))
        self.actions = self.app.store.actions()
        self.refill()
        table.focus()

    @property
    def today(self):
        return datetime.fromtimestamp(self.app.clock.now()).date()

    @on(Input.Changed, "#filter")
    @on(Select.Changed, "#status")
    def refill(self) -> None:
        lang, today = self.app.lang, self.today
        words = fold(self.query_one("#filter", Input).value)
        status = str(self.query_one("#status", Select).value)
        actions = select(self.actions, Filter(status=status), today)
        self.shown = [
            a for a in actions if all(w in fold(f"{a.owner} {a.what} {a.group}") for w in words.split())
        ]
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for a in self.shown:
            mark = "⚠" if is_overdue(a, today) else MARKS[a.status]
            due = format_short_date(a.due, lang) if a.due else "—"
            status_text = f"{mark} {t('status.' + a.status, lang)}"
            cells = (a.owner, a.what, due, status_text, a.group)
            table.add_row(*(Text(printable(c)) for c in cells), key=a.id)
        if self.shown:
            table.move_cursor(row=min(row, len(self.shown) - 1))
        self._show_history()

    @on(DataTable.RowHighlighted)
    def _show_history(self) -> None:
        action = self.selected
        lang = self.app.lang
        if action is None:
            self.query_one("#history", Static).update(literal(t("followup.none", lang), "italic"))
            return
        made = datetime.fromtimestamp(action.created_at).date()
        lines = [literal(t("followup.created", lang, date=format_short_date(made, lang),
                           session=action.session_id), "$text-muted")]
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
            title = f"{action.owner}: {action.what} → {self.app.tr('status.' + status)}"
            self.app.push_screen(
                PromptScreen(title, self.app.lang, self.app.tr("followup.note")),
                lambda note: note is not None and self._apply(action, ActionStatus(status), note),
            )

    def action_due(self) -> None:
        action = self.selected
        if action is None:
            return

        def check(text: str) -> str | None:
            try:
                return None if parse_due(text, self.today) else self.app.tr("ui.due_unknown")
            except DueDateError as error:
                return str(error)

        self.app.push_screen(
            PromptScreen(f"{action.owner}: {action.what}", self.app.lang, self.app.tr("ui.due_label"), check),
            lambda text: text is not None and self._apply(action, None, "", parse_due(text, self.today)),
        )

    def _apply(self, action: Action, status: ActionStatus | None, note: str, due=None) -> None:
        changed = self.app.update_action(action, status, note, due)
        self.actions = [changed if a.id == changed.id else a for a in self.actions]
        self.refill()
