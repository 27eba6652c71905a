"""Two cases in one half-day: the steps from the topic's choice run again for a new client;
one follow-up round, one recap with both cases, the cycle counts both clients."""

from __future__ import annotations

from datetime import UTC

import pytest
from markdown_it import MarkdownIt

from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.cycle import cycle_of
from peertui.core.knowledge import harvest
from peertui.core.recap import render_markdown, render_text
from peertui.core.session_codec import session_from_dict, session_to_dict, summary_of
from peertui.core.sharing import Level
from tests.unit.helpers import go_to


@pytest.fixture
def two_cases(running, clock):
    at = clock.now()
    session = go_to(running, "consultation", at)  # Priya Raman's case: "A quiet team"
    session = core.apply(session, ev.CaptureIdea("FIRST-idea", kind="suggestion", author="Tom Becker"), at)
    session = go_to(session, "evaluation", at)
    session = core.apply(session, ev.FillPart("learning", "FIRST-learning", "Aisha Okafor"), at)
    follow_ups = sum(run.step.key == "followup" for run in session.runs)
    planned = session.deadline
    session = core.apply(session, ev.NextCase(), at)
    assert session.step.key == "topic#2" and session.client == "" and session.case_title == ""
    assert sum(run.step.base_key == "followup" for run in session.runs) == follow_ups  # one follow-up
    assert session.deadline > planned
    session = core.apply(session, ev.SetClient("Tom Becker", "SECOND-case"), at)
    session = go_to(session, "consultation#2", at)
    session = core.apply(session, ev.CaptureIdea("SECOND-idea", kind="suggestion", author="Priya Raman"), at)
    session = go_to(session, "evaluation#2", at)
    session = core.apply(session, ev.FillPart("learning", "SECOND-learning", "Aisha Okafor"), at)
    return core.apply(session, ev.CloseSession(), at + 3600)


def test_each_case_keeps_its_own_ideas_and_entries(two_cases):
    assert [c.client for c in two_cases.all_cases] == ["Priya Raman", "Tom Becker"]
    assert [(e.step, e.text("learning")) for e in two_cases.entries] == [
        ("evaluation", "FIRST-learning"),
        ("evaluation#2", "SECOND-learning"),
    ]
    assert two_cases.case_of("consultation#2").client == "Tom Becker"
    assert two_cases.case_of("consultation").title == "A quiet team"
    assert session_from_dict(session_to_dict(two_cases)) == two_cases  # saved and read back whole


def test_one_recap_holds_both_cases(two_cases):
    markdown = render_markdown(two_cases, tz=UTC)
    MarkdownIt().parse(markdown)
    assert "**Client (case 1):** Priya Raman" in markdown and "**Client (case 2):** Tom Becker" in markdown
    assert "**Case (case 2):** SECOND-case" in markdown
    assert "### Reactions, comments, suggestions (case 2)" in markdown and "## The 4 A (case 2)" in markdown
    assert markdown.index("FIRST-idea") < markdown.index("SECOND-idea")
    tom = render_text(two_cases, tz=UTC, level=Level.PARTICIPANT, person="Tom Becker")
    assert "SECOND-idea" in tom and "FIRST-idea" not in tom  # what was offered for his case


def test_the_cycle_counts_both_clients_and_the_memory_each_case(two_cases, managers):
    summary = summary_of(two_cases)
    assert summary.every_client == ("Priya Raman", "Tom Becker")
    cycle = cycle_of(managers, [summary], [])
    clients = {m.name: m.client for m in cycle.members}
    assert clients["Tom Becker"] == 1 and clients["Priya Raman"] == 1 and clients["Aisha Okafor"] == 0
    second = next(k for k in harvest(two_cases) if k.text == "SECOND-learning")
    assert second.case == "SECOND-case"


def test_a_protocol_without_a_client_has_no_next_case(lyon, clock):
    from peertui.core.protocol_file import builtin_protocols

    session = core.start("s", lyon, builtin_protocols()["checkin"], clock.now())
    with pytest.raises(core.Refused, match="no_next_case"):
        core.apply(session, ev.NextCase(), clock.now())
