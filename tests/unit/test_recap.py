"""The recap, checked by structure with a real CommonMark parser (markdown-it-py)."""

from datetime import UTC, date

import pytest
from markdown_it import MarkdownIt

from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.recap import WIDTH, md_escape, render_markdown, render_text
from tests.unit.helpers import go_to

NASTY = "Use *stars*, _under_ | pipes # hash [link](x) <b>tag</b> `code` \\ ~strike~ &amp;"


@pytest.fixture
def closed(running, clock):
    session = go_to(running, "questions", clock.now())
    clock.advance(120)
    session = core.apply(session, ev.CaptureIdea("What did you try first?"), clock.now())
    session = core.apply(session, ev.NextSpeaker(), clock.now())
    session = go_to(session, "contract", clock.now())
    session = core.apply(session, ev.SetContract("Help me to talk to my team"), clock.now())
    session = go_to(session, "consultation", clock.now())
    session = core.apply(session, ev.CaptureIdea(NASTY), clock.now())
    session = core.apply(session, ev.CaptureIdea("SECRET plan", confidential=True), clock.now())
    session = go_to(session, "synthesis", clock.now())
    action = ev.AddAction("Weekly 1:1 | each *person*", due=date(2026, 12, 15))
    session = core.apply(session, action, clock.now())
    session = go_to(session, "evaluation", clock.now())
    session = core.apply(session, ev.FillPart("learning", "Listen first", "Tom Becker"), clock.now())
    clock.advance(60)
    return core.apply(session, ev.CloseSession(), clock.now())


def tokens(markdown: str):
    return MarkdownIt("commonmark").enable("table").parse(markdown)


def inline_text(token) -> str:
    """The text a reader sees: what the parser made of the inline markup."""
    shown = ("text", "code_inline")
    return "".join(child.content for child in token.children or () if child.type in shown)


def test_markdown_structure(closed):
    markdown = render_markdown(closed, tz=UTC)
    parsed = tokens(markdown)
    headings = [(t.tag, parsed[i + 1].content) for i, t in enumerate(parsed) if t.type == "heading_open"]
    day = date.fromtimestamp(closed.started_at).isoformat()
    assert headings[0] == ("h1", f"Managers' codev circle — session of {day}")
    h2 = [text for tag, text in headings if tag == "h2"]
    assert h2 == ["Session", "Steps", "Ideas", "Action plan", "The 4 A"]  # the group's: no talk time
    assert ("h3", "Reactions, comments, suggestions") in headings


def test_the_action_plan_is_a_table_with_the_text_intact(closed):
    parsed = tokens(render_markdown(closed, tz=UTC))
    tables = [i for i, t in enumerate(parsed) if t.type == "table_open"]
    assert len(tables) == 2  # steps, actions (talk time is the facilitator's)
    start = tables[1]
    cells = []
    for token in parsed[start:]:
        if token.type == "inline":
            cells.append(inline_text(token))
        if token.type == "table_close":
            break
    assert cells == ["Who", "What", "Due", "Priya Raman", "Weekly 1:1 | each *person*", "2026-12-15"]


def test_user_text_cannot_break_the_layout(closed):
    parsed = tokens(render_markdown(closed, tz=UTC))
    items = [inline_text(t) for t in parsed if t.type == "inline"]
    assert any(item.endswith(NASTY) for item in items)  # shown literally, nothing interpreted
    kinds = {child.type for t in parsed if t.type == "inline" for child in t.children}
    assert kinds <= {"text", "strong_open", "strong_close", "softbreak"}


def test_no_confidential_text_in_either_format(closed):
    assert "SECRET" not in render_markdown(closed, tz=UTC)
    assert "SECRET" not in render_text(closed, tz=UTC)


def test_plain_text_is_wrapped_and_literal(closed):
    text = render_text(closed, tz=UTC)
    assert all(len(line) <= WIDTH for line in text.splitlines())
    assert "Contract: Help me to talk to my team" in text
    assert "*stars*" in text and "\\*" not in text
    assert "Priya Raman" in text and "Weekly 1:1 | each *person*" in text


def test_french_recap(lyon, codev, clock):
    session = core.start("s", lyon, codev, clock.now(), client="Zoé Mercier", case_title="Équipe de nuit")
    closed = core.apply(session, ev.CloseSession(), clock.now() + 60)
    text = render_text(closed, tz=UTC)
    assert "Étapes" in text and "Client\u00a0: Zoé Mercier" in text  # French typography
    assert "Suivi des engagements" in text


LITERALS = ["a*b", "_x_", "|", "# h", "[l](u)", "<x>", "1. not a list", "2) no", "- no", "+ no", "==="]


@pytest.mark.parametrize("text", LITERALS)
def test_escape_round_trips_through_a_parser(text):
    parsed = tokens(f"- {md_escape(text)}\n")
    inline = next(t for t in parsed if t.type == "inline")
    assert inline_text(inline) == text


def test_control_codes_cannot_reach_a_terminal(running, clock):
    session = core.apply(running, ev.CaptureIdea("red \x1b[31mALERT\x1b[0m \u202eevil\x07"), clock.now())
    closed = core.apply(session, ev.CloseSession(), clock.now())
    for rendered in (render_markdown(closed, tz=UTC), render_text(closed, tz=UTC)):
        assert "\x1b" not in rendered and "\u202e" not in rendered and "\x07" not in rendered
        assert "␛[31mALERT" in rendered.replace("\\[", "[")


def test_what_changes_nothing_in_markdown_is_not_escaped():
    """A chat shows every backslash: "Noël \\!", "4\\.5", "\\#délégation" were seen pasted."""
    assert md_escape("Noël ! 4.5 / 5 #délégation R&D") == "Noël ! 4.5 / 5 #délégation R&D"
    assert md_escape("1. first") == "1\\. first" and md_escape("# title") == "\\# title"
    assert md_escape("&amp;") == "\\&amp;" and md_escape("*x*") == "\\*x\\*"
