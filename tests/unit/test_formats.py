"""The practice-exchange formats as data, and the rules they need: protocol files checked
line by line, tables and their seating, questions, votes, themes, ROTI, the charter, the
decision, steps left out at the start."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import pytest

from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.exchange import ranking, roti_average
from peertui.core.model import Group, Participant
from peertui.core.protocol import IDEA_KINDS
from peertui.core.protocol_file import ProtocolFileError, builtin_protocols, parse_protocol
from peertui.core.seating import first_seating, merged_seating, met, mixed_seating
from peertui.core.targets import (
    AGREEMENT,
    DECISION,
    PART,
    capture_event,
    form_part,
    takes_an_empty_line,
    targets,
)
from tests.unit.helpers import go_to

FORMATS = (
    "world_cafe",
    "brainstorm",
    "one_two_four_all",
    "storytelling",
    "retrospective",
    "brown_bag",
    "practice_exchange",
    "network_kickoff",
    "network_closing",
    "codev",
    "flash_codev",
    "checkin",
)
TWELVE = Group(
    "Réseau",
    "fr",
    tuple(Participant(f"P{n:02d}") for n in range(1, 13)),
    charter=("Ce qui se dit ici reste ici", "On parle de soi"),
)


def test_every_format_is_bundled_whole_in_both_languages():
    protocols = builtin_protocols()
    assert set(FORMATS) <= protocols.keys()
    for key in FORMATS:
        protocol = protocols[key]
        assert protocol.name_fr and protocol.name_en and protocol.source == "bundled"
        for step in protocol.steps:
            assert step.name_fr and step.name_en and step.rules_fr and step.rules_en, (key, step.key)
            assert len(step.rules_fr) == len(step.rules_en), (key, step.key)


def test_no_target_means_two_things(clock):
    """A form part called "action" fills the part, and the idea kind "decision" makes an
    idea: what Enter saves never depends on a name a protocol happened to choose."""
    protocols = builtin_protocols()
    for protocol in protocols.values():
        for step in protocol.steps:
            offered = targets(step)
            assert len(offered) == len(set(offered)), (protocol.key, step.key)
            special = [t for t in offered if t not in step.idea_kinds and not t.startswith(PART)]
            assert not set(special) & set(IDEA_KINDS), (protocol.key, step.key)
    story = go_to(core.start("s", TWELVE, protocols["storytelling"], clock.now()), "stories", clock.now())
    assert PART + "action" in targets(story.step) and form_part(story.step, PART + "action")
    said = capture_event(story, PART + "action", "I asked for help")
    assert said == ev.FillPart("action", "I asked for help", None)
    brainstorm = go_to(core.start("b", TWELVE, protocols["brainstorm"], clock.now()), "next", clock.now())
    assert capture_event(brainstorm, "decision", "We try it") == ev.CaptureIdea("We try it", kind="decision")


# A protocol file with five problems, on lines 10, 11, 14, 17 and further down.
BROKEN_PROTOCOL = """[protocol]
key = "mine"
name_fr = "Le mien"
name_en = "Mine"

[[steps]]
key = "one"
name_fr = "Un"
name_en = "One"
minutes = "ten"
speakerz = "everyone"

[[steps]]
key = "one"
name_fr = "Deux"
name_en = "Two"
minutes = 700
captures = ["form"]
"""


def test_a_protocol_file_names_each_problem_on_its_line():
    text = BROKEN_PROTOCOL
    with pytest.raises(ProtocolFileError) as error:
        parse_protocol(text, "mine.toml")
    found = [str(p) for p in error.value.problems]
    assert "mine.toml:10: minutes must be a number from 0.5 to 600" in found
    assert any(p.startswith('mine.toml:11: unknown field "speakerz"') for p in found)
    assert "mine.toml:17: minutes must be from 0.5 to 600" in found
    assert any(p.startswith("mine.toml:19: missing field") or "form" in p for p in found)
    assert 'mine.toml:14: two steps share the key "one" (first at line 7)' in found
    french = [p.text("fr") for p in error.value.problems]
    assert any("champ inconnu « speakerz »" in p for p in french)


def test_problems_in_the_second_form_are_found_on_their_lines():
    text = """[protocol]
key = "mine"
name_fr = "Le mien"
name_en = "Mine"

[[forms]]
key = "first"
name_fr = "Premier"
name_en = "First"

[[forms.parts]]
key = "a"
name_fr = "A"
name_en = "A"

[[forms]]
key = "second"
name_fr = "Second"
name_en = "Second"

[[forms.parts]]
key = "b"
name_fr = "B"
name_en = "B"

[[forms.parts]]
key = "b"
name_fr = "B encore"
name_en = "B again"
colour = "red"

[[steps]]
key = "one"
name_fr = "Un"
name_en = "One"
minutes = 10
"""
    with pytest.raises(ProtocolFileError) as error:
        parse_protocol(text, "mine.toml")
    assert [str(p) for p in error.value.problems] == [
        'mine.toml:27: two parts of the form share the key "b"',
        'mine.toml:30: unknown field "colour" (a typo? docs/PROTOCOLS.md lists them)',
    ]


def test_tables_seat_everyone_with_a_host_and_the_mix_meets_new_people():
    people = [f"P{n:02d}" for n in range(1, 13)]
    first = first_seating("r1", people, 4)
    assert [len(t.members) for t in first.tables] == [4, 4, 4]
    assert sorted(n for t in first.tables for n in t.members) == people
    second = mixed_seating("r2", people, first, [first])
    third = mixed_seating("r3", people, second, [first, second])
    for before, after in ((first, second), (second, third)):
        assert [t.host for t in before.tables] == [t.host for t in after.tables]  # the hosts stay
        assert sorted(n for t in after.tables for n in t.members) == people
    # Three tables of four: each table takes three movers from two other tables, so one
    # pair a table has met before (3 in all) is the least there can be, and is what it gets.
    assert second.repeats == 3
    pairs_second = {frozenset(p) for t in second.tables for p in combinations(t.members, 2)}
    assert len(pairs_second & met([first])) == 3
    assert third.repeats <= 6


@pytest.mark.parametrize("count", [4, 5, 6, 7, 8, 9, 12])
def test_one_two_four_all_joins_pairs_into_fours_then_hears_each_four(clock, count):
    """#14: the "fours" step sat 4 tables of 2 (the pairs' hosts kept); two pairs join at
    each table, whole, and at "All" the host of each four speaks for it."""
    group = replace(TWELVE, participants=TWELVE.participants[:count])
    session = core.start("s", group, builtin_protocols()["one_two_four_all"], clock.now())
    session = go_to(session, "pairs", clock.now())
    pairs = session.rounds[-1].tables
    assert all(len(t.members) <= 2 for t in pairs)
    session = go_to(session, "fours", clock.now())
    fours = session.rounds[-1].tables
    assert sorted(n for t in fours for n in t.members) == sorted(group.names)
    assert all(3 <= len(t.members) <= 6 for t in fours), [t.members for t in fours]
    assert sum(len(t.members) == 4 for t in fours) >= len(fours) - 1
    for pair in pairs:  # a pair is never split: it joins another, whole
        assert any(set(pair.members) <= set(t.members) for t in fours)
    assert len(fours) == len(pairs) // 2  # two pairs a table; a pair left over joins one
    session = go_to(session, "all", clock.now())
    assert session.queue.waiting == tuple(t.host for t in fours)


def test_twelve_make_six_pairs_then_three_fours(clock):
    people = [f"P{n:02d}" for n in range(1, 13)]
    pairs = first_seating("pairs", people, 2)
    fours = merged_seating("fours", people, pairs, 4, [pairs])
    assert [t.members for t in fours.tables] == [
        pairs.tables[0].members + pairs.tables[1].members,
        pairs.tables[2].members + pairs.tables[3].members,
        pairs.tables[4].members + pairs.tables[5].members,
    ]
    assert [t.host for t in fours.tables] == [pairs.tables[n].host for n in (0, 2, 4)]
    assert fours.repeats == 6  # each pair, together again: said, not hidden


def test_a_world_cafe_seats_rounds_and_the_harvest_hears_the_hosts(clock):
    cafe = builtin_protocols()["world_cafe"]
    session = core.start("s", TWELVE, cafe, clock.now())
    session = go_to(session, "round1", clock.now())
    assert len(session.rounds) == 1 and len(session.rounds[0].tables) == 3
    session = core.apply(session, ev.CaptureIdea("an idea", author="P05"), clock.now())
    assert session.ideas[-1].table == session.rounds[0].table_of("P05").number
    session = go_to(session, "harvest", clock.now())
    hosts = [t.host for t in session.rounds[-1].tables]
    assert session.queue.waiting == tuple(hosts)


def test_each_world_cafe_round_closes_with_the_hosts_harvest(clock):
    """#14: "the host's harvest closes each round": after each round its hosts speak in
    turn, what they say is tagged with their table and the round, and the recap gives it
    round by round; the count of pairs seated again is known where the tables are."""
    from peertui.core.exchange import reseated
    from peertui.core.recap import render_markdown

    cafe = builtin_protocols()["world_cafe"]
    keys = [step.key for step in cafe.steps]
    rounds = [step.key for step in cafe.steps if step.tables]
    for key in rounds:  # every round is followed by a harvest
        assert next(s for s in cafe.steps[keys.index(key) + 1 :]).harvest, key
    session = go_to(core.start("s", TWELVE, cafe, clock.now()), "round1", clock.now())
    assert reseated(session) is None  # the first seating moved nobody
    said = {}
    for round_, harvest in (("round1", "harvest1"), ("round2", "harvest2"), ("round3", "harvest")):
        session = go_to(session, round_, clock.now())
        if round_ != "round1":
            assert reseated(session) is session.rounds[-1]
        session = go_to(session, harvest, clock.now())
        tables = session.rounds[-1].tables
        assert session.queue.waiting == tuple(t.host for t in tables)
        for table in tables:  # each host, in turn, for their table
            text = f"{round_}: table {table.number} found this"
            session = core.apply(session, ev.CaptureIdea(text), clock.now())
            session = core.apply(session, ev.NextSpeaker(), clock.now())
            idea = session.ideas[-1]
            assert (idea.author, idea.table, idea.seating) == (table.host, table.number, round_)
            said[(round_, table.number)] = (table.host, text)
    session = core.apply(session, ev.CloseSession(), clock.now())
    markdown = render_markdown(session)
    harvests = markdown[markdown.index("Récoltes, tour par tour") :]
    for round_ in ("Premier tour de table", "Deuxième tour", "Troisième tour"):
        assert round_ in harvests
    for (_, number), (host, text) in said.items():
        assert f"**Table {number} · {host}\xa0:** (prise de conscience) {text}" in harvests
        assert markdown.count(text) == 1, text  # in the harvests, not again in the ideas
    assert harvests.index("round1:") < harvests.index("round2:") < harvests.index("round3:")


def test_questions_wait_their_turn_and_get_their_answer(clock):
    brown_bag = builtin_protocols()["brown_bag"]
    session = core.start("s", TWELVE, brown_bag, clock.now(), client="P01")
    session = core.apply(session, ev.CaptureIdea("Why now?", author="P03", kind="question"), clock.now())
    session = go_to(session, "questions", clock.now())
    assert targets(session.step)[:2] == ("question", "answer")
    session = core.apply(
        session, ev.CaptureIdea("And the budget?", author="P04", kind="question"), clock.now()
    )
    session = core.apply(session, capture_event(session, "answer", "Because the team asked"), clock.now())
    first, second = (i for i in session.ideas if i.kind == "question")
    assert (first.answered, first.answer, second.answered) == (True, "Because the team asked", False)
    session = core.apply(session, ev.AnswerQuestion(""), clock.now())  # set aside, no words
    with pytest.raises(core.Refused, match="no_question_waiting"):
        core.apply(session, ev.AnswerQuestion("x"), clock.now())


def test_themes_gather_ideas_and_dots_rank_them(clock):
    brainstorm = builtin_protocols()["brainstorm"]
    session = go_to(core.start("s", TWELVE, brainstorm, clock.now()), "ideas", clock.now())
    for text in ("stand-ups", "shorter meetings", "a wiki", "pair work"):
        session = core.apply(session, ev.CaptureIdea(text, kind="proposal"), clock.now())
    session = go_to(session, "themes", clock.now())
    session = core.apply(session, capture_event(session, "theme", "Meetings: 1 2"), clock.now())
    session = core.apply(session, capture_event(session, "theme", "Sharing: 3, 4"), clock.now())
    meetings, sharing = session.ideas[-2:]
    assert (meetings.text, len(meetings.gathers), sharing.text) == ("Meetings", 2, "Sharing")
    with pytest.raises(core.Refused, match="no_such_idea_number"):  # once a theme of nothing
        capture_event(session, "theme", "Bogus: 9")
    assert capture_event(session, "theme", "Next: what then").text == "Next: what then"  # words
    session = go_to(session, "vote", clock.now())
    session = core.apply(session, capture_event(session, "votes", "2 7"), clock.now())
    session = core.apply(session, capture_event(session, "votes", "1 4"), clock.now())
    session = core.apply(session, capture_event(session, "votes", "1+"), clock.now())
    assert ranking(session, "themes") == [(sharing.id, 7), (meetings.id, 5)]
    with pytest.raises(core.Refused, match="too_many_dots"):
        core.apply(session, capture_event(session, "votes", "1 40"), clock.now())  # 12 x 3 = 36 in all
    with pytest.raises(core.Refused, match="bad_vote"):
        capture_event(session, "votes", "9 1")


def test_roti_charter_and_decision(clock):
    kickoff = builtin_protocols()["network_kickoff"]
    session = go_to(core.start("s", TWELVE, kickoff, clock.now()), "charter", clock.now())
    session = core.apply(session, capture_event(session, "agreement", "ok"), clock.now())
    assert session.agreed == (session.speaker,)
    session = go_to(session, "close", clock.now())
    session = core.apply(session, capture_event(session, "roti", "4"), clock.now())
    session = core.apply(session, ev.GiveRoti(2, "P07"), clock.now())
    assert roti_average(session) == 3
    with pytest.raises(core.Refused, match="bad_roti"):
        capture_event(session, "roti", "9")
    closing = builtin_protocols()["network_closing"]
    session = go_to(core.start("c", TWELVE, closing, clock.now()), "decision", clock.now())
    session = core.apply(
        session, capture_event(session, DECISION, "go_on another year, same rhythm"), clock.now()
    )
    assert (session.decision, session.decision_note) == ("go_on", "another year, same rhythm")
    with pytest.raises(core.Refused, match="no_charter"):
        bare = core.start("k", replace(TWELVE, charter=()), kickoff, clock.now())
        core.apply(go_to(bare, "charter", clock.now()), ev.Agree("P01"), clock.now())


def test_an_empty_line_is_a_yes_on_the_agreement_line_only(clock):
    kickoff = builtin_protocols()["network_kickoff"]
    session = go_to(core.start("s", TWELVE, kickoff, clock.now()), "charter", clock.now())
    assert capture_event(session, AGREEMENT, "") == ev.Agree(None)  # the speaker
    assert [t for t in targets(session.step) if takes_an_empty_line(t)] == [AGREEMENT]
    assert not any(takes_an_empty_line(t) for t in ("note", "contract", "roti", "votes", PART + "expect"))


def test_steps_left_out_at_the_start_are_recorded(clock, codev):
    kept = codev.only(("presentation", "questions", "consultation", "synthesis"))
    assert [s.key for s in kept.steps] == ["presentation", "questions", "consultation", "synthesis"]
    assert [s.key for s in kept.skipped] == ["followup", "topic", "contract", "evaluation"]
    with pytest.raises(core.Refused, match="no_steps_left"):
        core.start("s", TWELVE, codev.only(()), clock.now())


@pytest.mark.parametrize(
    ("lang", "scores", "said"),
    [
        ("fr", {"P01": 4, "P02": 5}, "4,5 / 5, sur 2 personnes"),
        ("fr", {"P01": 4}, "4,0 / 5, sur 1 personne"),
        ("en", {"P01": 4, "P02": 5}, "4.5 / 5, from 2 people"),
        ("en", {"P01": 3}, "3.0 / 5, from 1 person"),
    ],
)
def test_the_roti_is_written_as_the_language_writes_numbers(clock, lang, scores, said):
    """#14: "ROTI : 4.5 / 5" in French, "from 1 people" in English."""
    from peertui.core.recap import render_text

    session = core.start("s", TWELVE, builtin_protocols()["retrospective"], clock.now(), lang=lang)
    session = go_to(session, "close", clock.now())
    for who, score in scores.items():
        session = core.apply(session, ev.GiveRoti(score, who), clock.now())
    session = core.apply(session, ev.CloseSession(), clock.now())
    assert said in render_text(session)


def test_the_closing_reviews_are_shown_once_beside_the_expectations(clock):
    from peertui.core.model import Entry
    from peertui.core.recap import render_markdown

    closing = builtin_protocols()["network_closing"]
    kickoff_entry = Entry("P01", "expectations", (("hopes", "Meet peers"),), 0.0)
    session = core.start("c", TWELVE, closing, clock.now(), recalled=(kickoff_entry,))
    step = next(run.step for run in session.runs if run.step.recall)
    session = go_to(session, step.key, clock.now())
    part = step.form.parts[0].key
    session = core.apply(session, ev.FillPart(part, "FOUND-it", "P01"), clock.now())
    markdown = render_markdown(core.apply(session, ev.CloseSession(), clock.now()))
    assert markdown.count("FOUND-it") == 1


def test_the_cycle_gives_the_roti_of_its_sessions(clock):
    from peertui.core.cycle import cycle_of, render_cycle
    from peertui.core.session_codec import summary_of

    retro = builtin_protocols()["retrospective"]
    summaries = []
    for n, scores in enumerate(((4, 5), (3,))):
        session = go_to(core.start(f"s{n}", TWELVE, retro, clock.now() + n), "close", clock.now())
        for person, score in zip(("P01", "P02"), scores, strict=False):
            session = core.apply(session, ev.GiveRoti(score, person), clock.now())
        summaries.append(summary_of(core.apply(session, ev.CloseSession(), clock.now() + n)))
    cycle = cycle_of(TWELVE, summaries, [])
    assert (cycle.roti, cycle.rated) == (3.75, 2)
    assert "ROTI : 3,8 / 5, sur 2 séances" in render_cycle(cycle, "fr").replace("\u00a0", " ")
