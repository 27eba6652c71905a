"""Getting the recap to the facilitator's clipboard, wherever peertui runs.

1. Over SSH, the machine's own clipboard is not the facilitator's: the recap
   goes through the terminal (OSC 52) first.
2. Locally, pyperclip (xclip, xsel, wl-copy, pbcopy, Windows). It runs in a
   child process: pyperclip writes to stderr when a display is stale, and
   xclip can hang; neither may reach the screen or freeze the app.
3. Without a system clipboard, OSC 52.
Always, the recap is also saved as a file (0600) whose path is shown.

No textual here: `peertui recap --copy` uses it too.
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

# Many terminals drop larger OSC 52 payloads (xterm and tmux defaults are near 100 KB).
OSC52_LIMIT = 100_000
# pyperclip ignores the exit code of xclip and friends: read the clipboard back to be sure.
# xclip and xsel return before the process they leave behind holds the selection, so the
# first read may still give the old clipboard: read again for a while before giving up.
READ_BACK_FOR = 1.5
_COPY = (
    "import sys, time, pyperclip\n"
    "text = sys.stdin.buffer.read().decode('utf-8')\n"
    "pyperclip.copy(text)\n"
    "deadline = time.monotonic() + float(sys.argv[1])\n"
    "want = text.replace('\\r\\n', '\\n')\n"
    "while pyperclip.paste().replace('\\r\\n', '\\n') != want:\n"
    "    if time.monotonic() > deadline:\n"
    "        sys.exit(3)\n"
    "    time.sleep(0.05)\n"
)


class Way(StrEnum):
    SYSTEM = "system"  # pyperclip: the desktop clipboard
    TERMINAL = "terminal"  # OSC 52: the terminal's clipboard, also over SSH
    NONE = "none"  # only the file


@dataclass(frozen=True)
class Delivery:
    way: Way
    too_big_for_terminal: bool = False
    in_tmux: bool = False


def over_ssh(env: Mapping[str, str]) -> bool:
    return bool(env.get("SSH_TTY") or env.get("SSH_CONNECTION") or env.get("SSH_CLIENT"))


def in_tmux(env: Mapping[str, str]) -> bool:
    """tmux (or screen) between peertui and the terminal: it keeps OSC 52 unless told otherwise.

    Over SSH, tmux runs on the user's own machine and TMUX is not set here; it shows
    only in TERM (screen, screen-256color, tmux-256color...)."""
    term = env.get("TERM", "")
    return bool(env.get("TMUX")) or term.startswith(("screen", "tmux"))


def copy_with_system(
    text: str,
    env: Mapping[str, str] | None = None,
    timeout: float = 3.0,
    read_back_for: float = READ_BACK_FOR,
) -> bool:
    """True when pyperclip found a clipboard, took the text and gives it back within `read_back_for`."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _COPY, str(read_back_for)],
            input=text.encode("utf-8"),
            env=dict(env or os.environ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def osc52(text: str) -> str:
    """The escape sequence that asks a terminal to put `text` on its clipboard."""
    return f"\x1b]52;c;{base64.b64encode(text.encode('utf-8')).decode('ascii')}\a"


def deliver(
    text: str,
    send_to_terminal: Callable[[str], None] | None,
    env: Mapping[str, str] | None = None,
) -> Delivery:
    """Copy `text` the way that works here; `send_to_terminal` emits OSC 52 (None: no terminal)."""
    env = os.environ if env is None else env
    big = len(osc52(text)) > OSC52_LIMIT
    tmux = in_tmux(env)
    if over_ssh(env) and send_to_terminal is not None:
        send_to_terminal(text)
        return Delivery(Way.TERMINAL, big, tmux)
    if copy_with_system(text, env):
        return Delivery(Way.SYSTEM)
    if send_to_terminal is not None:
        send_to_terminal(text)
        return Delivery(Way.TERMINAL, big, tmux)
    return Delivery(Way.NONE)
