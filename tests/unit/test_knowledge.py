"""The group's memory: what a session gives it, tags, and finding it again."""

from __future__ import annotations

from dataclasses import replace

import pytest
from markdown_it import MarkdownIt

from peertui.core import bilan
from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.knowledge import Memory, Query, from_record, harvest, to_record
from peertui.core.protocol_file import builtin_protocols
from peertui.core.sheets import sheet_from, sheet_from_record, sheet_to_record
from peertui.core.targets import capture_event
from peertui.core.text import tags_of
from tests.unit.helpers import go_to


def test_tags_are_typed_inline_and_kept_once():
    assert tags_of("Déléguer #délégation, puis #Feedback", "#DELEGATION encore") == ("délégation", "Feedback")
    assert tags_of("C# and #3 and mail#x and ##") == ()  # not a tag: in a word, a number, empty
    assert tags_of("#1:1s are #1to1") == ("1to1",)
    assert tags_of("#santé-au-travail.") == ("santé-au-travail",)


@pytest.fixture
def closed(lyon, codev, clock):
    at = clock.now()
    session = core.start("s1", lyon, codev, at, client="Zoé Mercier", case_title="Équipe de nuit #délégation")
    session = go_to(session, "consultation", at)
    session = core.apply(
        session, ev.CaptureIdea("Un rituel court", author="Noël Bénard", kind="suggestion"), at
    )
    session = core.apply(session, ev.KeepIdea(), at)  # the facilitator keeps the last one
    session = core.apply(
        session, ev.CaptureIdea("Dire non #limites", author="Anaïs Côté", kind="suggestion"), at
    )
    session = core.apply(
        session, ev.CaptureIdea("Rien de spécial", author="Anaïs Côté", kind="suggestion"), at
    )
    session = core.apply(session, capture_event(session, "suggestion", "! Un secret #limites"), at)
    with pytest.raises(core.Refused, match="confidential_not_kept"):
        core.apply(session, ev.KeepIdea(), at)
    session = go_to(session, "evaluation", at)
    session = core.apply(session, ev.FillPart("learning", "Écouter avant de conseiller", "Noël Bénard"), at)
    session = core.apply(session, ev.FillPart("application", "Des 1:1 chaque semaine", "Noël Bénard"), at)
    session = core.apply(session, ev.FillPart("appreciation", "Le rythme", "Noël Bénard"), at)
    return core.apply(session, ev.CloseSession(), at + 3600)


def test_a_session_gives_its_learnings_kept_ideas_and_tagged_ones(closed):
    items = harvest(closed)
    assert [(k.kind, k.author, k.text) for k in items] == [
        ("suggestion", "Noël Bénard", "Un rituel court"),  # kept
        ("suggestion", "Anaïs Côté", "Dire non #limites"),  # tagged
        ("learning", "Noël Bénard", "Écouter avant de conseiller"),
        ("application", "Noël Bénard", "Des 1:1 chaque semaine"),
    ]  # not the confidential, not an untagged idea, not an appreciation
    assert all("délégation" in k.tags for k in items)  # the case's tags go to all it gave
    assert items[1].tags == ("limites", "délégation")
    assert all(k.case == "Équipe de nuit #délégation" for k in items)
    assert [from_record(to_record(k)) for k in items] == items


def test_a_confidential_case_names_nothing_in_the_memory(closed):
    hidden = replace(closed, case_confidential=True)
    assert all(k.case == "" and k.tags != ("délégation",) for k in harvest(hidden))


def test_a_kept_whole_form_gives_one_item_a_story(lyon, clock):
    protocol = builtin_protocols()["storytelling"]
    at = clock.now()
    session = core.start("s2", lyon, protocol, at)
    while session.step.form is None:
        session = core.apply(session, ev.NextStep(), at)
    for part, text in (
        ("challenge", "Une équipe #fusion"),
        ("action", "Un atelier"),
        ("result", "Moins de départs"),
    ):
        session = core.apply(session, ev.FillPart(part, text, "Zoé Mercier"), at)
    (story,) = harvest(core.apply(session, ev.CloseSession(), at))
    assert story.kind == "car" and story.tags == ("fusion",)
    assert [label for _, label, _ in story.parts] == ["Défi", "Action", "Résultat"]
    assert story.text == "Défi: Une équipe #fusion · Action: Un atelier · Résultat: Moins de départs"


def test_search_as_one_types_accents_and_case_aside(closed):
    memory = Memory(harvest(closed))
    assert [k.text for k in memory.find(Query.parse("ecouter"))] == ["Écouter avant de conseiller"]
    assert [k.text for k in memory.find(Query.parse("#LIMITES"))] == ["Dire non #limites"]
    assert len(memory.find(Query.parse("#deleg"))) == 4  # as it is typed, before the word ends
    assert len(memory.find(Query.parse("#delegation @noel"))) == 3
    assert memory.find(Query.parse("nuit equipe")) and not memory.find(Query.parse("secret"))
    assert memory.find(Query.parse("", group="lyon")) and not memory.find(Query.parse("", group="paris"))
    assert memory.tags() == [("délégation", 4), ("limites", 1)]


def test_a_sheet_drafted_from_a_story_and_a_learning(lyon, clock, closed):
    protocol = builtin_protocols()["storytelling"]
    at = clock.now()
    session = core.start("s2", lyon, protocol, at)
    while session.step.form is None:
        session = core.apply(session, ev.NextStep(), at)
    for part, text in (
        ("challenge", "Une fusion"),
        ("action", "Un atelier #fusion"),
        ("result", "Moins de départs"),
    ):
        session = core.apply(session, ev.FillPart(part, text, "Zoé Mercier"), at)
    story = harvest(core.apply(session, ev.CloseSession(), at))[0]
    learning = next(k for k in harvest(closed) if k.kind == "learning")
    sheet = sheet_from([story, learning], "f1", 5.0)
    assert (sheet.situation, sheet.done) == ("Une fusion", "Un atelier #fusion")
    assert sheet.gave == "Moins de départs\nÉcouter avant de conseiller"
    assert sheet.contributors == ("Zoé Mercier", "Noël Bénard") and sheet.sessions == ("s2", "s1")
    assert sheet.tags == ("fusion", "délégation") and sheet.sources == (story.id, learning.id)
    assert sheet_from_record(sheet_to_record(sheet)) == sheet


def test_the_bilan_is_valid_markdown_in_the_groups_language(lyon, closed):
    items = harvest(closed)
    sheet = replace(sheet_from(items[2:3], "f1", 5.0), title="Écouter d'abord")
    markdown = bilan.render_markdown(lyon, [closed], closed.actions, items, [sheet])
    parsed = MarkdownIt().enable("table").parse(markdown)
    titles = [parsed[i + 1].content for i, tok in enumerate(parsed) if tok.type == "heading_open"]
    assert titles[0] == "Codév cadres de santé — Lyon — bilan du cycle"
    assert "Fiches de capitalisation" in titles and "Écouter d'abord" in titles
    assert "Ce que le groupe a appris, par thème" in titles and "#délégation" in titles  # a tag, as typed
    assert "Qui est venu, qui a été client, ce que chacun a engagé" in titles
    assert "Un secret" not in markdown  # the confidential is in no bilan
    assert sum(tok.type == "table_open" for tok in parsed) >= 2
    text = bilan.render_text(lyon, [closed], closed.actions, items, [sheet])
    assert "Séances tenues\u00a0: 1 / 8" in text


def test_a_confidential_case_is_not_in_the_bilan(lyon, closed):
    hidden = replace(closed, case_confidential=True)
    markdown = bilan.render_markdown(lyon, [hidden], hidden.actions, harvest(hidden), [])
    assert "Équipe de nuit" not in markdown


def test_a_confidential_case_gives_its_learnings_and_what_was_kept_knowingly(lyon, codev, clock):
    at = clock.now()
    session = core.start("s9", lyon, codev, at, client="Zoé Mercier", case_title="! Une mutation #carrière")
    session = go_to(session, "presentation", at)
    session = core.apply(session, ev.CaptureIdea("Mon équipe me lâche #équipe", author="Zoé Mercier"), at)
    session = go_to(session, "consultation", at)
    session = core.apply(
        session, ev.CaptureIdea("Un tiers de confiance", author="Noël Bénard", kind="suggestion"), at
    )
    session = core.apply(session, ev.KeepIdea(), at)
    session = go_to(session, "evaluation", at)
    session = core.apply(session, ev.FillPart("learning", "Écouter d'abord", "Noël Bénard"), at)
    items = harvest(core.apply(session, ev.CloseSession(), at))
    assert [k.text for k in items] == ["Un tiers de confiance", "Écouter d'abord"]
    assert all(k.case == "" and "carrière" not in k.tags for k in items)


def test_the_bilan_names_no_one_beside_a_case_nor_an_actions_text(lyon, closed):
    markdown = bilan.render_markdown(lyon, [closed], closed.actions, harvest(closed), [])
    table = next(line for line in markdown.splitlines() if line.startswith("| 21/09/2026"))
    assert "Zoé Mercier" not in table  # who brought the case: in the members' counts only
    assert "**Noël Bénard" not in markdown  # what was learned is the group's, unnamed
