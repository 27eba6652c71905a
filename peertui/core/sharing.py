"""How far what a session produced may go: the levels of the recap, what is confidential,
and the short ids a participant quotes when they answer about an action.

Confidentiality is the method's founding rule: a confidential idea, case or contract is
in no level at all; each level leaves out what its readers should not read.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum

CONFIDENTIAL_MARK = "!"  # at the start of a line: what follows is confidential


class Level(StrEnum):
    """Who a recap is for."""

    GROUP = "group"  # the members: what the group shares, without the talk-time table
    PARTICIPANT = "participant"  # one person: their actions, their learnings, the next date
    OUTSIDE = "outside"  # a sponsor, a manager: no case, no contract, no client, no action
    FACILITATOR = "facilitator"  # everything but the confidential, talk time included


def confidential_mark(text: str) -> tuple[str, bool]:
    """'! my words' is 'my words', confidential; a line without the mark is as typed."""
    stripped = text.lstrip()
    if stripped.startswith(CONFIDENTIAL_MARK):
        return stripped[len(CONFIDENTIAL_MARK) :].lstrip(), True
    return text, False


def toggle_mark(line: str) -> str:
    """The capture line with the mark added, or taken away (one key does both)."""
    text, marked = confidential_mark(line)
    return text if marked else f"{CONFIDENTIAL_MARK} {line.lstrip()}"


# Crockford's base 32: no I, L, O or U, so that a short id read aloud or retyped from a
# mail is not misread; what is typed is read with the same forgiveness.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0", "U": "V"})
SHORT_LENGTH = 5  # 32**5: 33 million, so two actions of one database share one very rarely


def short_id(action_id: str) -> str:
    """A handful of letters and digits that name one action: 'K7Q2A'."""
    number = int.from_bytes(hashlib.sha256(action_id.encode("utf-8")).digest()[:4], "big")
    letters = []
    for _ in range(SHORT_LENGTH):
        number, digit = divmod(number, 32)
        letters.append(_ALPHABET[digit])
    return "".join(letters)


def as_short_id(typed: str) -> str:
    """What was typed, as a short id would be written: case, dashes and misreadings aside."""
    return typed.strip().upper().replace("-", "").replace(" ", "").translate(_READ_AS)
