"""One line of text that loses nothing pasted into it.

Textual's Input keeps only the first line of a paste, and drops a paste that would pass
its `max_length` whole, without a word. Here a paste of several lines keeps them all,
joined by a space; no length is capped while typing (the core refuses a text too long
to save, with a message, and the text stays on the line).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import Input


def pasted_lines(text: str) -> list[str]:
    """The lines of a paste, whatever the line ends of where it came from."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class TextLine(Input):
    """An Input for a user's words: a steady cursor, and pastes kept whole."""

    def __init__(self, value: str | None = None, **kwargs: object) -> None:
        # Focused, the cursor goes to the end of what is there: the first key typed fixes a
        # word or adds one, it does not wipe an idea being corrected.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(value, **kwargs)  # type: ignore[arg-type]
        # A blinking cursor redraws twice a second, for nothing, over SSH too.
        self.cursor_blink = False

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # else Input's own handler runs too, after this one
        self.insert_pasted(" ".join(line.strip() for line in pasted_lines(event.text) if line.strip()))

    def insert_pasted(self, text: str) -> None:
        if not text:
            return
        start, end = sorted(self.selection)
        self.replace(text, start, end)


class CaptureLine(TextLine):
    """The capture line: a paste of several lines is several entries, as if each line had
    been typed and Enter pressed after it. What follows the last line end stays on the line,
    to finish or to save with Enter."""

    @dataclass
    class Lines(Message):
        """Complete lines pasted, each to be saved in order; `rest` is to be left on the line
        once they are (the line is changed only then, so that a crash in between loses none:
        the draft still holds the paste's first line)."""

        capture: CaptureLine
        lines: list[str]
        rest: str

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """PgDn and PgUp are the session's (the next and previous step), not a one-line
        field's scrolling: so the footer shows them, and they reach the session screen."""
        if action in ("page_down", "page_up"):
            return False
        return super().check_action(action, parameters)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # else Input's own handler runs too, after this one
        *complete, rest = pasted_lines(event.text)
        if not complete:
            self.insert_pasted(rest)
            return
        # The first line completes what was already typed, as typing it would.
        start, end = sorted(self.selection)
        first = self.value[:start] + complete[0] + self.value[end:]
        self.post_message(self.Lines(self, [first, *complete[1:]], rest))
