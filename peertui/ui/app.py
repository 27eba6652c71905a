"""The App: owns the store, the writer and the current session, and is the screens' door.

Screens see the App only through the Door protocol (door.py): the session, the texts,
`act(event)`, and questions named for what they show. `act` stamps an event with the
clock, applies it through the core's rules, shows the new session at once (screens
watch `session`) and hands it to the background writer, which makes it durable a moment
later. Nothing else writes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen

from peertui import paths
from peertui.core.clock import Clock
from peertui.core.i18n import language, t
from peertui.core.model import Action, ActionStatus, Entry, Group, SessionSummary
from peertui.core.sharing import Level
from peertui.store import Store, StoreError
from peertui.store.writer import SessionWriter
from peertui.ui.base import SystemClock, ThemedApp
from peertui.ui.door import Door, Groups, OutboxFiles, RecapFiles

if TYPE_CHECKING:
    # Loaded when a session starts or resumes, not before: the first screen is up sooner.
    from peertui.core.cycle import Cycle
    from peertui.core.events import Event
    from peertui.core.knowledge import Knowledge
    from peertui.core.protocol import Protocol
    from peertui.core.session import Refused, Session
    from peertui.core.sheets import Sheet


class PeerApp(ThemedApp):
    ENABLE_COMMAND_PALETTE = True

    # A var, not a reactive: the screens watching it redraw what changed; a reactive would
    # also repaint the whole screen on every change (about 10 KB and a frame, on each Enter).
    session: var[Session | None] = var(None, always_update=True, init=False)

    def __init__(
        self,
        db: Path,
        group: Group | None = None,
        lang: str | None = None,
        clock: Clock | None = None,
        theme: str | None = None,
        protocol: str | None = None,
    ) -> None:
        super().__init__(theme)
        self._start_protocol = protocol  # --protocol KEY: chosen on the start form
        # Opened before the first frame, so that a refused lock is a one-line message.
        self._store = Store(db)
        self._db = db
        self._clock: Clock = clock or SystemClock()
        self._start_group = group
        self._starting: Group | None = None  # the group of the start form, while it is up
        self._forced_lang = lang
        self._writer = SessionWriter(self._store, self._write_trouble)
        self._carried: list[Action] = []

    # Words and time ---------------------------------------------------------------

    @property
    def lang(self) -> str:
        if self._forced_lang:
            return self._forced_lang
        if self.session is not None:
            return self.session.lang
        if self._starting is not None:  # the start form speaks the group's language
            return self._starting.language
        if self._start_group is not None:
            return self._start_group.language
        return language(os.environ.get("LANG"))

    def tr(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    def now(self) -> float:
        return self._clock.now()

    @property
    def where(self) -> str:
        return str(self._db)

    # Life cycle -------------------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """Home is the bottom of the stack. Pushed from on_mount instead, its first frame
        was drawn inside the mount's batch and thrown away: the screen came up in pieces,
        two frames (about 20 ms) later."""
        from peertui.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.report_problems()
        for problem in self._store.problems:  # a session file that could not be healed, say
            self.notify(problem, severity="warning", timeout=15, markup=False)
        if not self.is_headless:  # a dropped terminal: the last change made durable, then exit
            from peertui.ui.hangup import on_hangup

            on_hangup(self, lambda: self._writer.flush(timeout=2.0))
        running = self._store.running()
        if running:
            from peertui.ui.screens.resume import ResumeScreen

            summary = running[-1]
            # Asked in the language of the session waiting, not of the terminal's LANG.
            self._starting = next((g for g in self._store.groups() if g.name == summary.group), None)
            self.push_screen(ResumeScreen(summary), lambda answer: self._resume_answer(summary.id, answer))
        elif self._start_group is not None:
            self.open_start(self._start_group)

    def _resume_answer(self, session_id: str, answer: str | None) -> None:
        self._starting = None
        if answer == "resume":
            self.resume(session_id)
        elif answer == "close":
            self.resume(session_id)
            from peertui.core.events import CloseSession

            self.act(CloseSession())

    def on_unmount(self) -> None:
        self.release()

    def release(self) -> None:
        """Everything written, the database closed and its lock let go."""
        self._writer.close()
        self._store.close()

    def flush(self) -> bool:
        """Wait for everything to be on disk (tests, and the hang-up); False if it is not."""
        return self._writer.flush()

    # Saving, and saying when it fails -----------------------------------------------

    @dataclass
    class WriteTrouble(Message):
        """From the writer's thread: saves stopped taking (an error), or take again (None)."""

        error: Exception | None

    def _write_trouble(self, error: Exception | None) -> None:
        # A message, not call_from_thread: that would wait for the interface, which may be
        # waiting for the writer (a flush on close).
        self.post_message(self.WriteTrouble(error))

    def on_peer_app_write_trouble(self, message: WriteTrouble) -> None:
        error = message.error
        if error is None:
            self.notify(self.tr("app.saved_again"), timeout=8, markup=False)
        else:
            text = str(error) if isinstance(error, StoreError) else f"{type(error).__name__}: {error}"
            self.notify(self.tr("app.write_failed", error=text), severity="error", timeout=15, markup=False)
        if self.session is not None:
            self.session = self.session  # screens show it: the warning goes, or comes

    @property
    def unsaved_since(self) -> float | None:
        return self._writer.failing_since

    def _said(self, error: StoreError) -> None:
        self.notify(str(error), severity="error", timeout=15, markup=False)

    # The session at hand ----------------------------------------------------------

    @property
    def carried(self) -> Sequence[Action]:
        return self._carried

    def act(self, event: Event) -> bool:
        if self.session is None:
            return False
        from peertui.core import rules

        try:
            session = rules.apply(self.session, event, self.now())
        except rules.Refused as refused:
            self.notify(self._words(refused), severity="warning", markup=False)
            return False
        before, self.session = self.session, session
        self._writer.submit(session)
        if session.closed:
            if not self._writer.flush():
                # Not on disk: the session stays open, everything in it kept, to close again
                # once the disk takes it (its recap would otherwise describe a lost state).
                self.session = before
                self._writer.submit(before)
                self.notify(self.tr("app.close_not_saved"), severity="error", timeout=20, markup=False)
                return False
            from peertui.ui.screens.recap import RecapScreen

            self.push_screen(RecapScreen(session))
        return True

    def refusal(self, event: Event) -> str | None:
        from peertui.core import rules

        if self.session is None:
            return None
        try:
            rules.apply(self.session, event, self.now())
        except rules.Refused as refused:
            return self._words(refused)
        return None

    def _words(self, refused: Refused, protocol: Protocol | None = None) -> str:
        """The refusal in words, with the protocol's own for the one at its centre ("Name
        the presenter", not "the client", at a brown bag)."""
        from peertui.core.roles import words

        protocol = protocol or (self.session.protocol if self.session is not None else None)
        params = {**(words(protocol, self.lang) if protocol is not None else {}), **refused.params}
        return self.tr(f"refused.{refused.code}", **params)

    def draft(self) -> str:
        """The draft, unless it is what was saved last: killed between the session's write
        and the draft's, the draft still held the line that Enter had just saved."""
        if self.session is None:
            return ""
        text = self._store.load_draft(self.session.id)
        return "" if text.strip() and text.strip() in _last_saved(self.session) else text

    def keep_draft(self, text: str) -> None:
        if self.session is not None:
            self._writer.submit_draft(self.session.id, text)

    # Going from one screen to another ---------------------------------------------

    @cached_property
    def protocols(self) -> Mapping[str, Protocol]:
        """Bundled and the user's own; what is to be said of the user's files, said once."""
        from peertui.library import protocols

        found, notes = protocols(self.lang, brief=True)
        for note in notes:
            self.notify(note, severity="warning", timeout=12, markup=False)
        return found

    def open_start(self, group: Group) -> None:
        from peertui.ui.screens.start import StartScreen

        self._starting = group
        self.push_screen(StartScreen(group, self._start_protocol))

    def start_session(
        self, group: Group, protocol: Protocol, client: str, case_title: str, present: tuple[str, ...]
    ) -> str | None:
        """A new session, saved before its screen shows."""
        from peertui.core import rules

        now = self.now()
        lang = self._forced_lang or group.language
        try:
            session_id = self._store.new_session_id(group, now)
            recalled = self._recalled(group, protocol)
            session = rules.start(
                session_id, group, protocol, now, client, case_title, present, lang, recalled
            )
            self._store.save_group(group)
            self._store.save_session(session)
        except rules.Refused as refused:
            return self._words(refused, protocol)
        except StoreError as error:
            return str(error)
        self._carried = self._carried_of(session)
        self.session = session
        self._show_session()
        return None

    def _carried_of(self, session: Session) -> list[Action]:
        """The group's open actions from earlier sessions; none if its file is damaged (said)."""
        try:
            return self._store.carried_actions(session)
        except StoreError as error:
            self._said(error)
            return []

    def _recalled(self, group: Group, protocol: Protocol) -> tuple[Entry, ...]:
        """For a step that recalls a form (the closing's look at the kick-off expectations):
        the group's latest entries of it, from its newest session that has some."""
        wanted = {step.recall for step in protocol.steps if step.recall}
        if not wanted:
            return ()
        try:
            summaries = self._store.summaries(group.name)
        except StoreError:
            return ()
        for summary in reversed(summaries):
            try:
                earlier = self._store.load_session(summary.id)
            except StoreError:
                continue
            forms = {run.step.key: run.step.form.key for run in earlier.runs if run.step.form}
            found = tuple(e for e in earlier.entries if forms.get(e.step) in wanted)
            if found:
                return found
        return ()

    def resume(self, session_id: str) -> None:
        try:
            session = self._store.load_session(session_id)
        except StoreError as error:
            self._said(error)
            return
        self._carried = self._carried_of(session)
        self.session = session
        self._show_session()

    def _show_session(self) -> None:
        from peertui.ui.screens.session import SessionScreen

        self._back_home()
        self.push_screen(SessionScreen())

    def _back_home(self) -> None:
        """Every screen off but home, the bottom of the stack."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def leave_session(self, group: str | None = None) -> None:
        from peertui.ui.screens.home import HomeScreen

        group = group or (self.session.group.name if self.session else None)
        self.session = None
        self._starting = None
        self._back_home()
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_lists(group)

    # Questions ----------------------------------------------------------------------

    def groups(self) -> Groups:
        from peertui.core.groups import GroupFileError, parse_group

        known = self._store.groups()
        names = {group.name for group in known}
        found, problems = [], []
        for path in (*paths.user_groups(), *paths.sample_groups()):
            try:
                group = parse_group(path.read_text(encoding="utf-8"), str(path))
            except GroupFileError as error:
                problems.append(error.problems[0].text(self.lang))
                continue
            except (OSError, UnicodeDecodeError) as error:
                problems.append(f"{path}: {error}")
                continue
            if group.name not in names:
                found.append(group)
                names.add(group.name)
        return Groups((*known, *found), tuple(problems))

    def sessions_of(self, group: str) -> list[SessionSummary]:
        try:
            return self._store.summaries(group)
        except StoreError as error:  # its file is damaged: said in one line, left as it is
            self._said(error)
            return []

    def closed_session(self, session_id: str) -> Session | None:
        try:
            return self._store.load_session(session_id)
        except StoreError as error:
            self._said(error)
            return None

    def cycle_of(self, group: Group, with_actions: bool = True) -> Cycle:
        from peertui.core.cycle import cycle_of

        try:
            summaries = self._store.summaries(group.name)
            actions = self._store.actions(group.name) if with_actions else []
        except StoreError as error:
            self._said(error)
            summaries, actions = [], []
        return cycle_of(group, summaries, actions)

    def all_actions(self, closed: bool = False) -> list[Action]:
        try:
            return self._store.actions() if closed else self._store.open_actions()
        except StoreError as error:
            self._said(error)
            return []

    def change_action(
        self, action: Action, status: ActionStatus | None, note: str, due: date | None = None
    ) -> Action:
        changed = action.changed(self.now(), status, note, due)
        try:
            self._store.save_action(changed)
        except StoreError as error:
            self._said(error)
            return action
        return changed

    def recap_texts(self, session: Session, level: Level = Level.GROUP, person: str = "") -> dict[str, str]:
        from peertui.formats import RECAP_FORMATS

        carried = self._carried_of(session)  # as they stand now: followed up in it
        return {f.extension: f.render(session, carried, level, person) for f in RECAP_FORMATS.values()}

    def keep_recap(self, session: Session, texts: Mapping[str, str]) -> RecapFiles:
        saved, problem = {}, ""
        for extension, text in texts.items():
            try:
                saved[extension] = self._store.save_recap(session.id, text, extension)
            except StoreError as error:  # a full disk: the copy still goes, the file later
                problem = str(error)
        return RecapFiles(saved, problem)

    def knowledge(self, group: str | None) -> tuple[list[Knowledge], list[Sheet]]:
        try:
            return self._store.memory(group)
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return [], []

    def bilan_texts(self, group: str) -> dict[str, str]:
        from peertui.core import bilan

        the_group = next((g for g in self.groups().groups if g.name == group), None)
        if the_group is None:
            return {"md": "", "txt": ""}
        try:
            sessions = [self._store.load_session(s.id) for s in self._store.summaries(group) if not s.running]
            actions = self._store.all_actions(group)
            items, sheets = self._store.knowledge(group), self._store.sheets(group)
        except StoreError as error:
            return {"md": str(error), "txt": str(error)}
        return {
            "md": bilan.render_markdown(the_group, sessions, actions, items, sheets),
            "txt": bilan.render_text(the_group, sessions, actions, items, sheets),
        }

    def new_sheet(self, items: Sequence[Knowledge]) -> Sheet:
        from peertui.core.sheets import sheet_from

        return sheet_from(items, self._store.new_sheet_id(), self.now())

    def save_sheet(self, sheet: Sheet) -> str:
        try:
            self._store.save_sheet(sheet)
        except StoreError as error:
            return str(error)
        return ""

    def write_outbox(self, session: Session) -> OutboxFiles:
        from peertui.core.outbox import letters
        from peertui.outbox import OutboxError, new_folder_beside, write_outbox

        try:
            carried = self._store.carried_actions(session)
            # This session's actions as they stand now: one followed up since (done) is not open.
            opened = self._store.open_actions(session.group.name)
            standing = [a for a in opened if a.session_id == session.id] + carried
        except StoreError as error:
            return OutboxFiles(None, (), str(error))
        found = letters(session, standing, carried)
        if not found:
            return OutboxFiles(None, (), self.tr("outbox.nobody"))
        base = self._store.path.with_name(self._store.path.name + ".outbox") / session.id
        folder = new_folder_beside(base)  # a second press makes a second folder, never over one
        try:
            written = write_outbox(folder, found, self.now(), self.lang)
        except OutboxError as error:
            return OutboxFiles(None, (), str(error))
        return OutboxFiles(folder, tuple(one.line(self.lang) for one in written))

    # The command palette --------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The screen's own commands, then the theme, help and quitting: in the session's
        language (Textual's own are English only, and its screenshot and maximize are of no
        use in a session)."""
        commands = getattr(screen, "facilitator_commands", None)
        if commands is not None:
            yield from commands()
        yield SystemCommand(self.tr("ui.cmd_theme"), self.tr("ui.cmd_theme_help"), self.action_change_theme)
        if commands is None:
            yield SystemCommand(self.tr("ui.cmd_quit"), self.tr("ui.cmd_quit_help"), self.action_quit)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(id="--command-palette", placeholder=self.tr("ui.palette_search")))

    def action_change_theme(self) -> None:
        from textual.command import CommandPalette
        from textual.theme import ThemeProvider

        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=self.tr("ui.themes_search")))


def _last_saved(session: Session) -> set[str]:
    """The texts the last Enter may have saved: the last idea, action and entry."""
    texts = set()
    if session.ideas:
        texts.add(session.ideas[-1].text)
    if session.actions:
        texts.add(session.actions[-1].what)
    if session.entries:
        latest = max(session.entries, key=lambda entry: entry.at)
        texts.update(text for _, text in latest.parts)
    return texts


def _is_a_door(app: PeerApp) -> Door:
    """The App is the screens' door: the type checker holds it to the whole protocol."""
    return app
