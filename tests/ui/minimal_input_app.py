"""The smallest app where a burst of keys once lost and merged lines: one Input, and each
submitted line appended to a file. Run as: python minimal_input_app.py OUT [plain]

With `plain`, it is Textual's own App (kept to compare by hand); otherwise peertui's
OrderedInputApp, which every peertui app is."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Input

from peertui.ui.ordered_input import OrderedInputApp

out = Path(sys.argv[1])
base: type[App[int]] = App if sys.argv[2:] == ["plain"] else OrderedInputApp


class Lines(base):  # type: ignore[misc, valid-type]
    def compose(self) -> ComposeResult:
        yield Input()

    def on_mount(self) -> None:
        print("ready", file=sys.stderr)

    def on_input_submitted(self, message: Input.Submitted) -> None:
        with out.open("a", encoding="utf-8") as file:
            file.write(message.value + "\n")
        message.input.value = ""


Lines().run()
