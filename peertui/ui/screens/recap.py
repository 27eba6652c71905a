"""After closing: the recap is copied and saved; the facilitator sees how, and a preview."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Static

from peertui.core.formats import RECAP_FORMATS
from peertui.core.session import Session
from peertui.delivery import Delivery, Way, deliver
from peertui.ui.door import RecapFiles
from peertui.ui.screens.base import PeerScreen
from peertui.ui.text import literal


class RecapScreen(PeerScreen[None]):
    DEFAULT_CSS = """
        #recap { padding: 0 1; }
        #recap-status { height: auto; padding: 1; border: round $success; }
        #recap-preview { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(f.key, f"copy('{f.extension}')", f"key.copy_{f.name}") for f in RECAP_FORMATS.values()),
        Binding("enter,escape", "done", "key.done"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.recap_session = session
        self.texts: dict[str, str] = {}
        self.files = RecapFiles({})

    def compose(self) -> ComposeResult:
        with Vertical(id="recap"):
            yield Static(id="recap-status")
            with VerticalScroll(id="recap-preview"):
                yield Static(id="recap-text")
        yield Footer()

    def on_mount(self) -> None:
        self.texts = self.door.recap_texts(self.recap_session)
        self.files = self.door.keep_recap(self.recap_session, self.texts)
        self.query_one("#recap-status", Static).update(literal(self.tr("ui.copying")))
        self.action_copy(next(iter(RECAP_FORMATS.values())).extension)

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
        tr = self.tr
        name = tr(f"ui.format_{extension}")
        lines = [tr(f"ui.copied_{delivery.way}", format=name)]
        if delivery.way is Way.TERMINAL:
            if delivery.in_tmux:
                lines.append(tr("ui.tmux_hint"))
            if delivery.too_big_for_terminal:
                lines.append("⚠ " + tr("ui.too_big"))
        if extension in self.files.paths:
            lines.append(tr("ui.saved_as", path=str(self.files.paths[extension])))
        else:
            lines.append("⚠ " + tr("ui.recap_not_saved", error=self.files.problem))
        for other in RECAP_FORMATS.values():
            if other.extension != extension:
                lines.append(tr("ui.copy_other", letter=other.key, format=tr(f"ui.format_{other.extension}")))
        self.query_one("#recap-status", Static).update(literal("\n".join(lines)))

    def action_done(self) -> None:
        self.door.leave_session()
