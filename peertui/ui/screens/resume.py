"""A session was still running when peertui last stopped: resume it, close it, or not now."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from peertui.core.i18n import format_date, format_time
from peertui.core.model import SessionSummary
from peertui.ui.screens.dialogs import Dialog
from peertui.ui.text import literal


class ResumeScreen(Dialog[str]):
    BINDINGS = [Binding("r", "answer('resume')", show=False)]

    def __init__(self, summary: SessionSummary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        started = datetime.fromtimestamp(self.summary.started_at)
        when = f"{format_date(started.date(), self.lang)}, {format_time(started, self.lang)}"
        who = f" · {self.summary.client}" if self.summary.client else ""
        with Vertical(classes="dialog"):
            yield Static(literal(self.tr("ui.resume_title"), "bold"))
            yield Static(literal(f"{self.summary.group}{who}\n{when}"))
            with Horizontal(classes="buttons"):
                yield Button(self.tr("ui.resume"), id="resume", variant="primary")
                yield Button(self.tr("ui.close_it"), id="close")
                yield Button(self.tr("ui.not_now"), id="later")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "later")
