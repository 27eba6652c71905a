"""A new session: the protocol, the client and the case, who is here, the step durations."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Checkbox, Footer, Input, Label, Select, SelectionList, Static

from peertui.core import roles
from peertui.core.model import Group
from peertui.core.protocol import Protocol, Step
from peertui.core.session import Refused, step_minutes
from peertui.ui.screens.base import PeerScreen
from peertui.ui.text import choices, literal
from peertui.ui.widgets.text_line import TextLine
from peertui.ui.widgets.ticks import Tick, TickList


class StartScreen(PeerScreen[None]):
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
        #steps .keep { width: 5; min-width: 5; padding: 0; border: none; }
        #protocol-summary { margin: 0 0 0 12; height: auto; }
        #start-total { color: $text-muted; }
        #next-clients { display: none; height: auto; margin: -1 0 1 12; }
    """

    BINDINGS = [
        Binding("ctrl+s", "start", "key.start"),
        Binding("ctrl+up", "move(-1)", "key.step_up", show=False),
        Binding("ctrl+down", "move(1)", "key.step_down", show=False),
        Binding("f1", "help", "key.help"),
        Binding("escape", "back", "ui.back"),
    ]
    AUTO_FOCUS = "#protocol"

    def __init__(self, group: Group, protocol: str | None = None) -> None:
        super().__init__()
        self.group = group
        self.chosen = protocol  # --protocol KEY: the one to show first
        self._order: list[str] = []  # the steps' keys, in the order they will run
        self._shown = ""  # the protocol whose steps are listed
        self._waiting = False  # whether "Not yet client: ..." is worth saying

    def action_help(self) -> None:
        from peertui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.keys_and_words(), self.tr("ui.help_start")))

    def compose(self) -> ComposeResult:
        door = self.door
        protocols = [(p.name(door.lang), key) for key, p in door.protocols.items()]
        people = choices(n for n in self.group.names if n != self.group.facilitator)
        with Vertical(id="start"):
            yield Static(literal(self.tr("ui.start_title", group=self.group.name), "bold"), id="start-title")
            with Horizontal(classes="field"):
                yield Label(self.tr("recap.protocol"))
                yield Select(
                    protocols,
                    value=self.chosen if self.chosen in door.protocols else next(iter(door.protocols)),
                    allow_blank=False,
                    id="protocol",
                    compact=True,
                )
            yield Static(id="protocol-summary")
            with Horizontal(classes="field", id="client-field"):
                yield Label(self.tr("recap.client"), id="client-label")
                yield Select(people, id="client", prompt=self.tr("ui.client_now"), compact=True)
            yield Static(id="next-clients")
            with Horizontal(classes="field", id="case-field"):
                yield Label(self.tr("recap.case"), id="case-label")
                yield TextLine(id="case", compact=True)
            with Horizontal(id="start-lists"):
                present = TickList[str](*((*c, True) for c in choices(self.group.names)), id="present")
                present.border_title = self.tr("recap.present")
                yield present
                steps = VerticalScroll(id="steps")
                steps.border_title = self.tr("ui.durations_title")
                yield steps
            yield Static(id="start-total")
            yield Static(id="form-error")
        yield Footer()

    async def on_mount(self) -> None:
        await self._show_steps()
        # The first field has the focus whatever the terminal says of its own focus: Tab
        # goes on from there.
        self.query_one("#protocol", Select).focus()
        cycle = self.door.cycle_of(self.group, with_actions=False)
        waiting = cycle.not_yet_client
        if waiting and len(waiting) < len(cycle.members):  # worth saying once the cycle has begun
            hint = self.query_one("#next-clients", Static)
            hint.update(literal(self.tr("ui.next_clients", names=", ".join(waiting)), "$text-muted"))
            self._waiting = True
            hint.display = self.protocol.has_client

    def action_back(self) -> None:
        """Home, this group highlighted (not the first of the list)."""
        self.door.leave_session(self.group.name)

    @property
    def protocol(self) -> Protocol:
        return self.door.protocols[str(self.query_one("#protocol", Select).value)]

    @on(Select.Changed, "#protocol")
    async def _protocol_changed(self) -> None:
        if self.is_mounted and self.protocol.key != self._shown:
            await self._show_steps()

    async def _show_steps(self) -> None:
        """The protocol's steps, each to keep or leave out (Space), move (ctrl+↑ ↓), and
        time; what it is for, and what the one at its centre is called."""
        protocol, lang = self.protocol, self.door.lang
        self._shown = protocol.key
        self._order = [step.key for step in protocol.steps]
        summary = self.query_one("#protocol-summary", Static)
        summary.update(literal(protocol.summary(lang), "italic $text-muted"))
        summary.display = bool(protocol.summary(lang))
        self._show_client(protocol)
        steps = self.query_one("#steps", VerticalScroll)
        await steps.remove_children()  # gone before the new rows come: they share ids
        await steps.mount_all(self._row(step) for step in protocol.steps)
        self._show_total()

    def _show_client(self, protocol: Protocol) -> None:
        """The one at the centre and what they bring, in the protocol's words; when to
        choose them (now, or at the step that does); neither for a format without them."""
        words = roles.words(protocol, self.door.lang)
        self.query_one("#client-label", Label).update(literal(words["client"]))
        self.query_one("#case-label", Label).update(literal(words["case"]))
        self.query_one("#case", Input).placeholder = self.tr("ui.case_hint", **words)
        later = protocol.client_step
        select = self.query_one("#client", Select)
        if later is not None:
            select.prompt = self.tr("ui.client_later", step=later.name(self.door.lang))
        else:
            select.prompt = self.tr("ui.client_now")
        for field in ("#client-field", "#case-field"):
            self.query_one(field).display = protocol.has_client
        self.query_one("#next-clients").display = protocol.has_client and self._waiting

    def _row(self, step: Step) -> Horizontal:
        return Horizontal(
            Tick("", True, id=f"keep-{step.key}", compact=True, classes="keep"),
            Label(literal(step.name(self.door.lang))),
            Input(
                f"{step.minutes:g}", type="number", id=f"minutes-{step.key}", classes="minutes", compact=True
            ),
            classes="duration",
            id=f"row-{step.key}",
        )

    def _focused_step(self) -> str | None:
        focused = self.focused
        for prefix in ("keep-", "minutes-"):
            if focused is not None and focused.id and focused.id.startswith(prefix):
                return focused.id.removeprefix(prefix)
        return None

    def action_move(self, offset: int) -> None:
        """The step whose row has the focus goes up or down the order."""
        key = self._focused_step()
        if key is None:
            return
        index = self._order.index(key)
        target = max(0, min(len(self._order) - 1, index + offset))
        if target == index:
            return
        self._order.insert(target, self._order.pop(index))
        row = self.query_one(f"#row-{key}", Horizontal)
        steps = self.query_one("#steps", VerticalScroll)
        neighbour = (
            self.query_one(f"#row-{self._order[target + 1]}") if target + 1 < len(self._order) else None
        )
        if neighbour is not None:
            steps.move_child(row, before=neighbour)
        else:
            steps.move_child(row, after=steps.children[-1])

    @on(Checkbox.Changed, ".keep")
    def _kept_changed(self) -> None:
        self._show_total()

    def _kept(self) -> tuple[str, ...]:
        """The steps kept, in their order."""
        kept = []
        for key in self._order:
            box = next(self.query(f"#keep-{key}").results(Checkbox), None)
            if box is None or box.value:
                kept.append(key)
        return tuple(kept)

    @on(Input.Changed, ".minutes")
    def _show_total(self) -> None:
        minutes = self._minutes()
        total = sum(minutes.values()) if minutes is not None else 0
        text = self.tr("ui.total", minutes=f"{total:g}") if minutes is not None else ""
        self.query_one("#start-total", Static).update(literal(text, "$text-muted"))

    def _minutes(self) -> dict[str, float] | None:
        """Each step's minutes as typed, if every one is a duration the core takes."""
        found = {}
        kept = self._kept()
        for step in self.protocol.steps:
            if step.key not in kept:
                continue
            widget = next(self.query(f"#minutes-{step.key}").results(Input), None)
            if widget is None:
                return None
            try:
                found[step.key] = step_minutes(widget.value)
            except Refused:
                return None
        return found

    @on(Input.Submitted)
    def action_start(self) -> None:
        error = self.query_one("#form-error", Static)
        minutes = self._minutes()
        if minutes is None:
            error.update(literal(self.tr("refused.bad_minutes"), "$error"))
            return
        has_client = self.protocol.has_client  # hidden fields say nothing for a format without
        client = self.query_one("#client", Select).value if has_client else Select.NULL
        checked = self.query_one("#present", SelectionList).selected
        problem = self.door.start_session(
            self.group,
            self.protocol.with_minutes(minutes).only(self._kept()),
            "" if client is Select.NULL else str(client),
            self.query_one("#case", Input).value if has_client else "",
            tuple(name for name in self.group.names if name in checked),
        )
        if problem:  # the core's reason, or the store's
            error.update(literal(problem, "$error"))
            if has_client and client is Select.NULL and self.protocol.needs_client:
                self.query_one("#client", Select).focus()  # where the message points
