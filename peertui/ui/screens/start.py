"""A new session: the protocol, the client and the case, who is here, the step durations."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Select, SelectionList, Static

from peertui.core.model import Group
from peertui.core.protocol import Capture, Protocol
from peertui.ui.keys import translate_bindings
from peertui.ui.text import choices, literal
from peertui.ui.widgets.text_line import TextLine


class StartScreen(Screen[None]):
    DEFAULT_CSS = """
        #start { padding: 0 1; }
        #start-title { margin-bottom: 1; }
        #start-lists { height: 1fr; min-height: 6; }
        #present { width: 2fr; height: 1fr; border: round $primary 50%; }
        #steps { width: 3fr; height: 1fr; border: round $primary 50%; padding: 0 1; }
        #steps .duration { height: 1; }
        #steps .duration Label { width: 1fr; }
        #steps .duration Label { padding: 0 1 0 0; }
        #steps .minutes { width: 6; }
        #start-total { color: $text-muted; }
        #next-clients { display: none; height: auto; margin: -1 0 1 12; }
    """

    BINDINGS = [
        Binding("ctrl+s", "start", "key.start"),
        Binding("escape", "app.pop_screen", "ui.back"),
    ]
    AUTO_FOCUS = "#protocol"

    def __init__(self, group: Group) -> None:
        super().__init__()
        self.group = group

    def tr(self, key: str, /, **params: object) -> str:
        return self.app.tr(key, **params)

    def compose(self) -> ComposeResult:
        app = self.app
        protocols = [(p.name(app.lang), key) for key, p in app.protocols.items()]
        people = choices(n for n in self.group.names if n != self.group.facilitator)
        with Vertical(id="start"):
            yield Static(literal(self.tr("ui.start_title", group=self.group.name), "bold"), id="start-title")
            with Horizontal(classes="field"):
                yield Label(self.tr("recap.protocol"))
                yield Select(protocols, value=next(iter(app.protocols)), allow_blank=False, id="protocol",
                             compact=True)
            with Horizontal(classes="field"):
                yield Label(self.tr("recap.client"))
                yield Select(people, id="client", prompt=self.tr("ui.client_later"), compact=True)
            yield Static(id="next-clients")
            with Horizontal(classes="field"):
                yield Label(self.tr("recap.case"))
                yield TextLine(id="case", compact=True, placeholder=self.tr("ui.case_hint"))
            with Horizontal(id="start-lists"):
                present = SelectionList[str](*((*c, True) for c in choices(self.group.names)), id="present")
                present.border_title = self.tr("recap.present")
                yield present
                steps = VerticalScroll(id="steps")
                steps.border_title = self.tr("ui.durations_title")
                yield steps
            yield Static(id="start-total")
            yield Static(id="form-error")
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self, self.app.lang)
        self._show_steps()
        from peertui.core.cycle import cycle_of

        store = self.app.store
        cycle = cycle_of(self.group, store.summaries(), ())
        waiting = cycle.not_yet_client
        if waiting and len(waiting) < len(cycle.members):  # worth saying once the cycle has begun
            hint = self.query_one("#next-clients", Static)
            hint.update(literal(self.tr("ui.next_clients", names=", ".join(waiting)), "$text-muted"))
            hint.display = True

    @property
    def protocol(self) -> Protocol:
        return self.app.protocols[str(self.query_one("#protocol", Select).value)]

    @on(Select.Changed, "#protocol")
    def _protocol_changed(self) -> None:
        if self.is_mounted:
            self._show_steps()

    def _show_steps(self) -> None:
        steps = self.query_one("#steps", VerticalScroll)
        steps.remove_children()
        rows = []
        for step in self.protocol.steps:
            rows.append(Horizontal(
                Label(literal(step.name(self.app.lang))),
                Input(f"{step.minutes:g}", type="number", id=f"minutes-{step.key}", classes="minutes",
                      compact=True),
                classes="duration",
            ))
        steps.mount_all(rows)
        self._show_total()

    @on(Input.Changed, ".minutes")
    def _show_total(self) -> None:
        minutes = self._minutes()
        total = sum(minutes.values()) if minutes is not None else 0
        text = self.tr("ui.total", minutes=f"{total:g}") if minutes is not None else ""
        self.query_one("#start-total", Static).update(literal(text, "$text-muted"))

    def _minutes(self) -> dict[str, float] | None:
        found = {}
        for step in self.protocol.steps:
            inputs = self.query(f"#minutes-{step.key}").results(Input)
            widget = next(inputs, None)
            if widget is None:
                return None
            try:
                value = float(widget.value)
            except ValueError:
                return None
            if not 0 < value <= 600:
                return None
            found[step.key] = value
        return found

    @on(Input.Submitted)
    def action_start(self) -> None:
        error = self.query_one("#form-error", Static)
        minutes = self._minutes()
        if minutes is None:
            error.update(literal(self.tr("refused.bad_minutes"), "$error"))
            return
        protocol = self.protocol.with_minutes(minutes)
        client = self.query_one("#client", Select).value
        client = "" if client is Select.NULL else str(client)
        checked = self.query_one("#present", SelectionList).selected
        present = tuple(n for n in self.group.names if n in checked)
        chooses_later = any(Capture.CLIENT in step.captures for step in protocol.steps)
        if protocol.needs_client and not client and not chooses_later:
            error.update(literal(self.tr("refused.client_needed"), "$error"))
            return
        if client and client not in present:
            error.update(literal(self.tr("refused.unknown_person", name=client), "$error"))
            return
        if len(present) < 2:
            error.update(literal(self.tr("ui.too_few_present"), "$error"))
            return
        self.app.start_session(self.group, protocol, client, self.query_one("#case", Input).value, present)
