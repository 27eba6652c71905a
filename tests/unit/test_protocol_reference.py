"""docs/PROTOCOLS.md is what a facilitator reads to write a protocol: it must stay true.
Its examples parse, its tables name every field the reader checks and no other, and the
captures and idea kinds it lists are those that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from peertui.core.protocol import DECISIONS, IDEA_KINDS, Capture
from peertui.core.protocol_file import (
    FORM_FIELDS,
    HEAD_FIELDS,
    PART_FIELDS,
    STEP_FIELDS,
    ProtocolFileError,
    parse_protocol,
)

REFERENCE = Path(__file__).parents[2] / "docs" / "PROTOCOLS.md"


def sections() -> dict[str, list]:
    """The tokens under each `##` heading."""
    tokens = MarkdownIt().enable("table").parse(REFERENCE.read_text(encoding="utf-8"))
    found: dict[str, list] = {}
    heading = ""
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            heading = tokens[index + 1].content
            found[heading] = []
        elif heading:
            found[heading].append(token)
    return found


def first_column(tokens: list) -> set[str]:
    """The backquoted names in the first cell of each body row of the section's table."""
    names: set[str] = set()
    in_body, cell = False, 0
    for index, token in enumerate(tokens):
        if token.type == "tbody_open":
            in_body = True
        elif token.type == "tr_open":
            cell = 0
        elif token.type == "td_open":
            cell += 1
            if in_body and cell == 1:
                names |= set(re.findall(r"`([^`]+)`", tokens[index + 1].content))
    return names


def test_the_example_is_a_protocol_peertui_runs():
    blocks = [t.content for t in sections()["A small one, whole"] if t.type == "fence"]
    protocol = parse_protocol(blocks[0], "example.toml")
    assert protocol.key == "lessons" and [s.key for s in protocol.steps] == ["round", "next"]
    assert protocol.steps[0].form is not None and protocol.steps[0].form.parts[-1].commitment


def test_every_field_is_described_and_none_that_is_not_read():
    found = sections()
    assert first_column(found["`[protocol]`"]) == HEAD_FIELDS
    assert first_column(found["`[[steps]]`, one per step, in order"]) == STEP_FIELDS
    assert first_column(found["`[[forms]]` and `[[forms.parts]]`"]) == FORM_FIELDS - {"parts"} | PART_FIELDS
    assert first_column(found["Captures"]) == {c.value for c in Capture}


def test_the_kinds_and_decisions_listed_are_those_that_exist():
    words = "".join(t.content for t in sections()["Idea kinds"] if t.type == "inline")
    assert set(re.findall(r"`([a-z_]+)`", words)) == set(IDEA_KINDS)
    step_section = sections()["`[[steps]]`, one per step, in order"]
    steps = "".join(t.content for t in step_section if t.type == "inline")
    decisions = steps[steps.index("`decisions`") :]
    assert all(f"`{d}`" in decisions for d in DECISIONS)


def test_what_check_says_is_what_it_says():
    said = next(t.content for t in sections()["What `peertui check` says"] if t.type == "fence")
    broken = """[protocol]
key = "mine"
name_fr = "Le mien"
name_en = "Mine"

[[steps]]
key = "round"
name_fr = "Tour"
name_en = "Round"
minutes = "ten"
speakers = "all"
captures = ["ideas", "poll"]
"""
    with pytest.raises(ProtocolFileError) as error:
        parse_protocol(broken, "mine.toml")
    assert said.splitlines()[1:] == [str(p) for p in error.value.problems]
