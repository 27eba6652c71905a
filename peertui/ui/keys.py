"""Every facilitator key, once: the bindings, the footer, the help screen and the
command palette are all made from these tables, so they cannot disagree.

The capture line keeps the focus while a session runs, so the keys are those an
Input leaves alone: ctrl+n/o/l/g/r/t/y, page up/down and function keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Key:
    keys: str  # Textual key names, comma-separated; the first is the one shown
    action: str
    label: str  # a catalogue key, for the help screen and the palette
    footer: bool = False  # shown in the footer, under a short label ("short." + label)

    @property
    def shown(self) -> str:
        """As on the keyboard: ^N, PgDn, F10."""
        first = self.keys.split(",")[0]
        return _KEY_NAMES.get(first, first.replace("ctrl+", "^").upper())


_KEY_NAMES = {"pagedown": "PgDn", "pageup": "PgUp", "tab": "Tab", "shift+tab": "Shift+Tab"}


SESSION_KEYS: tuple[Key, ...] = (
    Key("ctrl+n", "next_speaker", "key.next_speaker", footer=True),
    Key("ctrl+o", "pass_turn", "key.pass_turn", footer=True),
    Key("ctrl+l", "later", "key.later"),
    Key("ctrl+g", "give_floor", "key.give_floor"),
    Key("ctrl+r", "round_order", "key.round_order"),
    Key("pagedown", "next_step", "key.next_step", footer=True),
    Key("pageup", "previous_step", "key.previous_step"),
    Key("ctrl+t", "toggle_timer", "key.toggle_timer"),
    Key("tab", "next_target", "key.next_target"),
    Key("shift+tab", "previous_target", "key.previous_target"),
    Key("ctrl+y", "add_action", "key.add_action", footer=True),
    Key("ctrl+f", "confidential", "key.confidential"),
    Key("ctrl+b", "keep_idea", "key.keep_idea"),
    Key("ctrl+s", "known", "key.known"),
    Key("f2", "ideas", "key.ideas"),
    Key("f3", "actions", "key.actions"),
    Key("f4", "follow_up", "key.follow_up"),
    Key("f5", "client", "key.client"),
    Key("f6", "shorten", "key.shorten"),
    Key("f7", "durations", "key.durations"),
    Key("f8", "charter", "key.charter"),
    Key("f9", "projector", "key.projector"),
    Key("f10", "close_session", "key.close_session", footer=True),
    Key("f1", "help", "key.help", footer=True),
)

# Commands rare enough to live in the palette (ctrl+p) alone: (action, label).
SESSION_COMMANDS: tuple[tuple[str, str], ...] = (("next_case", "key.next_case"),)

GLOBAL_KEYS: tuple[Key, ...] = (
    Key("ctrl+p", "command_palette", "key.palette"),
    Key("ctrl+q", "quit", "key.quit"),
)


def bindings(keys: tuple[Key, ...]) -> list[BindingType]:
    return [
        Binding(k.keys, k.action, "short." + k.label if k.footer else k.label, show=k.footer) for k in keys
    ]
