"""The keyboard's bytes made unambiguous before Textual reads them (ui/terminal_input.py).

Textual is imported here for its parser: what it makes of the cleaned bytes is the test."""

from __future__ import annotations

import time

from textual._xterm_parser import XTermParser

from peertui.ui.terminal_input import ESCAPE_KEY, HOLD_SECONDS, KeyStream


def keys(*chunks: str) -> list[str]:
    """The keys (and pastes) Textual reads from these chunks, cleaned as they arrive."""
    stream, parser, found = KeyStream(), XTermParser(), []
    for chunk in chunks:
        if cleaned := stream.clean(chunk):  # never empty: that would be the end of input
            found += list(parser.feed(cleaned))
    time.sleep(HOLD_SECONDS + 0.01)
    if late := stream.due():
        found += list(parser.feed(late))
    time.sleep(0.15)  # past Textual's own escape delay
    found += list(parser.tick())
    return [getattr(e, "key", None) or f"paste:{e.text}" for e in found]


def test_escape_then_typing_at_once_is_escape_then_the_letters():
    assert keys("\x1bhello idea\r") == [
        "escape",
        "h",
        "e",
        "l",
        "l",
        "o",
        "space",
        "i",
        "d",
        "e",
        "a",
        "enter",
    ]
    long = "x" * 40  # once read as one unknown sequence, shown as "^"
    assert keys("\x1b" + long) == ["escape", *["x"] * 40]
    assert keys("\x1bdd") == ["escape", "d", "d"]


def test_escape_escape_and_escape_before_a_key_sequence():
    assert keys("\x1b\x1bOQ") == ["escape", "f2"]
    assert keys("\x1b\x1b[6~") == ["escape", "pagedown"]


def test_sequences_stay_what_they_are():
    assert keys("\x1bOQ", "\x1b[6~", "\x1b[A") == ["f2", "pagedown", "up"]


def test_a_lone_escape_at_the_end_of_a_read_waits_for_the_next_byte():
    assert keys("\x1b", "[A") == ["up"]  # a sequence cut by the read
    assert keys("\x1b") == ["escape"]
    stream = KeyStream()
    assert stream.clean("\x1b") == "" and stream.holding
    time.sleep(HOLD_SECONDS + 0.01)
    assert stream.due() == ESCAPE_KEY


def test_an_escape_inside_a_paste_is_pasted_text_in_its_place():
    assert keys("\x1b[200~AAA \x1bBBB\nCCC\x1b[201~") == ["paste:AAA ␛BBB\nCCC"]
    assert keys("\x1b[200~GGG \x1b[31mHHH\x1b[2", "01~") == ["paste:GGG ␛[31mHHH"]


def test_escape_then_a_word_that_starts_like_a_sequence_is_escape_and_the_word():
    """'Esc' then 'Peter', '[note]', 'Olivia' typed at once: once a DCS, a CSI, an SS3 that
    swallowed the word (and a letter of it ran an editor's command)."""
    for word in ("Peter", "Olivia", "Xavier", "[note]", "]x", "(aside)", "_x", "^x", "*x", "+x", "\\x"):
        assert keys(f"\x1b{word}") == ["escape", *keys(word)], word
    assert keys("\x1b", "Othello") == ["escape", *keys("Othello")]  # the word in the next read
    assert keys("\x1bO") == ["escape", "O"]  # nothing came after: Escape, then O


def test_what_keys_and_terminals_send_stays_a_sequence():
    assert keys("\x1b[1;5A", "\x1b[Z", "\x1bOP", "\x1b[H") == ["ctrl+up", "shift+tab", "f1", "home"]
    assert keys("\x1b[1;", "5A") == ["ctrl+up"]  # cut by the read
    assert keys("\x1bO", "A") == ["up"]
    assert keys("\x1b[200~pasted\x1b[201~") == ["paste:pasted"]
