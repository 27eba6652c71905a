"""The bytes a keyboard sends, made unambiguous before Textual reads them.

A terminal sends the Escape key as a lone ESC, the same byte that begins every escape
sequence (arrows, F-keys, a paste). Textual's parser waits for more: when an Escape is
followed at once by other keys (a fast typist, an SSH link catching up), it read
"Esc h" as alt+h, or a long run as one unknown sequence shown as "^", and the dialog the
Escape was meant to close stayed open while the keys went into it. Inside a paste, an
ESC (pasted terminal output) made it give out the text after it as keys, before the text
before it.

Here, before the parser: an ESC that cannot begin a sequence (what follows is not one of
the bytes that do) is the Escape key, and is written as the one sequence that means only
that (CSI 27 u, which Textual reads as Escape); an ESC inside a paste is pasted text, and
shows as the visible ␛. An ESC at the very end of what arrived waits a moment for the
byte after it.

(The driver below repeats Textual 8.2.8's input loop, which peertui pins, with this
cleaning in front of its parser.)
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from time import monotonic

from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

ESC = "\x1b"
ESCAPE_KEY = "\x1b[27u"  # the Escape key, and nothing else, in the kitty keyboard protocol
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
# What may follow ESC in a sequence a terminal sends: CSI, SS3, OSC, DCS, APC, PM, SOS,
# ST and the character set designations.
SEQUENCE_STARTS = frozenset("[O]P_^X\\()*+")
HOLD_SECONDS = 0.05  # an ESC alone at the end of a read: the next byte may be on its way


class KeyStream:
    """Cleans the keyboard's text as it arrives, a chunk at a time (see the module)."""

    def __init__(self) -> None:
        self._held = ""  # an ESC (or the start of a paste's end) whose meaning is not known yet
        self._held_since = 0.0
        self._in_paste = False

    def clean(self, data: str) -> str:
        data, self._held = self._held + data, ""
        out: list[str] = []
        i = 0
        while i < len(data):
            if self._in_paste:
                end = data.find(ESC, i)
                if end < 0:
                    out.append(data[i:])
                    break
                out.append(data[i:end])
                rest = data[end:]
                if rest.startswith(PASTE_END):
                    out.append(PASTE_END)
                    self._in_paste = False
                    i = end + len(PASTE_END)
                elif PASTE_END.startswith(rest):  # the end marker, cut by the read: wait for it
                    self._hold(rest)
                    break
                else:
                    out.append("␛")  # pasted text, not a key
                    i = end + 1
                continue
            end = data.find(ESC, i)
            if end < 0:
                out.append(data[i:])
                break
            out.append(data[i:end])
            rest = data[end:]
            if rest.startswith(PASTE_START):
                out.append(PASTE_START)
                self._in_paste = True
                i = end + len(PASTE_START)
            elif len(rest) == 1:  # a lone ESC last: the Escape key, or a sequence to come
                self._hold(rest)
                break
            elif rest[1] in SEQUENCE_STARTS:
                out.append(ESC)  # a sequence: Textual's parser reads it
                i = end + 1
            else:
                out.append(ESCAPE_KEY)  # Escape, then another key (or Escape again)
                i = end + 1
        return "".join(out)

    def _hold(self, text: str) -> None:
        self._held, self._held_since = text, monotonic()

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def due(self) -> str:
        """What was held long enough to be known: a lone ESC is the Escape key."""
        if self._held and monotonic() - self._held_since >= HOLD_SECONDS:
            held, self._held = self._held, ""
            return ESCAPE_KEY if held == ESC else held
        return ""


class KeyStreamDriver(LinuxDriver):
    """Textual's driver for Linux and macOS, with the keyboard's text cleaned first."""

    def run_input_thread(self) -> None:
        """Wait for input and dispatch events (Textual's loop, with KeyStream first)."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = XTermParser(self._debug)
        stream = KeyStream()
        decode = getincrementaldecoder("utf-8")().decode

        def process(selector_events: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            for last, (_key, mask) in loop_last(selector_events):
                if mask & selectors.EVENT_READ:
                    text = decode(os.read(fileno, 1024 * 4), final=final and last)
                    if not text:
                        break  # end of input: the hang-up watch ends peertui
                    cleaned = stream.clean(text)
                    if cleaned:  # an empty feed would tell the parser the input has ended
                        for event in parser.feed(cleaned):
                            self.process_message(event)
            late = stream.due()
            if late:
                for event in parser.feed(late):
                    self.process_message(event)
            for event in parser.tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process(selector.select(HOLD_SECONDS if stream.holding else 0.1))
            selector.unregister(self.fileno)
            process(selector.select(0.1), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
