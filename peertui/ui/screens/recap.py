"""After closing: the recap is copied and saved; the facilitator sees how, and a preview."""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Static

from peertui.core.i18n import colon
from peertui.core.session import Session
from peertui.core.sharing import Level
from peertui.delivery import Delivery, Way, deliver
from peertui.formats import RECAP_FORMATS
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
        Binding("right", "level(1)", "key.next_level"),
        Binding("left", "level(-1)", "key.previous_level", show=False),
        Binding("o", "outbox", "key.outbox"),
        Binding("enter,escape", "done", "key.done"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.recap_session = session
        self.texts: dict[str, str] = {}
        self.files = RecapFiles({})
        # Who the recap is for: the group first (what is copied at the close), then the
        # facilitator, outside the group, and each person present, their own.
        people = [name for name in session.present if name != session.facilitator]
        self.levels = [
            (Level.GROUP, ""),
            (Level.FACILITATOR, ""),
            (Level.OUTSIDE, ""),
            *((Level.PARTICIPANT, name) for name in people),
        ]
        self.level = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="recap"):
            yield Static(id="recap-level")
            yield Static(id="recap-status")
            with VerticalScroll(id="recap-preview"):
                yield Static(id="recap-text")
        yield Footer()

    def on_mount(self) -> None:
        self.texts = self.door.recap_texts(self.recap_session)
        self.files = self.door.keep_recap(self.recap_session, self.texts)  # the group's
        self._show_level()
        self.query_one("#recap-status", Static).update(literal(self.tr("ui.copying")))
        self.action_copy(next(iter(RECAP_FORMATS.values())).extension)

    def _show_level(self) -> None:
        level, person = self.levels[self.level]
        name = self.tr(f"ui.level_{level}") + (f" · {person}" if person else "")
        line = f"{self.tr('ui.level')}{colon(self.door.lang)} {name}  ({self.tr('ui.level_keys')})"
        self.query_one("#recap-level", Static).update(literal(line, "bold"))

    def action_level(self, step: int) -> None:
        """Another level: its preview, to copy with m or t (nothing is copied unasked)."""
        self.level = (self.level + step) % len(self.levels)
        level, person = self.levels[self.level]
        self.texts = self.door.recap_texts(self.recap_session, level, person)
        self._show_level()
        first = next(iter(RECAP_FORMATS.values()))
        self.query_one("#recap-text", Static).update(literal(self.texts[first.extension]))
        keys = " · ".join(
            self.tr("ui.copy_as", letter=f.key, format=self.tr(f"ui.format_{f.extension}"))
            for f in RECAP_FORMATS.values()
        )
        self.query_one("#recap-status", Static).update(literal(f"{self.tr('ui.level_not_copied')}\n{keys}"))

    def action_copy(self, extension: str) -> None:
        self.query_one("#recap-text", Static).update(literal(self.texts[extension]))
        self._copy(extension)

    @work(thread=True, exclusive=True)
    def _copy(self, extension: str) -> None:
        """Off the UI thread: a system clipboard tool may take a moment, or hang."""
        chosen = self.level  # as it was when asked, whatever is pressed meanwhile
        delivery = deliver(self.texts[extension], self._send_osc52)
        self.app.call_from_thread(self._show_delivery, extension, delivery, chosen)

    def _send_osc52(self, text: str) -> None:
        self.app.call_from_thread(self.app.copy_to_clipboard, text)

    def _show_delivery(self, extension: str, delivery: Delivery, chosen: int) -> None:
        tr = self.tr
        level, person = self.levels[chosen]
        name = tr(f"ui.format_{extension}")
        lines = [tr(f"ui.copied_{delivery.way}", format=name)]
        if chosen:  # the group's is the one saved; another is said as what was copied
            lines[0] += " · " + tr(f"ui.level_{level}") + (f" · {person}" if person else "")
        if delivery.way is Way.TERMINAL:
            if delivery.in_tmux:
                lines.append(tr("ui.tmux_hint"))
            if delivery.too_big_for_terminal:
                lines.append("⚠ " + tr("ui.too_big"))
        if chosen:
            pass  # only the group's recap is kept on disk: the others are made again on demand
        elif extension in self.files.paths:
            lines.append(tr("ui.saved_as", path=str(self.files.paths[extension])))
        else:
            lines.append("⚠ " + tr("ui.recap_not_saved", error=self.files.problem))
        for other in RECAP_FORMATS.values():
            if other.extension != extension:
                lines.append(tr("ui.copy_other", letter=other.key, format=tr(f"ui.format_{other.extension}")))
        self.query_one("#recap-status", Static).update(literal("\n".join(lines)))

    def action_outbox(self) -> None:
        """Each person's draft and calendar, in a new folder: where it is above, a line
        per person below, where the preview was (it scrolls; ← → bring a recap back)."""
        written = self.door.write_outbox(self.recap_session)
        status = self.query_one("#recap-status", Static)
        if written.folder is None:
            status.update(literal("⚠ " + written.problem))
            return
        status.update(literal(self.tr("outbox.written", path=str(written.folder))))
        self.query_one("#recap-text", Static).update(literal("\n\n".join(written.lines)))
        self.query_one("#recap-preview", VerticalScroll).scroll_home(animate=False)

    def action_done(self) -> None:
        self.door.leave_session()
