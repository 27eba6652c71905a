"""Going back over what was captured: every idea and every action of the session."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from peertui.core import events as ev
from peertui.core.i18n import colon, format_short_date
from peertui.core.model import Entry, Idea
from peertui.core.roles import case_word
from peertui.core.session import Session
from peertui.ui.screens.base import on_yes
from peertui.ui.screens.dialogs import ActionForm, ConfirmScreen, Dialog
from peertui.ui.text import choices, literal
from peertui.ui.widgets.idea_log import entry_lines, idea_line
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
        keys = " · ".join(
            f"{self.tr(shown)}{colon(self.lang)} {self.tr(label)}" for shown, label in self.KEYS
        )
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
            items.highlighted = min(self.first if keep is None else keep, items.option_count - 1)

    first = 0  # the line highlighted when the list opens

    KEYS: tuple[tuple[str, str], ...] = ()  # (as on the keyboard, what it does), under the list

    def options(self, session: Session) -> list[Option]:
        raise NotImplementedError

    @property
    def selected(self) -> str | None:
        items = self.query_one("#items", OptionList)
        if items.highlighted is None:
            return None
        return items.get_option_at_index(items.highlighted).id


ENTRY = "entry:"  # the id of an entry's line in the list: "entry:" and its index
SAID = "said:"  # the case's line, the contract's: "said:case", "said:contract"


class IdeasScreen(_Editor):
    """F2: every idea, and every entry of a form (the 4 A...), to correct or delete; `a`
    makes an entry's commitment (or an idea) an action of the one who said it."""

    title_key = "ui.ideas_title"
    BINDINGS = [
        Binding("enter", "edit", "ui.edit"),
        Binding("c", "confidential", "ui.confidential"),
        Binding("k", "keep", "ui.keep"),
        Binding("a", "to_action", "ui.to_action"),
        Binding("delete,d", "delete", "ui.delete"),
        Binding("escape", "cancel", "ui.back"),
    ]
    KEYS = (
        ("keyname.enter", "ui.edit"),
        ("c", "ui.confidential"),
        ("k", "ui.keep"),
        ("a", "ui.to_action"),
        ("d", "ui.delete"),
        ("keyname.esc", "ui.back"),
    )

    def options(self, session: Session) -> list[Option]:
        steps = {run.step.key: run.step for run in session.runs}

        def where(step: str) -> Content:
            return literal(f"[{steps[step].name(self.lang) if step in steps else step}] ")

        # The case and the contract first, as the session had them; it opens on the first
        # idea, below them. They can be made confidential too.
        found = [
            Option(self._said(label, text, secret), id=f"{SAID}{what}")
            for what, label, text, secret in (
                (
                    "case",
                    case_word(session.protocol, self.lang),
                    session.case_title,
                    session.case_confidential,
                ),
                ("contract", self.tr("recap.contract"), session.contract, session.contract_confidential),
            )
            if text
        ]
        self.first = len(found) if session.ideas or session.entries else 0
        found += [Option(where(idea.step) + idea_line(idea, self.lang), id=idea.id) for idea in session.ideas]
        for index, entry in enumerate(session.entries):
            form = steps[entry.step].form if entry.step in steps else None
            if form is not None:
                lines = entry_lines(entry, form, self.lang)
                found.append(Option(where(entry.step) + Content("\n").join(lines), id=f"{ENTRY}{index}"))
        return found

    def on_option_list_option_selected(self, _: OptionList.OptionSelected) -> None:
        self.action_edit()

    def _said(self, label: str, text: str, confidential: bool) -> Content:
        lock = "🔒 " if confidential else ""
        return Content.assemble(lock, literal(f"{label}{colon(self.lang)} ", "bold"), literal(text))

    def _entry(self) -> Entry | None:
        session, selected = self.door.session, self.selected
        if session is None or not selected or not selected.startswith(ENTRY):
            return None
        index = int(selected.removeprefix(ENTRY))
        return session.entries[index] if index < len(session.entries) else None

    def action_edit(self) -> None:
        session = self.door.session
        if session is None:
            return
        entry = self._entry()
        if entry is not None:
            self.app.push_screen(EditEntry(session, entry), self._apply)
            return
        if self.selected == f"{SAID}case":
            from peertui.ui.screens.dialogs import ClientForm

            self.app.push_screen(ClientForm(session), self._apply)
            return
        idea = next((i for i in session.ideas if i.id == self.selected), None)
        if idea is not None:
            self.app.push_screen(EditIdea(session, idea), self._apply)

    def action_confidential(self) -> None:
        session, selected = self.door.session, self.selected
        if session is None or not selected or selected.startswith(ENTRY):
            return
        if selected.startswith(SAID):
            what = selected.removeprefix(SAID)
            secret = session.case_confidential if what == "case" else session.contract_confidential
            self.door.act(ev.MarkConfidential(what, not secret))
            return
        self.door.act(ev.ToggleConfidential(selected))

    def action_keep(self) -> None:
        """The idea highlighted, kept in the group's memory (or no longer)."""
        selected = self.selected
        if selected and not selected.startswith((ENTRY, SAID)):
            self.door.act(ev.KeepIdea(selected))

    def action_to_action(self) -> None:
        session, entry = self.door.session, self._entry()
        if session is None:
            return
        if entry is not None:
            step = next(run.step for run in session.runs if run.step.key == entry.step)
            parts = step.form.parts if step.form else ()
            what = " ".join(entry.text(p.key) for p in parts if p.commitment and entry.text(p.key))
            owner = entry.author
        else:
            idea = next((i for i in session.ideas if i.id == self.selected), None)
            if idea is None:
                return
            what, owner = idea.text, idea.author
        self.app.push_screen(ActionForm(session, what, owner=owner), self._apply)

    def action_delete(self) -> None:
        entry, session = self._entry(), self.door.session
        event: ev.Event | None = None
        what = ""
        if entry is not None:
            event, what = ev.DeleteEntry(entry.author, entry.step), entry.author
        elif self.selected and not self.selected.startswith(SAID) and session is not None:
            event = ev.DeleteIdea(self.selected)
            what = next((i.text for i in session.ideas if i.id == self.selected), "")
        if event is not None:  # the question names what goes: a cursor may have moved
            question = self.tr("ui.delete_what", what=what[:80])
            self.app.push_screen(ConfirmScreen(question), on_yes(self.door, event))

    def _apply(self, event: ev.Event | None) -> None:
        if event is not None:
            self.door.act(event)


class EditEntry(Dialog[ev.EditEntry]):
    """A person's whole entry in a form, a line a part; Enter on the last line (or ctrl+s)
    saves, a part left empty is cleared."""

    BINDINGS = [Binding("ctrl+s", "save", show=False)]

    def __init__(self, session: Session, entry: Entry) -> None:
        super().__init__()
        self.session = session
        self.entry = entry
        step = next(run.step for run in session.runs if run.step.key == entry.step)
        assert step.form is not None, "an entry belongs to a step with a form"
        self.form = step.form

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            author = self.entry.author or self.tr("recap.group")
            yield Static(literal(f"{self.form.name(self.lang)} · {author}", "bold"))
            for part in self.form.parts:
                yield Label(literal(part.name(self.lang)))
                yield TextLine(
                    self.entry.text(part.key), id=f"part-{part.key}", placeholder=part.prompt(self.lang)
                )
            yield Static(literal(self.tr("ui.entry_keys"), "$text-muted"))
            yield Static(id="form-error")

    def on_input_submitted(self, message: Input.Submitted) -> None:
        if message.input.id == f"part-{self.form.parts[-1].key}":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        parts = tuple((p.key, self.query_one(f"#part-{p.key}", Input).value) for p in self.form.parts)
        event = ev.EditEntry(self.entry.author, self.entry.step, parts)
        problem = self.door.refusal(event)
        if problem:
            self.say(problem)
            return
        self.dismiss(event)


class EditIdea(Dialog[ev.EditIdea]):
    BINDINGS = [Binding("ctrl+s", "save", show=False)]  # as in every other form

    def __init__(self, session: Session, idea: Idea) -> None:
        super().__init__()
        self.session = session
        self.idea = idea

    def compose(self) -> ComposeResult:
        people = choices(self.session.present)
        with Vertical(classes="dialog form"):
            yield Static(literal(self.tr("ui.edit_idea"), "bold"))
            yield Label(self.tr("ui.author"))
            yield Select(
                people, value=self.idea.author or Select.NULL, id="author", prompt=self.tr("ui.select_prompt")
            )
            yield TextLine(self.idea.text, id="text")
            yield Static(literal(self.tr("ui.edit_idea_keys"), "$text-muted"))
            yield Static(id="form-error")

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        chosen = self.query_one("#author", Select).value
        text = self.query_one("#text", Input).value
        event = ev.EditIdea(self.idea.id, text, None if chosen is Select.NULL else str(chosen))
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
    KEYS = (("keyname.enter", "ui.edit"), ("d", "ui.delete"), ("keyname.esc", "ui.back"))

    def options(self, session: Session) -> list[Option]:
        return [
            Option(
                literal(
                    f"{a.owner} · {a.what}" + (f" ({format_short_date(a.due, self.lang)})" if a.due else "")
                ),
                id=a.id,
            )
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
        action_id, session = self.selected, self.door.session
        if action_id and session is not None:
            what = next((a.what for a in session.actions if a.id == action_id), "")
            question = self.tr("ui.delete_what", what=what[:80])
            self.app.push_screen(ConfirmScreen(question), on_yes(self.door, ev.DeleteAction(action_id)))

    def _apply(self, event: ev.Event | None) -> None:
        if event is not None:
            self.door.act(event)
