"""The line where the facilitator types: what Enter saves, for whom, and the text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from peertui.core.i18n import t
from peertui.ui.text import literal, refresh_if_changed, short
from peertui.ui.widgets.text_line import CaptureLine


class CaptureBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield Static(id="capture-target")
        yield CaptureLine(id="capture")

    def show(self, label: str, author: str, lang: str, prompt: str = "") -> None:
        """What Enter saves (`label`), for whom; the question to put, if the step asks one
        (a part of its form), else how the line works."""
        who = short(author, 18) if author else t("recap.group", lang)
        refresh_if_changed(self.query_one("#capture-target", Static), literal(f"{label} · {who} ›", "bold"))
        self.query_one("#capture", CaptureLine).placeholder = prompt or t("ui.capture_hint", lang)
