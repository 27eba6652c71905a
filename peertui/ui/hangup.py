"""The terminal is gone (a dropped SSH link, a closed window): save what is left, then go.

Usually the system says so with SIGHUP. When it does not (the signal is blocked or
ignored, or peertui is not in the terminal's foreground group), Textual's input thread
reads end-of-file or EIO forever at full CPU while the app holds the database's lock.
A small thread waits for the terminal's input to hang up, and ends peertui the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable

from peertui.ui.ordered_input import OrderedInputApp

EXIT_HANGUP = 129  # 128 + SIGHUP, as a shell reports a process ended by it
# Keys typed before the line dropped are handled first, for this long at most (a burst
# of 300 ideas takes about 3 s; the output, gone, is dropped: see TerminalOut).
LAST_KEYS_SECONDS = 10.0


def on_hangup(app: OrderedInputApp, save: Callable[[], object]) -> None:
    """When the terminal hangs up: handle the keys already received (they were typed),
    call `save`, then exit. Call from the running event loop."""
    loop = asyncio.get_running_loop()

    def end() -> None:
        with contextlib.suppress(Exception):  # whatever happens, the process must end
            save()
        os._exit(EXIT_HANGUP)  # the terminal is gone: nothing left to restore on it

    async def last_keys_then_end() -> None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(app.keys_handled(), LAST_KEYS_SECONDS)
        end()

    ending: list[asyncio.Task[None]] = []  # once, whether the signal or the thread saw it first

    def gone() -> None:
        if not ending:
            ending.append(loop.create_task(last_keys_then_end()))

    def gone_seen_by_thread() -> None:
        loop.call_soon_threadsafe(gone)
        time.sleep(LAST_KEYS_SECONDS + 1.0)
        end()  # the event loop never got there: save from here

    if hasattr(signal, "SIGHUP"):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # no signals here
            loop.add_signal_handler(signal.SIGHUP, gone)
    if hasattr(select, "poll"):
        threading.Thread(
            target=_wait_for_hangup, args=(gone_seen_by_thread,), name="peertui-hangup", daemon=True
        ).start()


def _wait_for_hangup(gone: Callable[[], None]) -> None:
    try:
        fd = sys.__stdin__.fileno() if sys.__stdin__ else 0
        if not os.isatty(fd):
            return
        poller = select.poll()
        # No event asked for: poll still reports a hang-up, an error or a closed descriptor,
        # and never wakes up for ordinary input (that is Textual's to read).
        poller.register(fd, 0)
        while True:
            for _fd, mask in poller.poll():
                if mask & (select.POLLHUP | select.POLLERR | select.POLLNVAL):
                    gone()
                    return
    except (OSError, ValueError):
        return  # no terminal to watch
