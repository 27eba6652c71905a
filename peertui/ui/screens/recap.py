"""After closing: the recap is copied and saved; the facilitator sees how, and a preview."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from peertui.core.recap import render_markdown, render_text
from peertui.core.session import Session
from peertui.delivery import Delivery, Way, deliver
from peertui.store import StoreError
from peertui.ui.keys import translate_bindings
from peertui.ui.text import literal


class RecapScreen(Screen[None]):
    DEFAULT_CSS = """
        #recap { padding: 0 1; }
        #recap-status { height: auto; padding: 1; border: round $success; }
        #recap-preview { height: 1fr; }
    """

    BINDINGS = [
        Binding("m", "copy('md')", "key.copy_markdown"),
        Binding("t", "copy('txt')", "key.copy_text"),
        Binding("enter,escape", "done", "key.done"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.recap_session = session
        self.texts: dict[str, str] = {}
        self.files: dict[str, Path] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="recap"):
            yield Static(id="recap-status")
            with VerticalScroll(id="recap-preview"):
                yield Static(id="recap-text")
        yield Footer()

    def on_mount(self) -> None:
        app = self.app
        translate_bindings(self, app.lang)
        carried = app.store.carried_actions(self.recap_session)
        self.texts = {
            "md": render_markdown(self.recap_session, carried),
            "txt": render_text(self.recap_session, carried),
        }
        self.unsaved: str | None = None  # why the recap files could not be written
        for extension, text in self.texts.items():
            try:
                self.files[extension] = app.store.save_recap(self.recap_session.id, text, extension)
            except StoreError as error:  # a full disk: the copy still goes, the file later
                self.unsaved = str(error)
        self.query_one("#recap-status", Static).update(literal(app.tr("ui.copying")))
        self.action_copy("md")

    def action_copy(self, extension: str) -> None:
        self.query_one("#recap-text", Static).update(literal(self.texts[extension]))
        self._copy(extension)

    @work(thread=True, exclusive=True)
    def _copy(self, extension: str) -> None:
        """Off the UI thread: a system clipboard tool may take a moment, or hang."""
        delivery = deliver(self.texts[extension], self._send_osc52)
        self.app.call_from_thread(self._show_delivery, extension, delivery)

    def _send_osc52(self, text: str) -> None:
        self.app.call_from_thread(self.app.copy_to_clipboard, text)

    def _show_delivery(self, extension: str, delivery: Delivery) -> None:
        tr = self.app.tr
        name = tr(f"ui.format_{extension}")
        lines = [tr(f"ui.copied_{delivery.way}", format=name)]
        if delivery.way is Way.TERMINAL:
            if delivery.in_tmux:
                lines.append(tr("ui.tmux_hint"))
            if delivery.too_big_for_terminal:
                lines.append("⚠ " + tr("ui.too_big"))
        if extension in self.files:
            lines.append(tr("ui.saved_as", path=str(self.files[extension])))
        else:
            lines.append("⚠ " + tr("ui.recap_not_saved", error=self.unsaved or ""))
        other = "txt" if extension == "md" else "md"
        letter = "t" if other == "txt" else "m"
        lines.append(tr("ui.copy_other", letter=letter, format=tr(f"ui.format_{other}")))
        self.query_one("#recap-status", Static).update(literal("\n".join(lines)))

    def action_done(self) -> None:
        self.app.leave_session()
