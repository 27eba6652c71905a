"""What the facilitator's typing becomes in each step.

A step offers capture targets, cycled with one key: its idea kinds, and where
the step asks for them, an action, the contract sentence or the parts of its form
(the 4 A, a story...). `@name` at the start attributes the text, or the action, to
someone else than the current speaker.
"""

from __future__ import annotations

import unicodedata

from peertui.core import events as ev
from peertui.core.protocol import Capture, Step
from peertui.core.session import Refused, Session

ACTION = "action"
CONTRACT = "contract"


def targets(step: Step) -> tuple[str, ...]:
    """What Enter can save in this step, the most expected first, each once."""
    first: tuple[str, ...] = ()
    if Capture.CONTRACT in step.captures:
        first += (CONTRACT,)
    if Capture.ACTIONS in step.captures:
        first += (ACTION,)
    if step.form is not None:
        first += tuple(part.key for part in step.form.parts)
    return tuple(dict.fromkeys((*first, *step.idea_kinds)))


def is_form_part(step: Step, target: str) -> bool:
    return step.form is not None and step.form.part(target) is not None


def _letters(text: str) -> str:
    """A name's letters and digits alone, accents and case aside: '@zoe' finds 'Zoé M.'"""
    plain = unicodedata.normalize("NFKD", text).casefold()
    return "".join(c for c in plain if c.isalnum())


def find_person(names: tuple[str, ...], typed: str) -> str:
    """The one name that `typed` starts (accents, case and spaces aside), or Refused."""
    key = _letters(typed)
    if not key:
        raise Refused("unknown_person", name=typed)
    exact = [n for n in names if _letters(n) == key]
    found = exact or [
        n for n in names if _letters(n).startswith(key) or any(_letters(w).startswith(key) for w in n.split())
    ]
    if len(found) != 1:
        raise Refused("ambiguous_person" if found else "unknown_person", name=typed)
    return found[0]


def split_mention(session: Session, text: str) -> tuple[str | None, str]:
    """'@zoe Ask the night team' -> ('Zoé Mercier', 'Ask the night team')."""
    stripped = text.lstrip()
    if not stripped.startswith("@"):
        return None, text
    word, _, rest = stripped[1:].partition(" ")
    word = word.rstrip(":,")
    people = tuple(
        dict.fromkeys((*session.present, session.facilitator) if session.facilitator else session.present)
    )
    return find_person(people, word), rest


def capture_event(session: Session, target: str, text: str) -> ev.Event:
    """The event that saving `text` as `target` makes (ACTION is handled by a form)."""
    author, text = split_mention(session, text)
    if target == CONTRACT:
        return ev.SetContract(text)
    if is_form_part(session.step, target):
        return ev.FillPart(target, text, author)
    return ev.CaptureIdea(text, author=author, kind=target)
