"""Going back over what was captured: every idea and every action of the session."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from peertui.core import events as ev
from peertui.core.model import Idea
from peertui.core.session import Session
from peertui.ui.screens.base import on_yes
from peertui.ui.screens.dialogs import ActionForm, ConfirmScreen, Dialog
from peertui.ui.text import choices, literal
from peertui.ui.widgets.idea_log import idea_line
from peertui.ui.widgets.text_line import TextLine


class _Editor(Dialog[None]):
    """A list of the session's items, kept in step with the session."""

    title_key = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog editor"):
            yield Static(id="editor-title")
            yield OptionList(id="items")
            yield Static(id="editor-keys")

    def on_mount(self) -> None:
        self.query_one("#editor-title", Static).update(literal(self.tr(self.title_key), "bold"))
        keys = " · ".join(f"{shown}: {self.tr(label)}" for shown, label in self.KEYS)
        self.query_one("#editor-keys", Static).update(literal(keys, "$text-muted"))
        self.watch(self.app, "session", self._fill)

    def _fill(self, session: Session | None) -> None:
        if session is None:
            return
        items = self.query_one("#items", OptionList)
        keep = items.highlighted
        items.clear_options()
        items.add_options(self.options(session))
        if items.option_count:
            items.highlighted = min(keep or 0, items.option_count - 1)

    KEYS: tuple[tuple[str, str], ...] = ()  # (as on the keyboard, what it does), under the list

    def options(self, session: Session) -> list[Option]:
        raise NotImplementedError

    @property
    def selected(self) -> str | None:
        items = self.query_one("#items", OptionList)
        if items.highlighted is None:
            return None
        return items.get_option_at_index(items.highlighted).id


class IdeasScreen(_Editor):
    title_key = "ui.ideas_title"
    BINDINGS = [
        Binding("enter", "edit", "ui.edit"),
        Binding("c", "confidential", "ui.confidential"),
        Binding("delete,d", "delete", "ui.delete"),
        Binding("escape", "cancel", "ui.back"),
    ]
    KEYS = (("Enter", "ui.edit"), ("c", "ui.confidential"), ("d", "ui.delete"), ("Esc", "ui.back"))

    def options(self, session: Session) -> list[Option]:
        names = {run.step.key: run.step.name(self.lang) for run in session.runs}
        return [
            Option(literal(f"[{names.get(idea.step, idea.step)}] ") + idea_line(idea, self.lang), id=idea.id)
            for idea in session.ideas
        ]

    def on_option_list_option_selected(self, _: OptionList.OptionSelected) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        session = self.door.session
        idea = next((i for i in session.ideas if i.id == self.selected), None) if session else None
        if session is not None and idea is not None:
            self.app.push_screen(EditIdea(session, idea), self._apply)

    def action_confidential(self) -> None:
        if self.selected:
            self.door.act(ev.ToggleConfidential(self.selected))

    def action_delete(self) -> None:
        idea_id = self.selected
        if idea_id:
            self.app.push_screen(
                ConfirmScreen(self.tr("ui.delete_confirm")), on_yes(self.door, ev.DeleteIdea(idea_id))
            )

    def _apply(self, event: ev.EditIdea | None) -> None:
        if event is not None:
            self.door.act(event)


class EditIdea(Dialog[ev.EditIdea]):
    def __init__(self, session: Session, idea: Idea) -> None:
        super().__init__()
        self.session = session
        self.idea = idea

    def compose(self) -> ComposeResult:
        people = choices(self.session.present)
        with Vertical(classes="dialog form"):
            yield Static(literal(self.tr("ui.edit_idea"), "bold"))
            yield Label(self.tr("ui.author"))
            yield Select(people, value=self.idea.author or Select.NULL, id="author")
            yield TextLine(self.idea.text, id="text")
            yield Static(id="form-error")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def on_input_submitted(self, message: Input.Submitted) -> None:
        chosen = self.query_one("#author", Select).value
        event = ev.EditIdea(self.idea.id, message.value, None if chosen is Select.NULL else str(chosen))
        problem = self.door.refusal(event)
        if problem:
            self.say(problem)
            return
        self.dismiss(event)


class ActionsScreen(_Editor):
    title_key = "ui.actions_title"
    BINDINGS = [
        Binding("enter", "edit", "ui.edit"),
        Binding("delete,d", "delete", "ui.delete"),
        Binding("escape", "cancel", "ui.back"),
    ]
    KEYS = (("Enter", "ui.edit"), ("d", "ui.delete"), ("Esc", "ui.back"))

    def options(self, session: Session) -> list[Option]:
        return [
            Option(literal(f"{a.owner} · {a.what}" + (f" ({a.due.isoformat()})" if a.due else "")), id=a.id)
            for a in session.actions
        ]

    def on_option_list_option_selected(self, _: OptionList.OptionSelected) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        session = self.door.session
        action = next((a for a in session.actions if a.id == self.selected), None) if session else None
        if session is not None and action is not None:
            self.app.push_screen(ActionForm(session, action.what, action), self._apply)

    def action_delete(self) -> None:
        action_id = self.selected
        if action_id:
            self.app.push_screen(
                ConfirmScreen(self.tr("ui.delete_confirm")), on_yes(self.door, ev.DeleteAction(action_id))
            )

    def _apply(self, event: ev.Event | None) -> None:
        if event is not None:
            self.door.act(event)
