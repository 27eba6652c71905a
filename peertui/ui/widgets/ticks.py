"""Check boxes whose two states differ by a sign, never by a colour alone.

Textual draws every box as ▐X▌ and tells ticked from unticked by the colour of the X
(peertui's styles paint an unticked X in the box's own colour, to hide it). Wherever the
colours are gone, both read ▐X▌: under NO_COLOR, in a terminal's text capture, to a
screen reader. Here an unticked box holds no X at all; and under NO_COLOR, where the box
itself is drawn by colours that are no longer there, it is plain signs: [x] and [ ].
"""

from __future__ import annotations

from typing import Any, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

TICKED = "[x]"
UNTICKED = "[ ]"  # as wide as TICKED: the labels stay in one column

Value = TypeVar("Value")


def sign(ticked: bool) -> str:
    return TICKED if ticked else UNTICKED


class Tick(Checkbox):
    """A Checkbox: an empty box when unticked, and [x] / [ ] under NO_COLOR."""

    def __init__(self, label: str = "", value: bool = False, **kwargs: Any) -> None:
        super().__init__(label, value, **kwargs)
        self.BUTTON_INNER = _inner(value)

    def watch_value(self) -> None:
        self.BUTTON_INNER = _inner(self.value)
        super().watch_value()

    def render(self) -> Content:
        if not self.app.no_color:
            return super().render()
        label = self.label.pad(1, 1).stylize_before(self.get_visual_style("toggle--label"))
        return Content.assemble(sign(self.value), label)


class TickList(SelectionList[Value]):
    """A SelectionList whose boxes read as Tick's do."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        index = self.scroll_offset.y + y
        try:
            value = self.get_option_at_index(index).value
        except OptionDoesNotExist:
            return line
        segments = list(line)
        # SelectionList puts its box first, as three segments, then a space: anything else
        # is a Textual that draws it otherwise, and its line is left as it is.
        if len(segments) < 4 or segments[1].text != Checkbox.BUTTON_INNER:
            return line
        ticked = value in self.selected
        left, inner, right, space = segments[:4]
        if not self.app.no_color:
            box = [left, Segment(_inner(ticked), inner.style), right]
        else:
            # The line's own style, so the signs read as its words do (the box's colours,
            # made grey, would leave an unticked [ ] in grey on grey); the option's number
            # kept, so that a click on the box still ticks it.
            style = (space.style or Style()) + Style(meta={"option": index})
            box = [Segment(sign(ticked), style)]
        return Strip([*box, *segments[3:]], line.cell_length)


def _inner(ticked: bool) -> str:
    return Checkbox.BUTTON_INNER if ticked else " "
