"""F1: every key of the session, in the session's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from peertui.core import roles
from peertui.ui.keys import GLOBAL_KEYS, SESSION_KEYS
from peertui.ui.screens.dialogs import Dialog
from peertui.ui.text import literal


class HelpScreen(Dialog[None]):
    """F1: the keys of the screen it was opened from (the session's, by default), and a
    word on how that screen works."""

    BINDINGS = [Binding("f1,escape,q", "cancel", show=False)]

    def __init__(self, keys: list[tuple[str, str]] | None = None, words: str = "") -> None:
        super().__init__()
        self.keys, self.words = keys, words

    def _label(self, key: str) -> str:
        """A key's words; F5's in the protocol's own ("Choose the presenter and the topic")."""
        session = self.door.session
        if key == "key.client" and session is not None and session.protocol.has_client:
            return self.tr("key.client_of", **roles.words(session.protocol, self.door.lang))
        return self.tr(key)

    def compose(self) -> ComposeResult:
        if self.keys is None:
            rows = [(self.tr("keyname.enter"), self.tr("key.save_idea"))]
            rows += [(key.shown, self._label(key.label)) for key in (*SESSION_KEYS, *GLOBAL_KEYS)]
            words = self.tr("ui.help_capture")
        else:
            rows, words = self.keys, self.words
        width = max((len(shown) for shown, _ in rows), default=0) + 2
        table = Content("\n").join(
            Content.assemble((shown.ljust(width), "bold $accent"), literal(label)) for shown, label in rows
        )
        with Vertical(classes="dialog help"):
            yield Static(literal(self.tr("ui.help_title"), "bold"))
            with VerticalScroll(id="help-keys"):
                yield Static(table)
                if words:
                    yield Static(literal("\n" + words), id="help-capture")
