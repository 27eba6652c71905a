"""Messages up: what screens and widgets ask of the App."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from peertui.core import events as ev


class Act(Message):
    """Apply a core event to the session; the App stamps it with the time."""

    def __init__(self, event_type: type[ev.Event], /, **params: Any) -> None:
        super().__init__()
        self.event_type = event_type  # positional: events have fields named "kind" too
        self.params = params
