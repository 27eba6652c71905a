"""The method's rules as the core holds them: the 4 A, who may speak, time counted right,
shortening that keeps its floors, and a recap that hides no overtime and no one."""

from __future__ import annotations

from datetime import UTC

import pytest
from markdown_it import MarkdownIt

from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.flow import cut_minutes, room_to_shorten
from peertui.core.recap import render_markdown, render_text
from peertui.core.session_codec import session_from_dict, session_to_dict
from peertui.core.sharing import Level
from tests.unit.helpers import go_to


def test_the_four_a_are_offered_once_each_with_their_question(codev):
    evaluation = next(step for step in codev.steps if step.key == "evaluation")
    assert evaluation.form is not None
    keys = [part.key for part in evaluation.form.parts]
    assert keys == ["appreciation", "expectations", "learning", "application"]
    assert evaluation.form.part("learning").prompt("fr") == "Qu'avez-vous appris ?"
    assert evaluation.form.part("application").commitment


def test_an_entry_is_one_per_person_made_part_by_part_edited_and_deleted_whole(running, clock):
    session = go_to(running, "evaluation", clock.now())
    speaker = session.speaker
    session = core.apply(session, ev.FillPart("appreciation", "the listening"), clock.now())
    session = core.apply(session, ev.FillPart("learning", "ask first"), clock.now())
    [entry] = session.entries
    assert (entry.author, entry.text("appreciation"), entry.text("learning")) == (
        speaker,
        "the listening",
        "ask first",
    )
    parts = (("appreciation", ""), ("learning", "ask, then listen"), ("application", "1:1s"))
    session = core.apply(session, ev.EditEntry(speaker, "evaluation", parts), clock.now())
    [entry] = session.entries
    assert entry.text("appreciation") == "" and entry.text("application") == "1:1s"
    session = core.apply(session, ev.DeleteEntry(speaker, "evaluation"), clock.now())
    assert session.entries == ()
    with pytest.raises(core.Refused, match="no_form"):
        core.apply(go_to(running, "consultation", clock.now()), ev.FillPart("learning", "x"), clock.now())


def test_each_a_is_its_own_line_in_the_recap(running, clock):
    session = go_to(running, "evaluation", clock.now())
    session = core.apply(
        session, ev.FillPart("expectations", "Expected more concrete tools", "Tom Becker"), 1
    )
    session = core.apply(session, ev.FillPart("learning", "Silence is information too", "Tom Becker"), 2)
    closed = core.apply(session, ev.CloseSession(), clock.now())
    markdown = render_markdown(closed, tz=UTC)
    assert (
        "- **Tom Becker**\n  - Expectations: Expected more concrete tools\n  - Learning: Silence" in markdown
    )
    tree = MarkdownIt("commonmark").parse(markdown)
    assert sum(1 for token in tree if token.type == "list_item_open" and token.level == 3) >= 2  # nested
    text = render_text(closed, tz=UTC)
    assert "- Tom Becker\n    Expectations: Expected more concrete tools\n    Learning: Silence" in text


def test_an_old_session_with_its_4_a_as_evaluations_still_loads(running, clock):
    session = go_to(running, "evaluation", clock.now())
    data = session_to_dict(session)
    # As sessions were saved before forms: a capture of its own, four fields a person.
    evaluation = next(s for s in data["protocol"]["steps"] if s["key"] == "evaluation")
    evaluation.update(captures=["evaluation", "ideas"], idea_kinds=["learning", "note"])
    del evaluation["form"]
    del data["entries"]
    data["evaluations"] = [
        {
            "author": "Tom Becker",
            "appreciation": "",
            "expectations": "",
            "learning": "Ask first",
            "application": "Try it",
            "at": 5.0,
        }
    ]
    loaded = session_from_dict(data)
    [entry] = loaded.entries
    assert (entry.author, entry.step, entry.text("learning"), entry.text("application")) == (
        "Tom Becker",
        "evaluation",
        "Ask first",
        "Try it",
    )
    assert loaded.step.form is not None and loaded.step.form.key == "four_a"


def test_the_client_in_the_consultation_is_marked_against_the_rule(running, clock):
    session = go_to(running, "consultation", clock.now())
    session = core.apply(session, ev.CaptureIdea("an idea", author="Priya Raman"), clock.now())
    session = core.apply(session, ev.CaptureIdea("a consultant's idea"), clock.now())
    assert [idea.against_rule for idea in session.ideas] == [True, False]
    closed = core.apply(session, ev.CloseSession(), clock.now())
    assert "against the step's rule" in render_markdown(closed, tz=UTC)


def test_the_client_talk_time_counts_in_the_steps_the_client_leads(running, clock):
    session = go_to(running, "synthesis", clock.now())
    assert session.queue.current == "Priya Raman"  # the client holds the floor
    clock.advance(140)
    session = core.apply(session, ev.NextStep(), clock.now())
    assert session.talk_time()["Priya Raman"] == 140


def test_a_pause_stops_the_speakers_clock_too(running, clock):
    session = go_to(running, "consultation", clock.now())
    speaker = session.queue.current
    clock.advance(30)
    session = core.apply(session, ev.PauseTimer(), clock.now())
    clock.advance(300)  # five minutes of pause
    assert session.queue.spoken(clock.now()) == 30
    session = core.apply(session, ev.ResumeTimer(), clock.now())
    clock.advance(10)
    session = core.apply(session, ev.NextSpeaker(), clock.now())
    assert session.talk_time()[speaker] == 40


def test_shortening_keeps_each_steps_floor_and_says_when_it_cannot_do_more(running, clock):
    session = go_to(running, "consultation", clock.now())
    clock.advance(200 * 60)  # far over: nothing can make up for it
    shorter = core.apply(session, ev.ShortenRemaining(), clock.now())
    later = {run.step.key: run.timer.planned for run in shorter.runs[shorter.current + 1 :]}
    assert later == {"synthesis": 5 * 60, "evaluation": 5 * 60}  # their floors, not a minute
    assert room_to_shorten(shorter) == 0
    with pytest.raises(core.Refused, match="cannot_shorten") as refused:
        core.apply(shorter, ev.ShortenRemaining(), clock.now())
    assert refused.value.params["minutes"] > 0


def test_the_recap_shows_overtime_passes_and_everyone_present(running, clock):
    session = go_to(running, "consultation", clock.now())
    session = core.apply(session, ev.SetStepMinutes("consultation", 1), clock.now())
    session = core.apply(session, ev.PassTurn(), clock.now())  # Tom Becker passes
    clock.advance(82)  # a 1-minute step that took 1:22
    session = core.apply(session, ev.NextStep(), clock.now())
    closed = core.apply(session, ev.CloseSession(), clock.now())
    assert "1 min (⏰ +22 s)" in render_text(closed, tz=UTC)
    assert "Talk time" not in render_text(closed, tz=UTC)  # in a chat it reads as a judgement
    text = render_text(closed, tz=UTC, level=Level.FACILITATOR)
    talk = text[text.index("Talk time") :]
    for name in ("Tom Becker", "Aisha Okafor", "Daniel Novak", "Sofia García", "Liam O'Connor"):
        assert name in talk  # those who never spoke too, at 0 min
    assert "Passed" in talk
    assert "Morgan Lee" not in talk  # the facilitator leads, and is not counted


def test_french_labels_take_a_no_break_space_before_the_colon(lyon, codev, clock):
    session = core.start("s", lyon, codev, clock.now(), client="Zoé Mercier", case_title="Équipe de nuit")
    closed = core.apply(session, ev.CloseSession(), clock.now() + 60)
    markdown = render_markdown(closed, tz=UTC)
    assert "- **Date\u00a0:**" in markdown and "**Date:**" not in markdown


def test_a_delay_of_a_minute_is_taken_off_in_whole_minutes(running, clock):
    """Rounding each step's share to the minute once took nothing off a small delay."""
    session = running
    planned = [run.timer.planned for run in session.runs]
    clock.advance(planned[0] + 70)  # the first step ran 1:10 over
    shorter = core.apply(session, ev.ShortenRemaining(), clock.now())
    cut = sum(planned) - sum(run.timer.planned for run in shorter.runs)
    assert cut == 120  # two whole minutes: the 1:10 rounded up, never less
    assert shorter.expected_end(clock.now()) <= shorter.deadline
    with pytest.raises(core.Refused, match="on_time"):  # a second press has nothing to do
        core.apply(shorter, ev.ShortenRemaining(), clock.now())
    assert cut_minutes([600.0, 60.0, 0.0], 1) == [1, 0, 0]
    assert cut_minutes([600.0, 600.0], 3) == [2, 1]
    assert cut_minutes([120.0], 5) == [2]  # no more than there is
