"""The one rule for user text on a terminal, and its JSON counterpart that keeps values exact."""

from __future__ import annotations

import json

from peertui.core.text import json_escaped, one_line, printable

UNSAFE = "".join(
    map(
        chr,
        (
            *range(0x20),
            0x7F,
            *range(0x80, 0xA0),
            *range(0x202A, 0x202F),
            *range(0x2066, 0x206A),
            0xD800,
            0x20,
            0xDCFF,
        ),
    )
)  # lone surrogates


def test_printable_shows_every_control_and_keeps_tab_newline_and_letters():
    shown = printable(UNSAFE + "Zoé שלום ✨[/]")
    assert shown.endswith("Zoé שלום ✨[/]") and len(shown) == len(UNSAFE + "Zoé שלום ✨[/]")
    assert [c for c in shown if not c.isprintable()] == ["\t", "\n"]  # one for one: columns hold
    assert printable("\x1b]52;c;eA==\a") == "␛]52;c;eA==␇"


def test_one_line_shows_a_newline_too():
    assert one_line("a\nb\x1b") == "a␊b␛"


def test_json_escaped_keeps_every_value_and_sends_no_raw_control():
    record = {"what": UNSAFE + "Zoé ✨", UNSAFE: [UNSAFE]}
    document = json_escaped(json.dumps(record, ensure_ascii=False, indent=2))
    assert json.loads(document) == record
    assert [c for c in document if not c.isprintable()] == ["\n"] * document.count("\n")
    assert "\\u202e" in document and "\\u009b" in document and "Zoé ✨" in document
