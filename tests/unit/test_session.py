from datetime import date

import pytest

from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.model import ActionStatus
from peertui.core.turns import Order
from tests.unit.helpers import go_to

CONSULTANTS = ("Tom Becker", "Aisha Okafor", "Daniel Novak", "Sofia García", "Liam O'Connor")


def test_a_session_starts_in_its_first_step_with_the_timer_running(running, clock):
    assert running.step.key == "followup"
    assert running.run.timer.running
    assert running.run.entered_at == clock.now()
    assert running.deadline == clock.now() + 110 * 60


def test_steps_record_planned_and_actual_time(running, clock):
    clock.advance(17 * 60)
    session = core.apply(running, ev.NextStep(), clock.now())
    follow = session.runs[0]
    assert follow.timer.planned == 15 * 60
    assert follow.timer.spent(clock.now() + 999) == 17 * 60  # stopped when left
    assert follow.left_at == clock.now()
    assert session.step.key == "topic" and session.run.timer.running


def test_going_back_resumes_the_earlier_step_time(running, clock):
    clock.advance(60)
    session = core.apply(running, ev.NextStep(), clock.now())
    clock.advance(30)
    session = core.apply(session, ev.PreviousStep(), clock.now())
    clock.advance(60)
    assert session.run.timer.spent(clock.now()) == 120
    assert session.runs[1].timer.spent(clock.now()) == 30


def test_first_and_last_steps_refuse_to_go_further(running, clock):
    with pytest.raises(core.Refused) as refused:
        core.apply(running, ev.PreviousStep(), clock.now())
    assert refused.value.code == "first_step"
    last = go_to(running, "evaluation", clock.now())
    with pytest.raises(core.Refused, match="last_step"):
        core.apply(last, ev.NextStep(), clock.now())


def test_topic_choice_needs_a_client(managers, codev, clock):
    session = core.start("s", managers, codev, clock.now())
    session = core.apply(session, ev.NextStep(), clock.now())
    with pytest.raises(core.Refused, match="client_needed"):
        core.apply(session, ev.NextStep(), clock.now())
    session = core.apply(session, ev.SetClient("Tom Becker", "Hiring"), clock.now())
    assert core.apply(session, ev.NextStep(), clock.now()).step.key == "presentation"


def test_the_client_and_the_facilitator_are_left_out_of_the_consultants_round(running, clock):
    session = go_to(running, "questions", clock.now())
    assert session.queue.waiting == CONSULTANTS
    assert "Morgan Lee" not in session.queue.waiting


def test_the_follow_up_round_has_everyone_but_the_facilitator(running):
    assert running.queue.waiting[0] == "Priya Raman"
    assert "Morgan Lee" not in running.queue.waiting
    assert len(running.queue.waiting) == 6


def test_pause_and_resume(running, clock):
    clock.advance(60)
    paused = core.apply(running, ev.PauseTimer(), clock.now())
    assert paused.paused
    with pytest.raises(core.Refused, match="already_paused"):
        core.apply(paused, ev.PauseTimer(), clock.now())
    clock.advance(600)
    resumed = core.apply(paused, ev.ResumeTimer(), clock.now())
    clock.advance(60)
    assert resumed.run.timer.spent(clock.now()) == 120


def test_expected_end_and_shortening_the_rest(running, clock):
    session = go_to(running, "consultation", clock.now())
    clock.advance(100 * 60)  # a 25-minute step running 75 minutes over
    late = session.expected_end(clock.now()) - session.deadline
    assert late > 0
    shorter = core.apply(session, ev.ShortenRemaining(), clock.now())
    assert shorter.expected_end(clock.now()) <= session.deadline + 60
    assert all(run.timer.planned >= 60 for run in shorter.runs)
    assert shorter.runs[:6] == session.runs[:6]


def test_shortening_is_refused_when_on_time(running, clock):
    with pytest.raises(core.Refused, match="on_time"):
        core.apply(running, ev.ShortenRemaining(), clock.now())


def test_ideas_are_attributed_to_the_speaker_and_the_step(running, clock):
    session = go_to(running, "questions", clock.now())
    session = core.apply(session, ev.CaptureIdea("  What did you try?  "), clock.now())
    idea = session.ideas[-1]
    assert (idea.text, idea.author, idea.step, idea.kind) == (
        "What did you try?",
        "Tom Becker",
        "questions",
        "question",
    )
    session = core.apply(session, ev.CaptureIdea("Hm", author="Sofia García"), clock.now())
    assert session.ideas[-1].author == "Sofia García"


def test_in_the_presentation_ideas_go_to_the_client(running, clock):
    session = go_to(running, "presentation", clock.now())
    session = core.apply(session, ev.CaptureIdea("Wants a calmer team"), clock.now())
    assert session.ideas[-1].author == "Priya Raman"


def test_ideas_can_be_edited_deleted_and_made_confidential(running, clock):
    session = core.apply(running, ev.CaptureIdea("first"), clock.now())
    idea_id = session.ideas[0].id
    session = core.apply(session, ev.EditIdea(idea_id, "first, better"), clock.now())
    session = core.apply(session, ev.ToggleConfidential(idea_id), clock.now())
    assert session.ideas[0].text == "first, better" and session.ideas[0].confidential
    session = core.apply(session, ev.DeleteIdea(idea_id), clock.now())
    assert session.ideas == ()
    with pytest.raises(core.Refused, match="no_such_idea"):
        core.apply(session, ev.DeleteIdea(idea_id), clock.now())


def test_empty_and_unknown_are_refused(running, clock):
    with pytest.raises(core.Refused, match="empty_text"):
        core.apply(running, ev.CaptureIdea("   "), clock.now())
    with pytest.raises(core.Refused) as refused:
        core.apply(running, ev.CaptureIdea("x", author="Nobody"), clock.now())
    assert refused.value.params == {"name": "Nobody"}
    with pytest.raises(core.Refused, match="bad_kind"):
        core.apply(running, ev.CaptureIdea("x", kind="question"), clock.now())


def test_a_long_idea_is_kept_whole_and_a_too_long_one_refused_never_cut(running, clock):
    session = core.apply(running, ev.CaptureIdea("x" * 50_000), clock.now())
    assert session.ideas[0].text == "x" * 50_000
    with pytest.raises(core.Refused, match="too_long") as refused:
        core.apply(running, ev.CaptureIdea("y" * (core.MAX_TEXT + 1)), clock.now())
    assert refused.value.params == {"length": core.MAX_TEXT + 1, "limit": core.MAX_TEXT}


def test_actions_belong_to_the_client_by_default(running, clock):
    session = go_to(running, "synthesis", clock.now())
    session = core.apply(session, ev.AddAction("Talk to HR", due=date(2026, 12, 15)), clock.now())
    action = session.actions[0]
    assert (action.owner, action.what, action.due, action.status) == (
        "Priya Raman",
        "Talk to HR",
        date(2026, 12, 15),
        ActionStatus.OPEN,
    )
    assert action.id == "s1/a1" and action.session_id == "s1"
    edit = ev.EditAction(action.id, "Talk to HR first", "Tom Becker", None)
    session = core.apply(session, edit, clock.now())
    assert session.actions[0].owner == "Tom Becker" and session.actions[0].due is None


def test_speaking_turns_through_the_session(running, clock):
    session = go_to(running, "consultation", clock.now())
    clock.advance(90)
    session = core.apply(session, ev.NextSpeaker(), clock.now())
    clock.advance(10)
    session = core.apply(session, ev.PassTurn(), clock.now())
    session = core.apply(session, ev.SkipSpeaker(), clock.now())
    assert session.queue.current == "Sofia García"
    assert session.queue.waiting[-1] == "Daniel Novak"
    assert session.queue.upcoming == ("Liam O'Connor", "Daniel Novak")
    talk = session.talk_time()
    assert talk["Tom Becker"] == 90.0
    assert talk["Aisha Okafor"] == 10.0  # ten seconds on the floor, then a pass
    assert [t.passed for t in session.turns if t.step == "consultation"] == [False, True]


def test_a_new_round_begins_when_the_last_one_is_over(running, clock):
    session = go_to(running, "questions", clock.now())
    for _ in CONSULTANTS:
        session = core.apply(session, ev.NextSpeaker(), clock.now())
    assert session.queue.current is None
    session = core.apply(session, ev.NextSpeaker(), clock.now())
    assert session.queue.current == "Tom Becker"


def test_least_heard_first_uses_the_talk_time(running, clock):
    session = go_to(running, "questions", clock.now())
    clock.advance(300)
    session = core.apply(session, ev.NextSpeaker(), clock.now())  # Tom spoke 5 minutes
    session = go_to(session, "consultation", clock.now())
    clock.advance(5)
    session = core.apply(session, ev.SetOrder(Order.LEAST_HEARD), clock.now())
    assert session.queue.current == "Aisha Okafor"  # the round had not really begun
    assert session.queue.upcoming[-1] == "Tom Becker"
    assert session.turns[-1].speaker != "Tom Becker" or session.turns[-1].step != "consultation"


def test_reordering_never_takes_the_floor_from_someone_speaking(running, clock):
    session = go_to(running, "consultation", clock.now())
    clock.advance(60)
    session = core.apply(session, ev.SetOrder(Order.RANDOM, seed=3), clock.now())
    assert session.queue.current == "Tom Becker"
    assert session.order is Order.RANDOM


def test_choose_speaker_outside_the_round(running, clock):
    session = go_to(running, "consultation", clock.now())
    session = core.apply(session, ev.ChooseSpeaker("Liam O'Connor"), clock.now())
    assert session.queue.current == "Liam O'Connor"


def test_closing_ends_the_turn_and_the_timer_and_freezes_the_session(running, clock):
    clock.advance(42)
    closed = core.apply(running, ev.CloseSession(), clock.now())
    assert closed.closed and closed.closed_at == clock.now()
    assert closed.turns[-1].seconds == 42
    assert not closed.run.timer.running
    with pytest.raises(core.Refused, match="session_closed"):
        core.apply(closed, ev.NextStep(), clock.now())


def test_reviews_and_form_parts_replace_earlier_words_of_the_same_person(running, clock):
    def review(status, note=""):
        return ev.ReviewAction("old/a1", "Tom Becker", "Call", status, note)

    session = core.apply(running, review(ActionStatus.IN_PROGRESS), clock.now())
    session = core.apply(session, review(ActionStatus.DONE, "called"), clock.now())
    assert [(r.status, r.note) for r in session.reviews] == [(ActionStatus.DONE, "called")]
    session = go_to(session, "evaluation", clock.now())
    session = core.apply(session, ev.FillPart("learning", "a", "Tom Becker"), clock.now())
    session = core.apply(session, ev.FillPart("learning", "b", "Tom Becker"), clock.now())
    session = core.apply(session, ev.FillPart("application", "c", "Tom Becker"), clock.now())
    [entry] = session.entries
    assert entry.parts == (
        ("appreciation", ""),
        ("expectations", ""),
        ("learning", "b"),
        ("application", "c"),
    )


def test_the_facilitator_cannot_be_client(running, clock):
    with pytest.raises(core.Refused, match="facilitator_not_client"):
        core.apply(running, ev.SetClient("Morgan Lee", "x"), clock.now())


def test_every_event_has_a_handler():
    kinds = [
        k for k in vars(ev).values() if isinstance(k, type) and issubclass(k, ev.Event) and k is not ev.Event
    ]
    assert kinds and all(kind in core.RULES for kind in kinds)


def test_step_minutes_can_be_set(running, clock):
    session = core.apply(running, ev.SetStepMinutes("consultation", 40), clock.now())
    assert session.runs[5].timer.planned == 2400
    with pytest.raises(core.Refused, match="bad_minutes"):
        core.apply(running, ev.SetStepMinutes("consultation", 0), clock.now())
