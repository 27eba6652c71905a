"""Small modal dialogs: confirm, choose one, and the forms for an action, the client, durations.

A form dismisses with the core event to apply (the door stamps its time as it applies
it), or None when cancelled with Escape. A form asks the core whether it would take what
was typed, and shows the core's reason when not: one rule, one place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from peertui.core import events as ev
from peertui.core import roles
from peertui.core.dates import DueDateError, parse_due
from peertui.core.i18n import format_date
from peertui.core.model import Action
from peertui.core.session import Refused, Session, step_minutes
from peertui.ui.screens.base import PeerModal, T
from peertui.ui.text import choices, literal
from peertui.ui.widgets.text_line import TextLine
from peertui.ui.widgets.ticks import Tick


class Dialog(PeerModal[T]):
    DEFAULT_CSS = """
        Dialog { align: center middle; }
        .dialog {
            width: 70;
            max-width: 95%;
            height: auto;
            max-height: 90%;
            overflow-y: auto;  /* on a small terminal, a form scrolls to its last field */
            padding: 1 2;
            background: $surface;
            border: thick $primary;
        }
        .dialog OptionList { height: auto; max-height: 16; }
        .dialog.editor { width: 100; height: 90%; }
        .dialog.editor OptionList { height: 1fr; max-height: 100%; }
        .dialog.help { width: 80; height: 90%; }
        .dialog.info { width: 90; }
        #help-keys { height: 1fr; }
        .buttons { height: auto; margin-top: 1; align-horizontal: right; }
        .buttons Button { margin-left: 1; }
        #form-error { color: $error; height: auto; }
        .duration { height: auto; }
        .duration Label { width: 1fr; padding: 1 1 0 0; }
        .duration .minutes { width: 10; }
        #durations { height: auto; max-height: 16; }
    """

    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self) -> None:
        super().__init__()
        self._answered = False

    @property
    def lang(self) -> str:
        return self.door.lang

    def action_cancel(self) -> None:
        self.dismiss(None)

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        """The result is taken once, and only while this dialog is on top: Textual's own
        dismiss pops whatever screen is on top, the session screen itself after a second
        Enter."""
        if self._answered or self.app.screen is not self:
            return AwaitComplete()  # nothing to wait for
        self._answered = True
        return super().dismiss(result)

    def error(self, key: str, /, **params: object) -> None:
        self.say(self.tr(key, **params))

    def say(self, problem: str) -> None:
        """Why the form cannot be saved yet, under it; empty once it can."""
        self.query_one("#form-error", Static).update(literal(problem, "$error"))


class ConfirmScreen(Dialog[bool]):
    BINDINGS = [Binding("y,o", "answer(True)", show=False), Binding("n", "answer(False)", show=False)]

    def __init__(self, question: str, default_yes: bool = False) -> None:
        super().__init__()
        self.question = question
        self.default_yes = default_yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self.question))
            with Horizontal(classes="buttons"):
                yield Button(self.tr("ui.yes_key"), id="yes", variant="error")
                yield Button(self.tr("ui.no_key"), id="no")

    def on_mount(self) -> None:
        # The safe answer is the default (a deletion); closing, asked for with F10, is Yes.
        self.query_one("#yes" if self.default_yes else "#no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class ChooseScreen(Dialog[str]):
    """Pick one of (label, value): arrows and Enter, or Escape."""

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self.title_text, "bold"))
            options = (Option(literal(label), id=str(i)) for i, (label, _) in enumerate(self.choices))
            yield OptionList(*options)

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[int(event.option.id or 0)][1])


class InfoScreen(Dialog[None]):
    """Text to read, as it is (monospaced tables stay aligned); Escape or Enter closes."""

    BINDINGS = [Binding("enter,q", "cancel", show=False)]

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text, self.text = title, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog info"):
            yield Static(literal(self.title_text, "bold"))
            with VerticalScroll():
                yield Static(literal(self.text))


def due_words(error: DueDateError, tr: Callable[..., str]) -> str:
    """Why a due date is not one, in the screen's language."""
    if error.no_session_dates:
        return tr("ui.no_session_dates", typed=error.typed)
    return tr("ui.not_a_date", typed=error.typed, examples=tr("ui.due_placeholder"))


def _people(session: Session) -> list[tuple[Content, str]]:
    """Who may be named: those present, and the facilitator (who may commit too), last."""
    names = [name for name in session.present if name != session.facilitator]
    return choices([*names, session.facilitator] if session.facilitator else names)


class ActionForm(Dialog[ev.Event]):
    """Who does what, by when. Enter in the last field saves."""

    BINDINGS = [Binding("ctrl+s", "save", show=False)]

    def __init__(self, session: Session, what: str, action: Action | None = None, owner: str = "") -> None:
        super().__init__()
        self.session = session
        self.what = what
        self.action = action
        self.owner = action.owner if action else owner

    @property
    def today(self) -> date:
        return datetime.fromtimestamp(self.door.now()).date()

    def compose(self) -> ComposeResult:
        owner = self.owner or self.session.client or self.session.speaker
        due = self.action.due.isoformat() if self.action and self.action.due else ""
        with Vertical(classes="dialog form"):
            yield Static(literal(self.tr("ui.action_title"), "bold"))
            yield Label(self.tr("recap.owner"))
            yield Select(
                _people(self.session),
                value=owner or Select.NULL,
                id="owner",
                allow_blank=not owner,
                prompt=self.tr("ui.select_prompt"),
            )
            yield Label(self.tr("recap.what"))
            yield TextLine(self.action.what if self.action else self.what, id="what")
            yield Label(self.tr("ui.due_label"))
            yield TextLine(due, id="due", placeholder=self.tr("ui.due_placeholder"))
            yield Static(id="due-preview")
            yield Static(literal(self.tr("ui.action_keys"), "$text-muted"))
            yield Static(id="form-error")

    def on_mount(self) -> None:
        # A new action from typed words goes on to its date; one being corrected, to its words.
        self.query_one("#due" if self.what and not self.action else "#what", Input).focus()

    @on(Input.Changed, "#due")
    def _preview(self, event: Input.Changed) -> None:
        """The date understood, with its weekday (people read "next friday" differently);
        a complaint about the date goes as soon as it is one."""
        try:
            due = parse_due(event.value, self.today, self.session.group.sessions)
        except DueDateError:
            text = self.tr("ui.due_unknown")
        else:
            text = format_date(due, self.lang) if due else ""
            self.say("")
        self.query_one("#due-preview", Static).update(literal(text, "$text-muted"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "what":
            self.query_one("#due", Input).focus()
        else:
            self.action_save()

    def action_save(self) -> None:
        chosen = self.query_one("#owner", Select).value
        owner = None if chosen is Select.NULL else str(chosen)
        what = self.query_one("#what", Input).value
        try:
            due: date | None = parse_due(
                self.query_one("#due", Input).value, self.today, self.session.group.sessions
            )
        except DueDateError as error:
            self.say(due_words(error, self.tr))
            return
        event: ev.Event
        if self.action:
            event = ev.EditAction(self.action.id, what, owner or self.action.owner, due)
        else:
            event = ev.AddAction(what, owner, due)
        problem = self.door.refusal(event)
        if problem:
            self.say(problem)
            return
        self.dismiss(event)


class ClientForm(Dialog[ev.Event]):
    BINDINGS = [Binding("ctrl+s", "save", show=False)]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        # Those present, not the facilitator: who leads is never the client (the core says so).
        people = choices([n for n in self.session.present if n != self.session.facilitator])
        with Vertical(classes="dialog form"):
            words = roles.words(self.session.protocol, self.lang)
            yield Static(literal(self.tr("ui.client_title", **words), "bold"))
            yield Label(words["client"])
            yield Select(
                people,
                value=self.session.client or Select.NULL,
                id="client",
                prompt=self.tr("ui.select_prompt"),
            )
            yield Label(words["case"])
            yield TextLine(self.session.case_title, id="case")
            yield Tick(self.tr("ui.case_confidential"), self.session.case_confidential, id="secret")
            yield Static(id="form-error")

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        client = self.query_one("#client", Select).value
        if client is Select.NULL:
            self.error("refused.client_needed", **roles.words(self.session.protocol, self.lang))
            return
        secret = self.query_one("#secret", Checkbox).value
        event = ev.SetClient(str(client), self.query_one("#case", Input).value, secret)
        problem = self.door.refusal(event)
        if problem:
            self.say(problem)
            return
        self.dismiss(event)


class DurationsForm(Dialog[list[ev.Event]]):
    """The planned minutes of every step; Enter saves them all."""

    BINDINGS = [Binding("ctrl+s", "save", show=False)]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Static(literal(self.tr("ui.durations_title"), "bold"))
            with VerticalScroll(id="durations"):
                for run in self.session.runs:
                    with Horizontal(classes="duration"):
                        yield Label(literal(run.step.name(self.lang)))
                        minutes = f"{run.timer.planned / 60:g}"
                        yield Input(minutes, id=f"minutes-{run.step.key}", type="number", classes="minutes")
            yield Static(id="form-error")

    def on_mount(self) -> None:
        # The first step's minutes, not the scrolling list around them: typing changes them.
        self.query(".minutes").first(Input).focus()

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        events: list[ev.Event] = []
        for run in self.session.runs:
            value = self.query_one(f"#minutes-{run.step.key}", Input).value
            try:
                minutes = step_minutes(value)
            except Refused:
                self.error("ui.minutes_needed", step=run.step.name(self.lang))
                return
            if minutes * 60 != run.timer.planned:
                events.append(ev.SetStepMinutes(run.step.key, minutes))
        self.dismiss(events)
