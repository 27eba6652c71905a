"""F4, the follow-up round: where a member stands on the actions they committed to.

d done, p in progress, x dropped, with the note typed below; the result goes into
the session (and its recap), and into each action's history when it is saved.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from peertui.core import events as ev
from peertui.core.followup import open_actions_of
from peertui.core.i18n import colon
from peertui.core.model import Action, ActionStatus
from peertui.core.session import Session
from peertui.ui.screens.dialogs import Dialog
from peertui.ui.text import literal
from peertui.ui.widgets.idea_log import review_line
from peertui.ui.widgets.text_line import TextLine


class FollowUpScreen(Dialog[None]):
    DEFAULT_CSS = """
        #followup-title { margin-bottom: 1; }
        #note { margin-top: 1; }
    """

    BINDINGS = [
        Binding("d", "review('done')", "status.done"),
        Binding("p", "review('in_progress')", "status.in_progress"),
        Binding("x", "review('dropped')", "status.dropped"),
        Binding("n", "note", "ui.note_key"),
        Binding("escape", "cancel", "ui.back"),
    ]

    def __init__(self, owner: str | None) -> None:
        super().__init__()
        self.owner = owner
        self.actions: list[Action] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog editor"):
            yield Static(id="followup-title")
            yield OptionList(id="items")
            yield TextLine(id="note", compact=True)
            yield Static(id="editor-keys")

    def on_mount(self) -> None:
        who = self.owner or self.tr("ui.everyone")
        self.query_one("#followup-title", Static).update(literal(self.tr("followup.title", name=who), "bold"))
        self.query_one("#note", Input).placeholder = self.tr("followup.note")
        sep = colon(self.lang)
        keys = " · ".join(
            f"{key}{sep} {self.tr(label)}"
            for key, label in (
                ("d", "status.done"),
                ("p", "status.in_progress"),
                ("x", "status.dropped"),
                ("n", "ui.note_key"),
                (self.tr("keyname.esc"), "ui.back"),
            )
        )
        self.query_one("#editor-keys", Static).update(literal(keys, "$text-muted"))
        self.actions = open_actions_of(self.door.carried, self.owner)
        self.watch(self.app, "session", self._fill)
        self.query_one("#items", OptionList).focus()

    def _fill(self, session: Session | None) -> None:
        if session is None:
            return
        reviews = {r.action_id: r for r in session.reviews}
        items = self.query_one("#items", OptionList)
        keep = items.highlighted
        items.clear_options()
        if not self.actions:
            nobody = self.tr("followup.no_open", name=self.owner or "—")
            items.add_option(Option(literal(nobody), disabled=True))
            return
        everyone = self.owner is None
        items.add_options(
            Option(review_line(a, reviews.get(a.id), self.lang, everyone), id=a.id) for a in self.actions
        )
        items.highlighted = min(keep or 0, len(self.actions) - 1)

    @property
    def selected(self) -> Action | None:
        items = self.query_one("#items", OptionList)
        if items.highlighted is None or not self.actions:
            return None
        return self.actions[items.highlighted]

    def action_review(self, status: str) -> None:
        action = self.selected
        if action is None:
            return
        note_input = self.query_one("#note", Input)
        self.door.act(
            ev.ReviewAction(action.id, action.owner, action.what, ActionStatus(status), note_input.value)
        )
        note_input.value = ""

    def action_note(self) -> None:
        self.query_one("#note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """A note on its own keeps the status already said (or the action's own)."""
        action = self.selected
        if action is not None and event.value.strip():
            session = self.door.session
            reviews = session.reviews if session else ()
            earlier = next((r for r in reviews if r.action_id == action.id), None)
            self.action_review((earlier.status if earlier else action.status).value)
        self.query_one("#items", OptionList).focus()
