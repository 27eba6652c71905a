"""The line where the facilitator types: what Enter saves, for whom, and the text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Static

from peertui.core.i18n import t
from peertui.ui.text import literal, short


class CaptureBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield Static(id="capture-target")
        # A steady cursor: a blinking one redraws twice a second, for nothing, over SSH too.
        capture = Input(id="capture", max_length=10_000)
        capture.cursor_blink = False
        yield capture

    def show(self, target: str, author: str, lang: str) -> None:
        label = t(f"target.{target}", lang)
        who = short(author, 18) if author else t("recap.group", lang)
        self.query_one("#capture-target", Static).update(literal(f"{label} · {who} ›", "bold"))
        self.query_one("#capture", Input).placeholder = t("ui.capture_hint", lang)
