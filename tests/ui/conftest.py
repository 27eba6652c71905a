"""App tests: a real database in tmp_path, a fake clock, UTC, a fixed terminal size."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest
from rich.cells import cell_len

from peertui.core.clock import FakeClock
from peertui.core.model import Group
from peertui.core.session import Session
from peertui.store import Store
from peertui.ui.app import PeerApp

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    # Relative, so that what the home screen shows is the same in every run.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PEERTUI_CONFIG", str(tmp_path / "config"))
    for name in ("SSH_TTY", "SSH_CONNECTION", "SSH_CLIENT", "TMUX", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    return Path("peertui.json")


@pytest.fixture
def make_app(db, clock):
    def make(group: Group | None = None, lang: str | None = None) -> PeerApp:
        return PeerApp(db=db, group=group, lang=lang, clock=clock)

    return make


def stored(app: PeerApp) -> Session:
    """The session as it is on disk, read as the review commands read it."""
    assert app.flush()
    with Store(Path(app.where), readonly=True) as reader:
        return reader.load_session(app.session.id)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1_795_000_000.0)  # 2026-11-18 11:06:40 UTC


async def type_text(pilot, text: str) -> None:
    """Text into the focused input, as a paste: keys cost Pilot ~60 ms each, and the
    facilitator's commands, not the letters of their notes, are what the tests drive."""
    await pilot.pause()  # a dialog just pushed takes the focus first
    pilot.app.focused.insert_text_at_cursor(text)
    await pilot.pause()


_TEXT = re.compile(r'<text[^>]* x="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)"[^>]*>(.*?)</text>', re.S)


def screen_lines(app) -> list[str]:
    """The screen as a terminal's text capture reads it, line by line, each character in
    its column, colours aside: an X painted in its background's colour is an X here."""
    found = [
        (float(x), float(y), float(length), html.unescape(re.sub(r"<[^>]+>", "", markup)))
        for x, y, length, markup in _TEXT.findall(app.export_screenshot())
    ]
    width = min(length / cell_len(text) for _, _, length, text in found if cell_len(text))  # one cell
    rows: dict[float, dict[int, str]] = {}
    for x, y, _, text in found:
        row, column = rows.setdefault(y, {}), round(x / width)
        for char in text.replace("\xa0", " "):
            row[column] = char
            if cell_len(char) == 2:
                row[column + 1] = ""  # the wide character's second cell
            column += cell_len(char)
    return ["".join(row.get(i, " ") for i in range(max(row) + 1)).rstrip() for _, row in sorted(rows.items())]
