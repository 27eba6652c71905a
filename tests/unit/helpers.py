from __future__ import annotations

from peertui.core import events as ev
from peertui.core import rules as core


def go_to(session: core.Session, key: str, at: float) -> core.Session:
    """Step forward until the step `key`."""
    while session.step.key != key:
        session = core.apply(session, ev.NextStep(), at)
    return session
