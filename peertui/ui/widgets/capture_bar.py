"""The line where the facilitator types: what Enter saves, for whom, and the text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from peertui.core.i18n import t
from peertui.ui.text import literal, refresh_if_changed, short
from peertui.ui.widgets.text_line import CaptureLine


class CaptureBar(Horizontal):
    DEFAULT_CSS = """
        CaptureBar #capture-target.-confidential { color: $warning; }
    """

    _target = ("", "")  # (what Enter saves, for whom), as last shown
    _confidential = False

    def compose(self) -> ComposeResult:
        yield Static(id="capture-target")
        yield CaptureLine(id="capture")

    def show(self, label: str, author: str, lang: str, prompt: str = "") -> None:
        """What Enter saves (`label`), for whom; the question to put, if the step asks one
        (a part of its form), else how the line works."""
        self._target = (label, short(author, 18) if author else t("recap.group", lang))
        self._show_target()
        self.query_one("#capture", CaptureLine).placeholder = prompt or t("ui.capture_hint", lang)

    def mark_confidential(self, confidential: bool) -> None:
        """The line starts with `!`: what it saves will be in no recap; the label says so."""
        if confidential != self._confidential:
            self._confidential = confidential
            self._show_target()

    def _show_target(self) -> None:
        label, who = self._target
        lock = "🔒 " if self._confidential else ""
        target = self.query_one("#capture-target", Static)
        target.set_class(self._confidential, "-confidential")
        refresh_if_changed(target, literal(f"{lock}{label} · {who} ›", "bold"))
