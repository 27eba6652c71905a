"""The recap's levels: who reads what. Confidential things are in no level; a person's
own recap holds nothing of anyone else; the outside one holds no case, no client and no
action. Names and texts are hostile: markup, right-to-left, emoji, brackets."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from markdown_it import MarkdownIt

from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.model import Group, Participant
from peertui.core.recap import outline, render_markdown, render_text
from peertui.core.sharing import Level, as_short_id, confidential_mark, short_id, toggle_mark
from peertui.core.targets import CONTRACT, PART, capture_event
from tests.unit.helpers import go_to

PEOPLE = ("Zoé [b]Mercier[/b]", "**Noël** _Bénard_", "سارة", "Anne 🎉 Roy", "Tom | Becker")
CLIENT = PEOPLE[0]


@pytest.fixture
def closed(codev, clock) -> core.Session:
    """A whole co-development session: a confidential case and contract, ideas of each
    person (some confidential), an action and a 4 A entry each, one earlier open action."""
    group = Group(
        "Cercle <script>",
        "fr",
        tuple(Participant(name) for name in PEOPLE),
        sessions=(date(2026, 9, 1), date(2026, 10, 13), date(2026, 11, 10)),
    )
    at = clock.now()
    session = core.start("s1", group, codev, at, client=CLIENT, case_title="! CASE-secret title")
    assert session.case_confidential and session.case_title == "CASE-secret title"
    session = go_to(session, "contract", at)
    session = core.apply(session, capture_event(session, CONTRACT, "!Aidez-moi CONTRACT-secret"), at)
    session = go_to(session, "consultation", at)
    for n, person in enumerate(PEOPLE[1:]):
        session = core.apply(
            session, ev.CaptureIdea(f"IDEA-{n} shared", author=person, kind="suggestion"), at
        )
        session = core.apply(session, capture_event(session, "suggestion", f"! SECRET-{n} said"), at)
    session = go_to(session, "synthesis", at)
    for n, person in enumerate(PEOPLE):
        session = core.apply(session, ev.AddAction(f"ACTION-{n} to do", owner=person), at)
    session = go_to(session, "evaluation", at)
    for n, person in enumerate(PEOPLE):
        session = core.apply(session, ev.FillPart("learning", f"LEARN-{n} learned", person), at)
        session = core.apply(session, ev.FillPart("application", f"APPLY-{n} applied", person), at)
    session = core.apply(session, capture_event(session, "note", "@anne ! SECRET-note"), at)
    assert session.ideas[-1].author == PEOPLE[3]
    return core.apply(session, ev.CloseSession(), at + 3600)


def everything(session: core.Session) -> list[str]:
    people = [name for name in session.present if name != session.facilitator]
    texts = []
    for level in (Level.GROUP, Level.FACILITATOR, Level.OUTSIDE):
        texts += [render_markdown(session, level=level), render_text(session, level=level)]
    for person in people:
        texts += [
            render_markdown(session, level=Level.PARTICIPANT, person=person),
            render_text(session, level=Level.PARTICIPANT, person=person),
        ]
    return texts


def test_the_confidential_is_in_no_level(closed):
    assert sum(idea.confidential for idea in closed.ideas) == 5 and closed.contract_confidential
    for text in everything(closed):
        assert "SECRET" not in text and "CASE-secret" not in text and "CONTRACT-secret" not in text


def test_a_case_made_confidential_afterwards_leaves_every_level(closed, clock):
    running = replace(closed, closed_at=None)  # F2 or F5, before the close
    shared = core.apply(running, ev.MarkConfidential("case", False), clock.now())
    assert "CASE-secret" in render_text(shared, level=Level.GROUP)
    hidden = core.apply(shared, ev.MarkConfidential("case", True), clock.now())
    assert all("CASE-secret" not in text for text in everything(hidden))


def test_each_participant_reads_their_own_and_nothing_of_anyone_else(closed):
    for n, person in enumerate(PEOPLE[1:], start=1):
        text = render_text(closed, level=Level.PARTICIPANT, person=person)
        markdown = render_markdown(closed, level=Level.PARTICIPANT, person=person)
        assert f"ACTION-{n}" in text and f"LEARN-{n}" in text and f"APPLY-{n}" in text
        action = next(a for a in closed.actions if a.owner == person)
        assert short_id(action.id) in text  # the id to quote in a reply
        others = [name for name in PEOPLE if name != person]
        for other in range(len(PEOPLE)):
            if other != n:
                assert f"ACTION-{other}" not in text and f"LEARN-{other}" not in text
        assert not any(f"IDEA-{m}" in text for m in range(len(PEOPLE)))  # another's case
        assert not any(name in text for name in others)  # nobody else is even named
        assert "mardi 13 octobre 2026" in text  # the next session, from the group file
        tokens = MarkdownIt().parse(markdown)
        assert next(t.tag for t in tokens if t.type == "heading_open") == "h1"
        assert sum(t.type == "heading_open" and t.tag == "h1" for t in tokens) == 1


def test_the_client_reads_what_the_group_offered_for_their_case(closed):
    text = render_text(closed, level=Level.PARTICIPANT, person=CLIENT)
    assert all(f"IDEA-{n} shared" in text for n in range(len(PEOPLE) - 1))
    assert "ACTION-0" in text and "ACTION-1" not in text


def test_outside_the_group_no_case_no_client_no_action_no_author(closed):
    doc = outline(closed, level=Level.OUTSIDE)
    text = render_text(closed, level=Level.OUTSIDE)
    assert "ACTION" not in text and "IDEA" not in text and "APPLY" not in text
    assert "Client" not in text and "Contrat" not in text
    learned = next(s for s in doc.sections if s.title == "Ce que le groupe a appris")
    said = [line for block in learned.blocks for _, line in block.items]  # type: ignore[union-attr]
    assert sorted(said) == sorted(f"LEARN-{n} learned" for n in range(len(PEOPLE)))
    assert "Pour l’extérieur du groupe" in text


def test_the_group_reads_no_talk_time_and_the_facilitator_does(closed):
    group, facilitator = render_text(closed), render_text(closed, level=Level.FACILITATOR)
    assert "Temps de parole" not in group and "Temps de parole" in facilitator
    assert "Pour le groupe seulement" in group and "IDEA-0 shared" in group


def test_marks_and_short_ids():
    assert confidential_mark("! mes mots") == ("mes mots", True)
    assert confidential_mark("  !mes mots") == ("mes mots", True)
    assert confidential_mark("mes mots !") == ("mes mots !", False)
    assert toggle_mark("mes mots") == "! mes mots" and toggle_mark("! mes mots") == "mes mots"
    ids = {short_id(f"2026-11-01-0900-g/a{n}") for n in range(2000)}
    assert len(ids) == 2000 and all(
        len(i) == 5 and set(i) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for i in ids
    )
    some = short_id("x/a1")
    assert as_short_id(some.lower()) == some
    assert as_short_id("o1-il u") == "0111V"


def test_a_confidential_line_in_a_shared_part_is_kept_as_a_confidential_note(running, clock):
    """Refused, it stayed on the line and a burst ran the next answers into it."""
    session = go_to(running, "evaluation", clock.now())
    event = capture_event(session, PART + "learning", "! what I learned")
    assert isinstance(event, ev.CaptureIdea) and event.confidential and event.kind == "note"
    assert event.text == "what I learned"
    marked = core.apply(session, capture_event(session, "note", "! between us"), clock.now())
    assert marked.ideas[-1].confidential and marked.ideas[-1].text == "between us"


def test_an_action_cannot_look_confidential(running, clock):
    session = go_to(running, "synthesis", clock.now())
    with pytest.raises(core.Refused, match="action_not_confidential"):
        core.apply(session, ev.AddAction("! Ask for a transfer"), clock.now())
    session = core.apply(session, ev.AddAction("Ask for a transfer"), clock.now())
    with pytest.raises(core.Refused, match="action_not_confidential"):
        core.apply(session, ev.EditAction(session.actions[0].id, "!Ask", "Priya Raman", None), clock.now())
