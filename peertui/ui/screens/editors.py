"""Going back over what was captured: every idea and every action of the session."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from peertui.core import events as ev
from peertui.core.session import Session
from peertui.ui.keys import translate_bindings
from peertui.ui.screens.dialogs import ActionForm, ConfirmScreen, Dialog
from peertui.ui.text import choices, literal
from peertui.ui.widgets.idea_log import idea_line
from peertui.ui.widgets.text_line import TextLine


class _Editor(Dialog):
    """A list of the session's items, kept in step with the session."""

    title_key = ""

    def __init__(self) -> None:
        super().__init__("en")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog editor"):
            yield Static(id="editor-title")
            yield OptionList(id="items")
            yield Static(id="editor-keys")

    def on_mount(self) -> None:
        self.lang = self.app.lang
        translate_bindings(self, self.lang)
        self.query_one("#editor-title", Static).update(literal(self.tr(self.title_key), "bold"))
        shown = [b for found in self._bindings.key_to_bindings.values() for b in found if b.show]
        keys = " · ".join(f"{b.key.split(',')[0]}: {b.description}" for b in shown)
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

    def options(self, session: Session) -> list[Option]:
        names = {run.step.key: run.step.name(self.lang) for run in session.runs}
        return [
            Option(literal(f"[{names.get(idea.step, idea.step)}] ") + idea_line(idea, self.lang), id=idea.id)
            for idea in session.ideas
        ]

    def on_option_list_option_selected(self, _: OptionList.OptionSelected) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        idea = next((i for i in self.app.session.ideas if i.id == self.selected), None)
        if idea is not None:
            self.app.push_screen(EditIdea(self.app.session, idea, self.lang), self._apply)

    def action_confidential(self) -> None:
        if self.selected:
            self.app.act(ev.ToggleConfidential, idea_id=self.selected)

    def action_delete(self) -> None:
        idea_id = self.selected
        if idea_id:
            self.app.push_screen(
                ConfirmScreen(self.tr("ui.delete_confirm"), self.lang),
                lambda yes: yes and self.app.act(ev.DeleteIdea, idea_id=idea_id),
            )

    def _apply(self, event: ev.EditIdea | None) -> None:
        if event is not None:
            self.app.act(ev.EditIdea, idea_id=event.idea_id, text=event.text, author=event.author)


class EditIdea(Dialog):
    def __init__(self, session: Session, idea, lang: str) -> None:
        super().__init__(lang)
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

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.error("refused.empty_text")
            return
        author = self.query_one("#author", Select).value
        author = None if author is Select.NULL else str(author)
        self.dismiss(ev.EditIdea(0.0, self.idea.id, event.value, author))


class ActionsScreen(_Editor):
    title_key = "ui.actions_title"
    BINDINGS = [
        Binding("enter", "edit", "ui.edit"),
        Binding("delete,d", "delete", "ui.delete"),
        Binding("escape", "cancel", "ui.back"),
    ]

    def options(self, session: Session) -> list[Option]:
        return [
            Option(literal(f"{a.owner} · {a.what}" + (f" ({a.due.isoformat()})" if a.due else "")), id=a.id)
            for a in session.actions
        ]

    def on_option_list_option_selected(self, _: OptionList.OptionSelected) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        action = next((a for a in self.app.session.actions if a.id == self.selected), None)
        if action is not None:
            form = ActionForm(self.app.session, self.lang, action.what, self.app.clock.now(), action)
            self.app.push_screen(form, self._apply)

    def action_delete(self) -> None:
        action_id = self.selected
        if action_id:
            self.app.push_screen(
                ConfirmScreen(self.tr("ui.delete_confirm"), self.lang),
                lambda yes: yes and self.app.act(ev.DeleteAction, action_id=action_id),
            )

    def _apply(self, event: ev.EditAction | None) -> None:
        if event is not None:
            self.app.act(ev.EditAction, action_id=event.action_id, what=event.what,
                                  owner=event.owner, due=event.due)
