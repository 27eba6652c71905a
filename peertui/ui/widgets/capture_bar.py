"""The line where the facilitator types: what Enter saves, for whom, and the text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from peertui.core.i18n import t
from peertui.ui.text import literal, short
from peertui.ui.widgets.text_line import CaptureLine


class CaptureBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield Static(id="capture-target")
        yield CaptureLine(id="capture")

    def show(self, target: str, author: str, lang: str) -> None:
        label = t(f"target.{target}", lang)
        who = short(author, 18) if author else t("recap.group", lang)
        self.query_one("#capture-target", Static).update(literal(f"{label} · {who} ›", "bold"))
        self.query_one("#capture", CaptureLine).placeholder = t("ui.capture_hint", lang)
