"""The App: owns the store and the current session, and applies events to it.

Screens call `act` with a core event's type and fields; the App stamps it with
the clock, applies it, shows the new session at once (screens watch `session`)
and hands it to the background writer, which makes it durable a moment later.
Nothing else writes. (A direct call rather than a message: the change is drawn
in the same frame as the key that made it, not one frame, 17 ms, later.)
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen

from peertui.core.clock import Clock
from peertui.core.i18n import language, t
from peertui.core.model import Action, ActionStatus, Group
from peertui.store import Store, StoreError
from peertui.store.writer import SessionWriter
from peertui.ui.base import ThemedApp

if TYPE_CHECKING:
    # Loaded when a session starts or resumes, not before: the first screen is up sooner.
    from peertui.core import session as core
    from peertui.core.events import Event
    from peertui.core.protocol import Protocol


class SystemClock:
    def now(self) -> float:
        return time.time()


class PeerApp(ThemedApp):
    ENABLE_COMMAND_PALETTE = True

    # A var, not a reactive: the screens watching it redraw what changed; a reactive would
    # also repaint the whole screen on every change (about 10 KB and a frame, on each Enter).
    session: var[core.Session | None] = var(None, always_update=True, init=False)

    def __init__(
        self,
        db: Path,
        group: Group | None = None,
        lang: str | None = None,
        clock: Clock | None = None,
        theme: str | None = None,
    ) -> None:
        super().__init__(theme)
        # Opened before the first frame, so that a refused lock is a one-line message.
        self.store = Store(db)
        self.db = db
        self.clock: Clock = clock or SystemClock()
        self.start_group = group
        self.forced_lang = lang
        self.writer = SessionWriter(self.store, self._write_trouble)
        # The group's actions from earlier sessions, as they stood when this one began:
        # the follow-up round works through them.
        self.carried: list[Action] = []

    @cached_property
    def protocols(self) -> dict[str, Protocol]:
        from peertui.core.protocol import builtin_protocols

        return builtin_protocols()

    @property
    def lang(self) -> str:
        if self.forced_lang:
            return self.forced_lang
        if self.session is not None:
            return self.session.lang
        if self.start_group is not None:
            return self.start_group.language
        return language(os.environ.get("LANG"))

    def tr(self, key: str, /, **params: object) -> str:
        return t(key, self.lang, **params)

    # Life cycle -----------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        """Home is the bottom of the stack. Pushed from on_mount instead, its first frame
        was drawn inside the mount's batch and thrown away: the screen came up in pieces,
        two frames (about 20 ms) later."""
        from peertui.ui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        self.report_problems()
        for problem in self.store.problems:  # a session file that could not be healed, say
            self.notify(problem, severity="warning", timeout=15, markup=False)
        if not self.is_headless:  # a dropped terminal: the last change made durable, then exit
            from peertui.ui.hangup import on_hangup

            on_hangup(self, lambda: self.writer.flush(timeout=2.0))
        running = self.store.running()
        if running:
            from peertui.ui.screens.resume import ResumeScreen

            summary = running[-1]
            self.push_screen(ResumeScreen(summary), lambda answer: self._resume_answer(summary.id, answer))
        elif self.start_group is not None:
            self.open_start(self.start_group)

    def _resume_answer(self, session_id: str, answer: str | None) -> None:
        if answer == "resume":
            self.resume(session_id)
        elif answer == "close":
            self.resume(session_id)
            from peertui.core.events import CloseSession

            self.act(CloseSession)

    def on_unmount(self) -> None:
        self.release()

    def release(self) -> None:
        """Everything written, the database closed and its lock let go."""
        self.writer.close()
        self.store.close()

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
        """Since when nothing reaches the disk (a full disk, say), or None."""
        return self.writer.failing_since

    # Sessions -------------------------------------------------------------------

    def open_start(self, group: Group) -> None:
        from peertui.ui.screens.start import StartScreen

        self.push_screen(StartScreen(group))

    def start_session(
        self,
        group: Group,
        protocol: Protocol,
        client: str,
        case_title: str,
        present: tuple[str, ...],
    ) -> None:
        """A new session, saved before its screen shows (if it cannot be, the start form
        stays, and says why)."""
        now = self.clock.now()
        lang = self.forced_lang or group.language
        from peertui.core import session as core

        try:
            self.store.save_group(group)
            session_id = self.store.new_session_id(group, now)
            session = core.start(session_id, group, protocol, now, client, case_title, present, lang)
            self.store.save_session(session)
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=15, markup=False)
            return
        self.carried = self.store.carried_actions(session)
        self.session = session
        self._show_session()

    def resume(self, session_id: str) -> None:
        try:
            session = self.store.load_session(session_id)
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.carried = self.store.carried_actions(session)
        self.session = session
        self._show_session()

    def update_action(
        self, action: Action, status: ActionStatus | None, note: str, due: date | None = None
    ) -> Action:
        """Between sessions: a dated change of an action, kept in its history; the action
        as it was if the change could not be saved (and why, said)."""
        changed = action.changed(self.clock.now(), status, note, due)
        try:
            self.store.save_action(changed)
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=15, markup=False)
            return action
        return changed

    def _show_session(self) -> None:
        from peertui.ui.screens.session import SessionScreen

        self._back_home()
        self.push_screen(SessionScreen())

    def _back_home(self) -> None:
        """Every screen off but home, the bottom of the stack."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def act(self, event_type: type[Event], /, **params: Any) -> bool:
        """Apply a core event to the session, stamped now (positional: some events have a
        field named "kind"); False if refused, the reason said."""
        if self.session is None:
            return False
        from peertui.core import session as core

        event = event_type(at=self.clock.now(), **params)
        try:
            session = core.apply(self.session, event)
        except core.Refused as refused:
            self.say_refused(refused)
            return False
        before, self.session = self.session, session
        self.writer.submit(session)
        if session.closed:
            if not self.writer.flush():
                # Not on disk: the session stays open, everything in it kept, to close again
                # once the disk takes it (its recap would otherwise describe a lost state).
                self.session = before
                self.writer.submit(before)
                self.notify(self.tr("app.close_not_saved"), severity="error", timeout=20, markup=False)
                return False
            self.session_closed(session)
        return True

    def say_refused(self, refused: core.Refused) -> None:
        """Why the core refused, in the session's language, as a passing notice."""
        self.notify(self.tr(f"refused.{refused.code}", **refused.params), severity="warning", markup=False)

    def session_closed(self, session: core.Session) -> None:
        from peertui.ui.screens.recap import RecapScreen

        self.push_screen(RecapScreen(session))

    def leave_session(self) -> None:
        """Back home, the screen under all others."""
        from peertui.ui.screens.home import HomeScreen

        group = self.session.group.name if self.session else None
        self.session = None
        self._back_home()
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_lists(group)

    # The command palette --------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        commands = getattr(screen, "facilitator_commands", None)
        if commands is not None:
            yield from commands()
