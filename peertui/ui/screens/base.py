"""What every peertui screen and dialog shares: the door, and keys named in the session's
language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar, cast

from textual.binding import ActiveBinding
from textual.screen import ModalScreen, Screen

from peertui.ui.door import Door

if TYPE_CHECKING:  # the events' 34 classes are built when a session needs them, not at start
    from peertui.core.events import Event

T = TypeVar("T")


def in_language(bindings: dict[str, ActiveBinding], tr: Callable[[str], str]) -> dict[str, ActiveBinding]:
    """Bindings whose description is a catalogue key ("key.next_step") described in words:
    the footer, and the command palette's list of keys, show these."""
    return {
        key: found._replace(binding=replace(found.binding, description=tr(found.binding.description)))
        if "." in found.binding.description
        else found
        for key, found in bindings.items()
    }


def on_yes(door: Door, event: Event) -> Callable[[bool | None], None]:
    """A confirmation's answer: `event` acted on if yes."""

    def answered(yes: bool | None) -> None:
        if yes:
            door.act(event)

    return answered


class PeerScreen(Screen[T]):
    @property
    def door(self) -> Door:
        """The only way to the session and the store (the App is the door)."""
        return cast(Door, self.app)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return in_language(super().active_bindings, self.door.tr)

    def tr(self, key: str, /, **params: object) -> str:
        return self.door.tr(key, **params)

    def keys_and_words(self) -> list[tuple[str, str]]:
        """This screen's keys, from its bindings, in the session's language (F1 shows them)."""
        return [
            # The footer's short word ("short.key.memory") said in full here ("key.memory").
            (shown_key(binding.key), self.tr(binding.description.removeprefix("short.")))
            for _, binding, _, _ in super().active_bindings.values()
            # Ours only (their descriptions are catalogue keys): a widget's own, in English,
            # such as a list's "Show menu", are not the facilitator's to learn.
            if "." in binding.description and binding.action != "help"
        ]


def shown_key(key: str) -> str:
    """A binding's first key as on the keyboard: ^S, F1, Esc, Enter."""
    first = key.split(",")[0]
    names = {"escape": "Esc", "enter": "Enter", "slash": "/", "delete": "Del"}
    return names.get(first, first.replace("ctrl+", "^").upper() if len(first) > 1 else first)


class PeerModal(ModalScreen[T]):
    @property
    def door(self) -> Door:
        """The only way to the session and the store (the App is the door)."""
        return cast(Door, self.app)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return in_language(super().active_bindings, self.door.tr)

    def tr(self, key: str, /, **params: object) -> str:
        return self.door.tr(key, **params)
