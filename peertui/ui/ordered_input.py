"""Keys in the order they were typed, each handled whole before the next.

Textual hands a key to the focused widget's queue and goes on with the next key at
once; the key's effect comes later, after hops through the queues of the widget's
parents (bindings are run when the key reaches the App). Keys that arrive in a burst
(a fast typist, a paste, an SSH link catching up) overtake each other on the way:
the capture line submitted text typed after the Enter, a Tab moved the focus after
the next letters had gone to the field being left, and Enters meant for the capture
line dismissed a dialog three times.

Here the App holds the keys (and pastes) it receives in a line and delivers them one
at a time, each once the previous one and everything it started are done: bindings
run, result callbacks called, a new screen mounted and focused. A key then always
goes to what has the focus after the keys before it, as it would for a slow typist.
"""

from __future__ import annotations

import asyncio
from collections import deque
from time import monotonic

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.widgets import Input

# A key waits this long at most for the one before it to settle. Past it, it goes on
# anyway: a widget that never stops posting messages must not freeze the keyboard.
SETTLE_LIMIT = 0.25


def _is_letter(event: events.Key | events.Paste) -> bool:
    return isinstance(event, events.Key) and event.is_printable


def _busy(pump: MessagePump) -> bool:
    """Messages waiting for this pump, or one being handled, or one still to mount."""
    queue = vars(pump).get("_message_queue")  # a cached property: not created here
    if queue is not None and not queue.empty():
        return True
    # Registered but not yet mounted: a screen just pushed, whose focus is not set yet
    # (its task may not even have started).
    starting = not pump._is_mounted and not (pump._closing or pump._closed)
    return bool(pump._next_callbacks) or starting


class OrderedInputApp(App[int]):
    """An App whose keys and pastes are handled one after another, in order."""

    def __init__(self) -> None:
        super().__init__()
        self._keys: deque[events.Key | events.Paste] = deque()
        self._delivering: asyncio.Task[None] | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            self._keys.append(event)
            if self._delivering is None or self._delivering.done():
                self._delivering = asyncio.create_task(self._deliver_in_order())
            return
        await super().on_event(event)

    async def _deliver_in_order(self) -> None:
        typing = False  # the last key was a letter for a text field
        while self._keys:
            event = self._keys[0]
            try:
                # Settled before a key, not after it: a key alone goes at once, and nothing
                # polls while it is handled (which would slow its drawing). Letters that
                # follow letters into a text field need no wait: the field takes them in
                # order from its own queue, and a letter there never runs a binding.
                if not (typing and _is_letter(event)):
                    await self._settled()
                self._keys.popleft()
                typing = _is_letter(event) and isinstance(self.focused, Input)
                await super().on_event(event)  # Textual's own routing of it
            except Exception as error:  # as Textual does for a handler that fails
                self._handle_exception(error)
                return

    async def keys_handled(self) -> None:
        """Until every key received so far is delivered and settled (before an exit)."""
        while True:
            await self._settled()
            delivering = self._delivering is not None and not self._delivering.done()
            if not self._keys and not delivering and not _busy(self):
                return
            await asyncio.sleep(0.005)

    async def _settled(self) -> None:
        """Until nothing the last key started is still under way."""
        deadline = monotonic() + SETTLE_LIMIT
        while monotonic() < deadline:
            if not _busy(self) and not any(_busy(node) for node in list(self._registry)):
                return
            await asyncio.sleep(0)
