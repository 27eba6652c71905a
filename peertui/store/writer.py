"""Saving a live session off the UI thread.

The UI hands over each new session value and goes on at once; a thread writes
the latest one. Values that arrive while a write is under way are coalesced:
the newest session holds everything the older ones did, so order is kept and
no write is wasted on a state already superseded.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from peertui.store.repository import Store

if TYPE_CHECKING:
    from peertui.core.session import Session


class SessionWriter:
    def __init__(self, store: Store, on_error: Callable[[Exception], None]) -> None:
        self._store = store
        self._on_error = on_error
        self._pending: Session | None = None
        self._draft: tuple[str, str] | None = None  # (session id, text)
        self._busy = False
        self._stopping = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="peertui-writer", daemon=True)
        self._thread.start()

    def submit(self, session: Session) -> None:
        with self._changed:
            self._pending = session
            self._changed.notify_all()

    def submit_draft(self, session_id: str, text: str) -> None:
        with self._changed:
            self._draft = (session_id, text)
            self._changed.notify_all()

    def _idle(self) -> bool:
        return self._pending is None and self._draft is None and not self._busy

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until everything submitted is on disk; False if that took too long."""
        with self._changed:
            return self._changed.wait_for(self._idle, timeout=timeout)

    def close(self) -> None:
        self.flush()
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: not self._idle() or self._stopping)
                if self._idle():
                    return
                session, draft = self._pending, self._draft
                self._pending, self._draft, self._busy = None, None, True
            try:
                if session is not None:
                    self._store.save_session(session)
                if draft is not None:
                    self._store.save_draft(*draft)
            except Exception as error:  # shown to the facilitator; the next change retries
                self._on_error(error)
            finally:
                with self._changed:
                    self._busy = False
                    self._changed.notify_all()
