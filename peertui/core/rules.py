"""The session as a state machine: an event in, a new session out.

`apply(session, event, at)` finds the rule for the event (flow.py for steps, time and
turns; entries.py for what is captured) and gives the new session, or raises Refused
with a reason, and nothing changes. This is the one way a session changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from peertui.core import entries, exchange, flow
from peertui.core import events as ev
from peertui.core.flow import start
from peertui.core.session import MAX_TEXT, Refused, Session

__all__ = ["MAX_TEXT", "Refused", "Session", "apply", "start"]

Rule = Callable[[Session, Any, float], Session]

RULES: dict[type[ev.Event], Rule] = {
    ev.NextStep: flow.next_step,
    ev.PreviousStep: flow.previous_step,
    ev.PauseTimer: flow.pause,
    ev.ResumeTimer: flow.resume,
    ev.ShortenRemaining: flow.shorten,
    ev.SetStepMinutes: flow.set_minutes,
    ev.NextSpeaker: flow.next_speaker,
    ev.PassTurn: flow.pass_turn,
    ev.SkipSpeaker: flow.skip,
    ev.ChooseSpeaker: flow.choose,
    ev.SetOrder: flow.set_order,
    ev.CloseSession: flow.close,
    ev.CaptureIdea: entries.capture,
    ev.EditIdea: entries.edit_idea,
    ev.DeleteIdea: entries.delete_idea,
    ev.ToggleConfidential: entries.toggle_confidential,
    ev.AddAction: entries.add_action,
    ev.EditAction: entries.edit_action,
    ev.DeleteAction: entries.delete_action,
    ev.SetClient: entries.set_client,
    ev.SetContract: entries.set_contract,
    ev.MarkConfidential: entries.mark_confidential,
    ev.NextCase: flow.next_case,
    ev.KeepIdea: entries.keep_idea,
    ev.ReviewAction: entries.review,
    ev.AnswerQuestion: exchange.answer,
    ev.Vote: exchange.vote,
    ev.GiveRoti: exchange.give_roti,
    ev.Agree: exchange.agree,
    ev.Decide: exchange.decide,
    ev.FillPart: entries.fill_part,
    ev.EditEntry: entries.edit_entry,
    ev.DeleteEntry: entries.delete_entry,
}


def apply(session: Session, event: ev.Event, at: float) -> Session:
    """The session after `event`, which happened at `at`; or Refused."""
    if session.closed:
        raise Refused("session_closed")
    return RULES[type(event)](session, event, at)
