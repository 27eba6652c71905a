"""peertui projector: the room's view in a second terminal, following the running session.

It opens the database read-only (no lock, so the facilitator's peertui runs
beside it), rereads the session file when it changes, and computes the clock
itself between changes. Nothing captured is ever shown.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from peertui.core.clock import Clock
from peertui.core.i18n import language, t
from peertui.core.session import Session
from peertui.store import Store, StoreError
from peertui.ui.base import SystemClock, ThemedApp
from peertui.ui.text import literal
from peertui.ui.widgets.projector import ProjectorView

POLL_SECONDS = 0.5


class ProjectorApp(ThemedApp):
    DEFAULT_CSS = """
        #projector-waiting { content-align: center middle; height: 1fr; color: $text-muted; }
    """

    BINDINGS = [Binding("q,escape", "quit", show=False)]

    def __init__(
        self, db: Path, lang: str | None = None, theme: str | None = None, clock: Clock | None = None
    ) -> None:
        super().__init__(theme)
        self.db = db
        self._clock: Clock = clock or SystemClock()
        self.forced_lang = lang
        self.session: Session | None = None
        self._file: Path | None = None
        self._stamp: int = 0

    def compose(self) -> ComposeResult:
        yield ProjectorView(id="projector")
        yield Static(id="projector-waiting")

    @property
    def lang(self) -> str:
        if self.forced_lang:
            return self.forced_lang
        return self.session.lang if self.session else language(None)

    def on_mount(self) -> None:
        self.report_problems()
        if not self.is_headless:  # nothing to save: a read-only view ends with its terminal
            from peertui.ui.hangup import on_hangup

            on_hangup(self, lambda: None)
        self._follow()
        self.set_interval(POLL_SECONDS, self._follow)
        self.set_interval(1.0, self._tick)

    def _follow(self) -> None:
        """Find the running session, and reread it when its file changes."""
        try:
            stamp = self._file.stat().st_mtime_ns if self._file else 0
        except FileNotFoundError:
            stamp = 0
        if self._file is None or stamp == 0 or (self.session and self.session.closed):
            self._find()
            return
        if stamp != self._stamp:
            self._load(self._file, stamp)

    def _find(self) -> None:
        try:
            with Store(self.db, readonly=True) as store:
                running = store.running()
                if running:
                    session = store.load_session(running[-1].id)
                    self._file = store.sessions_dir / f"{session.id}.json"
                    self._stamp = self._file.stat().st_mtime_ns
                    self._set(session)
                    return
        except (StoreError, FileNotFoundError):
            pass
        self._set(None)

    def _load(self, path: Path, stamp: int) -> None:
        try:
            with Store(self.db, readonly=True) as store:
                session = store.load_session(path.stem)
        except StoreError:
            return  # a moment between two writes: the next poll rereads it
        self._stamp = stamp
        self._set(session)

    def _set(self, session: Session | None) -> None:
        self.session = session
        view = self.query_one(ProjectorView)
        waiting = self.query_one("#projector-waiting", Static)
        view.display = session is not None and not session.closed
        waiting.display = not view.display
        if session is not None and view.display:
            view.show(session, self._clock.now(), self.lang)
        else:
            waiting.update(literal(t("ui.waiting_session", self.lang), "italic"))

    def _tick(self) -> None:
        if self.session is not None and not self.session.closed:
            self.query_one(ProjectorView).show_time(self.session, self._clock.now(), self.lang)
