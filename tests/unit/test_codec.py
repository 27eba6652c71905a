from datetime import date

from peertui.core import codec, session_codec
from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.model import ActionStatus
from tests.unit.helpers import go_to


def test_a_full_session_survives_the_round_trip(running, clock):
    session = go_to(running, "consultation", clock.now())
    clock.advance(30)
    session = core.apply(session, ev.CaptureIdea("Idée [bold] ✨ עברית", confidential=True), clock.now())
    session = core.apply(session, ev.NextSpeaker(), clock.now())
    session = core.apply(session, ev.AddAction("Call", due=date(2026, 12, 1)), clock.now())
    review = ev.ReviewAction("x/a1", "Tom Becker", "Old", ActionStatus.DONE)
    session = core.apply(session, review, clock.now())
    session = go_to(session, "evaluation", clock.now())
    session = core.apply(session, ev.FillPart("learning", "l", "Tom Becker"), clock.now())
    assert session_codec.session_from_dict(session_codec.session_to_dict(session)) == session
    closed = core.apply(session, ev.CloseSession(), clock.now())
    assert session_codec.session_from_dict(session_codec.session_to_dict(closed)) == closed


def test_an_action_with_history_round_trips(running, clock):
    session = core.apply(running, ev.AddAction("Call", due=date(2026, 12, 1)), clock.now())
    action = session.actions[0].changed(clock.now(), ActionStatus.IN_PROGRESS, "started", date(2027, 1, 5))
    assert codec.action_from_dict(codec.action_to_dict(action)) == action
    assert action.history[-1].due == date(2027, 1, 5) and action.due == date(2027, 1, 5)
