"""Small modal dialogs: confirm, choose one, and the forms for an action, the client, durations.

A form dismisses with the core event to apply (its time is stamped by the App),
or None when cancelled with Escape.
"""

from __future__ import annotations

from datetime import date, datetime

from textual import on
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from peertui.core import events as ev
from peertui.core.dates import DueDateError, parse_due
from peertui.core.i18n import t
from peertui.core.session import Session
from peertui.ui.text import choices, literal
from peertui.ui.widgets.text_line import TextLine


class Dialog(ModalScreen):
    DEFAULT_CSS = """
        Dialog { align: center middle; }
        .dialog {
            width: 70;
            max-width: 95%;
            height: auto;
            max-height: 90%;
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

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self._answered = False

    def tr(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def dismiss(self, result: object = None) -> AwaitComplete:
        """The result is taken once, and only while this dialog is on top: Textual's own
        dismiss pops whatever screen is on top, the session screen itself after a second
        Enter."""
        if self._answered or self.app.screen is not self:
            return AwaitComplete.nothing()
        self._answered = True
        return super().dismiss(result)

    def error(self, key: str, /, **params: object) -> None:
        self.query_one("#form-error", Static).update(literal(self.tr(key, **params), "$error"))


class ConfirmScreen(Dialog):
    BINDINGS = [Binding("y,o", "answer(True)", show=False), Binding("n", "answer(False)", show=False)]

    def __init__(self, question: str, lang: str) -> None:
        super().__init__(lang)
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self.question))
            with Horizontal(classes="buttons"):
                yield Button(self.tr("ui.yes"), id="yes", variant="error")
                yield Button(self.tr("ui.no"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # the safe answer is the default

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class ChooseScreen(Dialog):
    """Pick one of (label, value): arrows and Enter, or Escape."""

    def __init__(self, title: str, choices: list[tuple[str, str]], lang: str) -> None:
        super().__init__(lang)
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
        self.dismiss(self.choices[int(event.option.id)][1])


class InfoScreen(Dialog):
    """Text to read, as it is (monospaced tables stay aligned); Escape or Enter closes."""

    BINDINGS = [Binding("enter,q", "cancel", show=False)]

    def __init__(self, title: str, text: str, lang: str) -> None:
        super().__init__(lang)
        self.title_text, self.text = title, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog info"):
            yield Static(literal(self.title_text, "bold"))
            with VerticalScroll():
                yield Static(literal(self.text))


def _people(session: Session) -> list[tuple[Content, str]]:
    return choices(name for name in session.present if name != session.facilitator)


class ActionForm(Dialog):
    """Who does what, by when. Enter in the last field saves."""

    BINDINGS = [Binding("ctrl+s", "save", show=False)]

    def __init__(self, session: Session, lang: str, what: str, now: float, action=None) -> None:
        super().__init__(lang)
        self.session = session
        self.what = what
        self.today = datetime.fromtimestamp(now).date()
        self.action = action

    def compose(self) -> ComposeResult:
        owner = self.action.owner if self.action else (self.session.client or self.session.speaker)
        due = self.action.due.isoformat() if self.action and self.action.due else ""
        with Vertical(classes="dialog form"):
            yield Static(literal(self.tr("ui.action_title"), "bold"))
            yield Label(self.tr("recap.owner"))
            yield Select(_people(self.session), value=owner or Select.NULL, id="owner", allow_blank=not owner)
            yield Label(self.tr("recap.what"))
            yield TextLine(self.action.what if self.action else self.what, id="what")
            yield Label(self.tr("ui.due_label"))
            yield TextLine(due, id="due", placeholder="+2w, 15/12, 2026-12-15, next month")
            yield Static(id="due-preview")
            yield Static(id="form-error")

    def on_mount(self) -> None:
        self.query_one("#what" if not self.what else "#due", Input).focus()

    @on(Input.Changed, "#due")
    def _preview(self, event: Input.Changed) -> None:
        try:
            due = parse_due(event.value, self.today)
        except DueDateError:
            text = self.tr("ui.due_unknown")
        else:
            text = due.isoformat() if due else ""
        self.query_one("#due-preview", Static).update(literal(text, "$text-muted"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "what":
            self.query_one("#due", Input).focus()
        else:
            self.action_save()

    def action_save(self) -> None:
        owner = self.query_one("#owner", Select).value
        what = self.query_one("#what", Input).value
        try:
            due: date | None = parse_due(self.query_one("#due", Input).value, self.today)
        except DueDateError as error:
            self.query_one("#form-error", Static).update(literal(str(error), "$error"))
            return
        if owner is Select.NULL:
            self.error("refused.owner_needed")
            return
        if not what.strip():
            self.error("refused.empty_text")
            return
        if self.action:
            self.dismiss(ev.EditAction(0.0, self.action.id, what, str(owner), due))
        else:
            self.dismiss(ev.AddAction(0.0, what, str(owner), due))


class ClientForm(Dialog):
    BINDINGS = [Binding("ctrl+s", "save", show=False)]

    def __init__(self, session: Session, lang: str) -> None:
        super().__init__(lang)
        self.session = session

    def compose(self) -> ComposeResult:
        people = _people(self.session)
        with Vertical(classes="dialog form"):
            yield Static(literal(self.tr("ui.client_title"), "bold"))
            yield Label(self.tr("recap.client"))
            yield Select(people, value=self.session.client or Select.NULL, id="client")
            yield Label(self.tr("recap.case"))
            yield TextLine(self.session.case_title, id="case")
            yield Static(id="form-error")

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        client = self.query_one("#client", Select).value
        if client is Select.NULL:
            self.error("refused.client_needed")
            return
        self.dismiss(ev.SetClient(0.0, str(client), self.query_one("#case", Input).value))


class DurationsForm(Dialog):
    """The planned minutes of every step; Enter saves them all."""

    BINDINGS = [Binding("ctrl+s", "save", show=False)]

    def __init__(self, session: Session, lang: str) -> None:
        super().__init__(lang)
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
        events = []
        for run in self.session.runs:
            value = self.query_one(f"#minutes-{run.step.key}", Input).value
            try:
                minutes = float(value)
            except ValueError:
                self.error("ui.minutes_needed", step=run.step.name(self.lang))
                return
            if not 0 < minutes <= 600:
                self.error("refused.bad_minutes")
                return
            if minutes * 60 != run.timer.planned:
                events.append(ev.SetStepMinutes(0.0, run.step.key, minutes))
        self.dismiss(events)
