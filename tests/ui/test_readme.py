"""The README stays true: every key of the session is in its table, with the same key."""

from pathlib import Path

from peertui.ui.keys import GLOBAL_KEYS, SESSION_KEYS

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_every_key_is_in_the_readme():
    table = README.split("## Keys", 1)[1].split("\n## ", 1)[0]
    names = {"pagedown": "PgDn", "pageup": "PgUp", "shift+tab": "Shift+Tab", "tab": "Tab"}
    for key in (*SESSION_KEYS, *GLOBAL_KEYS):
        first = key.keys.split(",")[0]
        shown = names.get(first, first if first.startswith("ctrl+") else first.upper())
        assert shown in table, f"{shown} ({key.action}) is missing from the README's keys"
