"""F1: every key of the session, in the session's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from peertui.ui.keys import GLOBAL_KEYS, SESSION_KEYS
from peertui.ui.screens.dialogs import Dialog
from peertui.ui.text import literal


class HelpScreen(Dialog):
    BINDINGS = [Binding("f1,escape,q", "cancel", show=False)]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Static(literal(self.tr("ui.help_title"), "bold"))
            yield DataTable(id="keys", cursor_type="row", zebra_stripes=True)
            yield Static(literal(self.tr("ui.help_capture")), id="help-capture")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(self.tr("ui.key"), self.tr("ui.does"))
        table.add_row("Enter", literal(self.tr("key.save_idea")))
        for key in (*SESSION_KEYS, *GLOBAL_KEYS):
            table.add_row(key.shown, literal(self.tr(key.label)))
        table.focus()
