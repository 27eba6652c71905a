"""Saving a live session off the UI thread.

The UI hands over each new session value and goes on at once; a thread writes
the latest one. Values that arrive while a write is under way are coalesced:
the newest session holds everything the older ones did, so order is kept and
no write is wasted on a state already superseded.

A write that fails (a full disk, a folder gone read-only) is said once through
`on_trouble(error)` and tried again every few seconds with the newest state until it
takes, which `on_trouble(None)` says;
meanwhile `failing` says why, so that the interface can say nothing is saved yet.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from peertui.store.repository import Store

if TYPE_CHECKING:
    from peertui.core.session import Session

RETRY_SECONDS = 3.0


class SessionWriter:
    def __init__(self, store: Store, on_trouble: Callable[[Exception | None], None]) -> None:
        self._store = store
        self._on_trouble = on_trouble
        self._pending: Session | None = None
        self._draft: tuple[str, str] | None = None  # (session id, text)
        self._busy = False
        self._stopping = False
        self.failing: Exception | None = None  # why the last write failed, until one takes
        self.failing_since: float | None = None
        self._submitted = 0  # states handed over so far
        self._tried = 0  # of which the newest tried: written, or failed
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="peertui-writer", daemon=True)
        self._thread.start()

    def submit(self, session: Session) -> None:
        with self._changed:
            self._pending = session
            self._submitted += 1
            self._changed.notify_all()

    def submit_draft(self, session_id: str, text: str) -> None:
        with self._changed:
            self._draft = (session_id, text)
            self._submitted += 1
            self._changed.notify_all()

    def _idle(self) -> bool:
        return self._pending is None and self._draft is None and not self._busy

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until everything submitted is on disk; False if that took too long or failed
        (the state is kept, and tried again)."""
        with self._changed:
            self._changed.wait_for(lambda: self._idle() or self._tried == self._submitted, timeout=timeout)
            return self._idle() and self.failing is None

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
                taken = self._submitted
            error: Exception | None = None
            try:
                if session is not None:
                    self._store.save_session(session)
                    session = None
                if draft is not None:
                    self._store.save_draft(*draft)
                    draft = None
            except Exception as failure:  # said to the facilitator; tried again below
                error = failure
            with self._changed:
                # What did not take goes back, unless something newer came meanwhile.
                self._pending = self._pending or session
                self._draft = self._draft or draft
                changed = (error is None) != (self.failing is None)
                self.failing = error
                self.failing_since = (self.failing_since or time.time()) if error else None
                self._busy = False
                self._tried = taken
                self._changed.notify_all()
            if changed:
                self._on_trouble(error)  # outside the lock: the interface may submit meanwhile
            if error is None:
                continue
            with self._changed:
                if self._stopping:
                    return  # closing: what could not be written has been said
                # Wait before trying again, unless something new comes (or a close).
                self._changed.wait(timeout=RETRY_SECONDS)
