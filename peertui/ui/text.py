"""User text on screen: always literal, never markup, never a control code."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from peertui.core.text import printable

ELLIPSIS = "…"


def literal(text: str, style: str = "") -> Content:
    """A user's text as it was typed: brackets, emoji, escapes shown, never interpreted."""
    return Content.styled(printable(text), style) if text else Content("")


def short(text: str, width: int) -> str:
    """One line of at most `width` characters, for lists; the full text is kept elsewhere."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: max(0, width - 1)] + ELLIPSIS


def refresh_if_changed(widget: Static, content: Content) -> bool:
    """Update a Static only when text or style changed: every repaint costs bytes over SSH.

    (Content's own == compares the text alone, and would miss a new highlight.)
    """
    old = widget.content
    if isinstance(old, Content) and old.plain == content.plain and old.spans == content.spans:
        return False
    widget.update(content)
    return True
