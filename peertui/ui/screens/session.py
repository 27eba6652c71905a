"""The live session: the step and its clock, the speakers, the ideas, the capture line.

The capture line keeps the focus: the facilitator types as people speak and
acts with keys that typing leaves alone (ui/keys.py).
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Footer, Input, Static

from peertui import collector
from peertui.core import events as ev
from peertui.core import targets
from peertui.core.i18n import colon, format_time, tn
from peertui.core.protocol import Speakers
from peertui.core.roles import client_word
from peertui.core.session import Refused, Session, kept_silent
from peertui.core.sharing import confidential_mark, toggle_mark
from peertui.core.turns import Order
from peertui.ui.keys import GLOBAL_KEYS, SESSION_COMMANDS, SESSION_KEYS, bindings
from peertui.ui.screens.base import PeerScreen, on_yes
from peertui.ui.text import literal, refresh_if_changed, short
from peertui.ui.widgets.capture_bar import CaptureBar
from peertui.ui.widgets.idea_log import IdeaLog
from peertui.ui.widgets.projector import ProjectorView
from peertui.ui.widgets.speakers import SpeakerQueue
from peertui.ui.widgets.step_panel import StepPanel
from peertui.ui.widgets.text_line import CaptureLine


class SessionScreen(PeerScreen[None]):
    DEFAULT_CSS = """
        #top-bar {
            height: 1;
            background: $panel;
            color: $foreground;
            padding: 0 1;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }

        /* The step and its clock ------------------------------------------------- */

        #step-panel {
            height: auto;
            padding: 0 1;
            border-bottom: solid $primary 50%;
        }
        #step-title { text-wrap: nowrap; text-overflow: ellipsis; }
        #step-rules { color: $text-muted; max-height: 3; }
        #clock { height: 1; }
        #clock Static { width: auto; text-wrap: nowrap; }
        #speaker-name { max-width: 40; text-overflow: ellipsis; }
        #budget { color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }

        /* The speakers and the ideas ---------------------------------------------- */

        #session-body { height: 1fr; }
        #speakers {
            width: 30%;
            height: 100%;
            min-width: 26;
            max-width: 40;
            padding: 0 1;
            border-right: solid $primary 30%;
            overflow-y: auto;
        }
        #idea-log { width: 1fr; padding: 0 1; }

        #capture-bar {
            height: 3;
            dock: bottom;
            margin-bottom: 1;
        }
        #capture-target {
            width: auto;
            max-width: 40%;
            padding: 1 1 0 1;
            color: $accent;
            text-wrap: nowrap;
            text-overflow: ellipsis;
        }
        #capture { width: 1fr; }

        #projector { display: none; height: 1fr; padding: 0 2; }
        SessionScreen.-projector #projector { display: block; }
        SessionScreen.-projector #step-panel, SessionScreen.-projector #session-body { display: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(SESSION_KEYS)
    AUTO_FOCUS = "#capture"

    def __init__(self) -> None:
        super().__init__()
        self._target = 0  # index in the step's capture targets
        self._turn: tuple[str, str] = ("", "")  # the step and speaker the target was chosen for

    def compose(self) -> ComposeResult:
        yield Static(id="top-bar")
        yield StepPanel(id="step-panel")
        with Horizontal(id="session-body"):
            yield SpeakerQueue(id="speakers")
            yield IdeaLog(id="idea-log")
        yield ProjectorView(id="projector")
        yield CaptureBar(id="capture-bar")
        yield Footer(show_command_palette=False)  # room for the keys; F1 says ^P

    def on_mount(self) -> None:
        self.query_one("#capture", Input).value = self.door.draft()
        self.watch(self.app, "session", self._show)
        self.set_interval(1.0, self._tick)
        self.call_after_refresh(collector.settle)  # a quiet moment: the facilitator just started

    @property
    def session(self) -> Session:
        session = self.door.session
        assert session is not None, "the session screen shows a running session"
        return session

    @property
    def lang(self) -> str:
        return self.door.lang

    # Showing ------------------------------------------------------------------

    def _show(self, session: Session | None) -> None:
        if session is None or not self.is_attached:
            return
        now = self.door.now()
        turn = (session.step.key, session.speaker)
        if turn != self._turn:  # a new step or a new speaker: the step's first kind again
            self._turn, self._target = turn, 0
        self._show_top_bar(session)
        self.query_one(StepPanel).show(session, now, self.lang)
        self.query_one(SpeakerQueue).show(session, self.lang)
        self.query_one(IdeaLog).show(session, self.lang, self.door.carried)
        if self.projecting:
            self.query_one(ProjectorView).show(session, now, self.lang)
        self._show_target()

    def _show_top_bar(self, session: Session) -> None:
        """The group, the protocol, the client and the case; first, while nothing reaches the
        disk, since when (in words and a sign, not a colour alone)."""
        top = f"peertui · {session.group.name} · {session.protocol.name(self.lang)}"
        if session.client and not self.projecting:  # the room sees only the group
            top += f" · {client_word(session.protocol, self.lang)}{colon(self.lang)} {session.client}"
        if session.case_title and not self.projecting:
            top += f" — {'🔒 ' if session.case_confidential else ''}{session.case_title}"
        bar = self.query_one("#top-bar", Static)
        since = self.door.unsaved_since
        if since is not None:
            when = format_time(datetime.fromtimestamp(since), self.lang)
            warning = (f"⚠ {self.tr('ui.unsaved', since=when)} ", "bold reverse $error")
            refresh_if_changed(bar, Content.assemble(warning, literal(top)))
        else:
            refresh_if_changed(bar, literal(top))

    def _tick(self) -> None:
        """Once a second: the clock and the current speaker's time, nothing else."""
        session = self.door.session
        if session is None or session.closed or not self.is_attached:
            return
        self._show_top_bar(session)  # unchanged, it costs nothing on the wire
        now = self.door.now()
        if self.projecting:
            self.query_one(ProjectorView).show_time(self.session, now, self.lang)
            return
        self.query_one(StepPanel).show_time(self.session, now, self.lang)

    @property
    def projecting(self) -> bool:
        return self.has_class("-projector")

    def action_projector(self) -> None:
        """The room's view; the capture line stays, but what is typed shows as dots."""
        self.toggle_class("-projector")
        self.query_one("#capture", Input).password = self.projecting
        self._show(self.session)

    @property
    def targets(self) -> tuple[str, ...]:
        return targets.targets(self.session.step)

    @property
    def target(self) -> str:
        return self.targets[self._target % len(self.targets)]

    def _show_target(self) -> None:
        session, target = self.session, self.target
        part = targets.form_part(session.step, target)
        label = part.name(self.lang) if part else self.tr(f"target.{target}")
        author = default_owner(session) if target == targets.ACTION else session.speaker
        prompt = part.prompt(self.lang) if part else ""
        if target == targets.AGREEMENT:  # Enter alone saves here: the empty line says so
            prompt = (
                self.tr("ui.agreement_hint", name=session.speaker)
                if session.speaker
                else self.tr("ui.agreement_hint_nobody")
            )
        self.query_one(CaptureBar).show(label, author, self.lang, prompt)

    # Capture ------------------------------------------------------------------

    def on_input_changed(self, message: Input.Changed) -> None:
        if message.input.id == "capture":
            self.door.keep_draft(message.value)
            self.query_one(CaptureBar).mark_confidential(confidential_mark(message.value)[1])

    def on_input_submitted(self, message: Input.Submitted) -> None:
        if message.input.id != "capture":
            return
        if self._save(message.value):
            line = message.input
            # Keys typed after the Enter (were any to arrive before this) stay on the line.
            line.value = line.value.removeprefix(message.value)
            if not confidential_mark(message.value)[1]:  # a "!" line went to a note, not the part
                self._to_next_part()

    def _to_next_part(self) -> None:
        """After one part of a form (the 4 A's appreciation), Enter goes on to the next:
        a person answers them in turn, and a second Enter must not overwrite the first."""
        if not self.target.startswith(targets.PART):
            return
        following = self._target + 1
        if following < len(self.targets) and self.targets[following].startswith(targets.PART):
            self._target = following
            self._show_target()

    def on_capture_line_lines(self, message: CaptureLine.Lines) -> None:
        """A paste of several lines: one idea a line, in order. Where Enter saves one thing
        (the contract, one of the 4 A, an action), the lines are joined on the line instead."""
        line = message.capture
        if self.target not in self.session.step.idea_kinds:
            line.value = " ".join(part.strip() for part in (*message.lines, message.rest) if part.strip())
            line.cursor_position = len(line.value)
            return
        saved = 0
        with self.app.batch_update():  # drawn once, not once a line (400 lines: 10 s)
            for index, text in enumerate(message.lines):
                if not text.strip():
                    continue
                if not self._save(text):  # said why; this line and the rest wait on the line
                    left = (*message.lines[index:], message.rest)
                    line.value = " ".join(part.strip() for part in left if part.strip())
                    return
                saved += 1
        line.value = message.rest
        line.cursor_position = len(message.rest)
        if saved > 1:
            self.notify(self.tr("ui.pasted_ideas", count=saved), markup=False)

    def _save(self, text: str) -> bool:
        """Save `text` as the current target; False (and the reason said) if refused."""
        if not text.strip() and not targets.takes_an_empty_line(self.target):
            return False
        if self.target == targets.ACTION:
            return self._action_form(text)
        try:
            event = targets.capture_event(self.session, self.target, text)
        except Refused as refused:
            self.notify(
                self.tr(f"refused.{refused.code}", **refused.params), severity="warning", markup=False
            )
            return False
        return self.door.act(event)

    def action_next_target(self) -> None:
        self._target = (self._target + 1) % len(self.targets)
        self._show_target()

    def action_previous_target(self) -> None:
        self._target = (self._target - 1) % len(self.targets)
        self._show_target()

    # Steps, time and turns ----------------------------------------------------

    def action_next_step(self) -> None:
        self.door.act(ev.NextStep())

    def action_previous_step(self) -> None:
        self.door.act(ev.PreviousStep())

    def action_keep_idea(self) -> None:
        """The last idea said, kept in the group's memory (or no longer)."""
        if self.door.act(ev.KeepIdea()):
            idea = self.session.ideas[-1]
            key = "ui.kept" if idea.kept else "ui.not_kept"
            self.notify(self.tr(key, text=short(idea.text, 60)), markup=False)

    def action_known(self) -> None:
        """What the group already knows of this case's themes (#tags in its title)."""
        from peertui.ui.screens.knowledge import KnownDialog

        session = self.session
        self.app.push_screen(KnownDialog(session.group.name, session.case_title, session.id))

    def action_next_case(self) -> None:
        """A second case in the half-day: asked first, as it adds the steps again."""
        from peertui.ui.screens.dialogs import ConfirmScreen

        question = self.tr("ui.next_case_confirm", client=self.session.client or "—")
        self.app.push_screen(ConfirmScreen(question, default_yes=True), on_yes(self.door, ev.NextCase()))

    def action_confidential(self) -> None:
        """The line, confidential or no longer: a `!` put at its start, or taken away."""
        line = self.query_one("#capture", Input)
        line.value = toggle_mark(line.value)
        line.cursor_position = len(line.value)

    def action_toggle_timer(self) -> None:
        self.door.act(ev.ResumeTimer() if self.session.paused else ev.PauseTimer())

    def action_shorten(self) -> None:
        self.door.act(ev.ShortenRemaining())

    def action_next_speaker(self) -> None:
        self.door.act(ev.NextSpeaker())

    def action_pass_turn(self) -> None:
        self.door.act(ev.PassTurn())

    def action_later(self) -> None:
        self.door.act(ev.SkipSpeaker())

    def action_give_floor(self) -> None:
        from peertui.ui.screens.dialogs import ChooseScreen

        names = [n for n in self.session.present if n != self.session.facilitator]
        self.app.push_screen(
            ChooseScreen(self.tr("ui.give_floor_title"), [(n, n) for n in names]),
            self._give_floor,
        )

    def _give_floor(self, name: str | None) -> None:
        """The floor to `name`; asked first if the step's rule keeps them silent."""
        from peertui.ui.screens.dialogs import ConfirmScreen

        if not name:
            return
        if not kept_silent(self.session, name):
            self.door.act(ev.ChooseSpeaker(name))
            return
        rules = " ".join(self.session.step.rules(self.lang))
        question = self.tr("ui.floor_against_rule", name=name, rules=rules)
        self.app.push_screen(ConfirmScreen(question), on_yes(self.door, ev.ChooseSpeaker(name)))

    def action_round_order(self) -> None:
        from peertui.ui.screens.dialogs import ChooseScreen

        choices = [(self.tr(f"ui.order_{order}"), order.value) for order in Order]
        self.app.push_screen(ChooseScreen(self.tr("ui.order_title"), choices), self._set_order)

    def _set_order(self, order: str | None) -> None:
        if order:
            seed = int(self.door.now() * 1000) % 2**31  # a new draw each time, kept in the session
            self.door.act(ev.SetOrder(Order(order), seed))

    # Forms --------------------------------------------------------------------

    def action_add_action(self) -> None:
        """The line becomes an action; an empty line, in a step with a form, the speaker's
        commitment (what they will apply), theirs to own."""
        line = self.query_one("#capture", Input)
        text = line.value or commitment_of(self.session, self.session.speaker)
        if self._action_form(text):
            line.value = ""

    def _action_form(self, text: str) -> bool:
        """The action form, with `@name` at the start naming its owner; False if that name
        is nobody's (said)."""
        from peertui.ui.screens.dialogs import ActionForm

        try:
            owner, what = targets.split_mention(self.session, text)
        except Refused as refused:
            self.notify(
                self.tr(f"refused.{refused.code}", **refused.params), severity="warning", markup=False
            )
            return False
        self.app.push_screen(
            ActionForm(self.session, what, owner=owner or default_owner(self.session)), self._act
        )
        return True

    def action_client(self) -> None:
        from peertui.ui.screens.dialogs import ClientForm

        if not self.session.protocol.has_client:  # nobody at the centre: nothing to choose
            protocol = self.session.protocol.name(self.lang)
            self.notify(self.tr("ui.no_client_here", protocol=protocol), severity="warning", markup=False)
            return
        self.app.push_screen(ClientForm(self.session), self._act)

    def action_durations(self) -> None:
        from peertui.ui.screens.dialogs import DurationsForm

        self.app.push_screen(DurationsForm(self.session), self._act_all)

    def action_charter(self) -> None:
        """F8: the group's rules, in any session (the kick-off records who agreed)."""
        from peertui.ui.screens.dialogs import InfoScreen

        session = self.session
        rules = [f"{n}. {rule}" for n, rule in enumerate(session.group.charter, start=1)]
        if not rules:
            rules = [self.tr("ui.no_charter_yet")]
        elif session.agreed:
            rules += ["", f"{self.tr('recap.agreed')}{colon(self.lang)} {', '.join(session.agreed)}"]
        title = f"{self.tr('recap.charter')} · {session.group.name}"
        self.app.push_screen(InfoScreen(title, "\n".join(rules)))

    def action_ideas(self) -> None:
        from peertui.ui.screens.editors import IdeasScreen

        self.app.push_screen(IdeasScreen())

    def action_follow_up(self) -> None:
        from peertui.ui.screens.followup import FollowUpScreen

        self.app.push_screen(FollowUpScreen(self.session.queue.current))

    def action_actions(self) -> None:
        from peertui.ui.screens.editors import ActionsScreen

        self.app.push_screen(ActionsScreen())

    def action_close_session(self) -> None:
        from peertui.ui.screens.dialogs import ConfirmScreen

        session = self.session
        shared = [idea for idea in session.ideas if not idea.confidential]
        question = self.tr("ui.close_confirm", ideas=len(shared), actions=len(session.actions))
        if len(shared) < len(session.ideas):
            question += " " + tn("ui.close_confidential", len(session.ideas) - len(shared), self.lang)
        self.app.push_screen(ConfirmScreen(question, default_yes=True), on_yes(self.door, ev.CloseSession()))

    def action_help(self) -> None:
        from peertui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def _act(self, event: ev.Event | None) -> None:
        if event is not None:
            self.door.act(event)

    def _act_all(self, events: list[ev.Event] | None) -> None:
        for event in events or ():
            self._act(event)

    # The command palette ------------------------------------------------------

    def facilitator_commands(self) -> list[SystemCommand]:
        commands = [
            SystemCommand(self.tr(label), self.tr("ui.palette_only"), partial(self.run_action, action))
            for action, label in SESSION_COMMANDS
        ]
        return commands + [
            SystemCommand(self.tr(key.label), f"{key.shown}", partial(self.run_action, key.action))
            for key in (*SESSION_KEYS, *GLOBAL_KEYS)
            if key.action not in ("command_palette",)
        ]


def default_owner(session: Session) -> str:
    """Whose an action is, unless named: the client's where the client leads the step (the
    synthesis) or nobody has the floor, else the one speaking (a consultant's commitment)."""
    if session.step.speakers is Speakers.CLIENT or not session.queue.current:
        return session.client or session.speaker
    return session.queue.current


def commitment_of(session: Session, person: str) -> str:
    """What `person` said they will do, in the step's form (the 4 A's application)."""
    form = session.step.form
    entry = next((e for e in session.entries if (e.author, e.step) == (person, session.step.key)), None)
    if form is None or entry is None:
        return ""
    return " ".join(entry.text(part.key) for part in form.parts if part.commitment and entry.text(part.key))
