import pytest

from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.targets import ACTION, CONTRACT, PART, capture_event, find_person, split_mention, targets
from tests.unit.helpers import go_to

NAMES = ("Zoé Mercier", "Noël Bénard", "Anaïs Côté", "Anne Roy")


def test_targets_follow_the_step(codev):
    steps = {step.key: step for step in codev.steps}
    assert targets(steps["questions"]) == ("question",)
    assert targets(steps["contract"])[0] == CONTRACT
    # An action is one Tab away, never the first: what is typed first is what was said.
    assert targets(steps["synthesis"]) == ("decision", ACTION, "note")
    assert targets(steps["evaluation"]) == (
        *(PART + part for part in ("appreciation", "expectations", "learning", "application")),
        "note",
    )


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("zoe", "Zoé Mercier"),
        ("ZOÉ", "Zoé Mercier"),
        ("noel", "Noël Bénard"),
        ("benard", "Noël Bénard"),
        ("anais", "Anaïs Côté"),
        ("anne", "Anne Roy"),
        ("zoemercier", "Zoé Mercier"),
    ],
)
def test_people_are_found_without_accents_or_case(typed, name):
    assert find_person(NAMES, typed) == name


def test_ambiguous_and_unknown_people_are_refused():
    with pytest.raises(core.Refused, match="ambiguous_person"):
        find_person(NAMES, "an")
    with pytest.raises(core.Refused, match="unknown_person"):
        find_person(NAMES, "bob")


def test_a_mention_attributes_the_idea(running, clock):
    session = go_to(running, "consultation", clock.now())
    assert split_mention(session, "@sofia: try pairing") == ("Sofia García", "try pairing")
    assert split_mention(session, "no mention @here") == (None, "no mention @here")
    event = capture_event(session, "suggestion", "@liam Try pairing")
    session = core.apply(session, event, clock.now())
    assert (session.ideas[-1].author, session.ideas[-1].text) == ("Liam O'Connor", "Try pairing")


def test_the_contract_and_the_four_a(running, clock):
    session = go_to(running, "contract", clock.now())
    session = core.apply(session, capture_event(session, CONTRACT, "Aidez-moi à déléguer"), clock.now())
    assert session.contract == "Aidez-moi à déléguer"
    session = go_to(session, "evaluation", clock.now())
    speaker = session.speaker
    session = core.apply(
        session, capture_event(session, PART + "learning", "Ask before advising"), clock.now()
    )
    session = core.apply(
        session, capture_event(session, PART + "application", "Monday's meeting"), clock.now()
    )
    assert [(e.author, e.text("learning"), e.text("application")) for e in session.entries] == [
        (speaker, "Ask before advising", "Monday's meeting")
    ]


def test_the_four_a_need_someone(managers, codev, clock):
    session = core.start("s", managers, codev, clock.now(), client="Tom Becker")
    session = go_to(session, "evaluation", clock.now())
    for _ in range(6):
        session = core.apply(session, ev.NextSpeaker(), clock.now())
    assert session.speaker == ""
    with pytest.raises(core.Refused, match="author_needed"):
        core.apply(session, capture_event(session, PART + "learning", "x"), clock.now())


def test_an_action_is_never_the_first_target():
    """Wherever a step captures actions, Enter first saves its first other capture, in the
    order the protocol lists them; the action is one Tab away (#14: in the check-in round
    the first words opened the action form and the next line landed in the due date)."""
    from peertui.core.protocol import Capture
    from peertui.core.protocol_file import builtin_protocols

    firsts = {}
    for protocol in builtin_protocols().values():
        for step in protocol.steps:
            if Capture.ACTIONS not in step.captures:
                continue
            offered = targets(step)
            assert offered[0] != ACTION and ACTION in offered, (protocol.key, step.key)
            firsts[(protocol.key, step.key)] = offered[0]
    assert firsts[("checkin", "round")] == "note"
    assert firsts[("world_cafe", "harvest")] == "insight"
    assert firsts[("storytelling", "lessons")] == "learning"
    assert firsts[("practice_exchange", "evaluation")] == "roti"  # listed first in its file
    assert firsts[("practice_exchange", "formalise")] == PART + "situation"
    assert firsts[("network_closing", "decision")] == "group_decision"
