"""User text on screen: always literal, never markup, never a control code."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.widgets import Static

from peertui.core.text import printable

ELLIPSIS = "…"


def literal(text: str, style: str = "") -> Content:
    """A user's text as it was typed: brackets, emoji, escapes shown, never interpreted."""
    return Content.styled(printable(text), style) if text else Content("")


def choices(names: Iterable[str]) -> list[tuple[Content, str]]:
    """People as (label, value) for Select and SelectionList: a plain string label would
    be read as markup there, and a name such as "[/]Zoé" would crash the screen."""
    return [(literal(name), name) for name in names]


def short(text: str, width: int) -> str:
    """One line of at most `width` cells (an emoji takes two), for lists; the full text is
    kept elsewhere. Measured as shown: a control code counts as its visible sign."""
    flat = " ".join(printable(text).split())
    if cell_len(flat) <= width:
        return flat
    return set_cell_size(flat, max(0, width - 1)).rstrip() + ELLIPSIS


def refresh_if_changed(widget: Static, content: Content) -> bool:
    """Update a Static only when text or style changed: every repaint costs bytes over SSH.

    (Content's own == compares the text alone, and would miss a new highlight.)
    A one-line, unwrapped text of the same width keeps its size: no layout then. The
    clock ticks so without laying out the screen, which would also redraw every
    scrollbar on it (about 500 bytes a second at 80x24).
    """
    old = widget.content
    if isinstance(old, Content) and old.plain == content.plain and old.spans == content.spans:
        return False
    same_size = (
        isinstance(old, Content)
        and widget.styles.text_wrap == "nowrap"
        and "\n" not in old.plain
        and "\n" not in content.plain
        and old.cell_length == content.cell_length
    )
    widget.update(content, layout=not same_size)
    return True
