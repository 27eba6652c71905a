"""No user text reaches a terminal raw: names, actions and notes that hold escape
sequences (OSC 52 sets the clipboard, ESC [2J clears the screen), C1 controls, NUL or
bidi overrides are shown as visible signs by every command, in a pipe and in a real
terminal; the files written for other programs (JSON, CSV, iCalendar) keep them exact."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from bench.terminal import Terminal
from peertui.core import events as ev
from peertui.core import rules as core
from peertui.core.model import Group, Participant
from peertui.core.sharing import short_id
from peertui.store import Store
from tests.unit.helpers import go_to

ROOT = Path(__file__).resolve().parents[2]

OSC52 = "\x1b]52;c;cm0gLXJmIH4=\a"  # sets the clipboard of the terminal that prints it
CLEAR = "\x1b[2J"
RLO = "\u202e"  # right-to-left override: the rest of the line reads backwards
C1 = "\x9b31m"  # CSI as a single C1 character
HEBREW, EMOJI, MARKUP = "שלום", "✨🙂", "[/][bold]"

GROUP = f"Cercle {CLEAR}{RLO}{HEBREW}"
CLIENT = f"Zoé {OSC52}Mercier"
OTHERS = (f"Tom {C1}Becker\x00x", f"{HEBREW} {RLO}Levi {EMOJI}", f"Ana \u2066{MARKUP}\u2069")
CASE = f"Case {CLEAR}{MARKUP}{RLO}"
IDEA = f"idea {OSC52} {EMOJI}"
WHAT = f"Book {CLEAR}{RLO}{C1} 1:1s {HEBREW}"
NOTE = f"note {OSC52}\x00\x07 {RLO}done{EMOJI}"
SESSION = "2026-11-01-0900-cercle"


def raw_controls(text: str) -> list[str]:
    """The characters no terminal may be sent from user text: controls but tab and
    newline, DEL, C1, bidi embeddings, overrides and isolates."""
    return [
        c
        for c in text
        if (ord(c) < 0x20 and c not in "\t\n")
        or 0x7F <= ord(c) <= 0x9F
        or 0x202A <= ord(c) <= 0x202E
        or 0x2066 <= ord(c) <= 0x2069
    ]


@pytest.fixture
def hostile(tmp_path, codev, clock) -> Path:
    """A database whose every name, case, idea, action and note is hostile."""
    db = tmp_path / "peertui.json"
    group = Group(GROUP, "en", tuple(Participant(name) for name in (CLIENT, *OTHERS)), planned_sessions=4)
    with Store(db) as store:
        store.save_group(group)
        session = core.start(SESSION, group, codev, clock.now(), client=CLIENT, case_title=CASE)
        session = go_to(session, "consultation", clock.now())
        session = core.apply(session, ev.CaptureIdea(IDEA), clock.now())
        session = go_to(session, "synthesis", clock.now())
        session = core.apply(session, ev.AddAction(WHAT, due=date(2026, 12, 1)), clock.now())
        store.save_session(core.apply(session, ev.CloseSession(), clock.now() + 60))
        action = store.actions()[0]
        store.save_action(action.changed(clock.now() + 120, note=NOTE))
    return db


def environment(db: Path) -> dict[str, str]:
    """No clipboard, no display: what `recap --copy` finds on a bare server."""
    return {
        "PATH": os.path.dirname(sys.executable),
        "PYTHONPATH": str(ROOT),
        "LANG": "C.UTF-8",
        "HOME": str(db.parent),
        "PEERTUI_CONFIG": str(db.parent / "config"),
        "TERM": "xterm",
    }


def peertui(db: Path, *args: str) -> subprocess.CompletedProcess:
    """peertui in its own process, its output to pipes; no controlling terminal."""
    return subprocess.run(
        [sys.executable, "-m", "peertui", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment(db),
        timeout=30,
        start_new_session=True,
    )


def in_a_terminal(db: Path, *args: str) -> str:
    """What a real terminal receives from peertui (stdout and stderr both), CRLF as LF."""
    terminal = Terminal([sys.executable, "-m", "peertui", *args, "--db", str(db)], environment(db))
    try:
        os.waitpid(terminal.pid, 0)
        size, deadline = -1, time.monotonic() + 10
        while terminal.size != size and time.monotonic() < deadline:  # until all is drained
            size = terminal.size
            time.sleep(0.2)
        with terminal._lock:
            return bytes(terminal.output).decode("utf-8").replace("\r\n", "\n")
    finally:
        terminal.stop()


SHOWN = {  # a command, and what of the user's text it shows (visibly)
    "groups": (["groups"], "Cercle ␛[2J\ufffdשלום"),
    "groups --detail": (["groups", "--detail", "cercle"], "Zoé ␛]52;c;cm0gLXJmIH4=␇Mercier"),
    "actions text": (["actions", "--status", "all"], "« note ␛]52;c;cm0gLXJmIH4=␇␀␇ \ufffddone✨🙂 »"),
    "actions markdown": (["actions", "--format", "markdown"], "Book ␛\\[2J\ufffd\ufffd31m 1:1s שלום"),
    "recap": (["recap"], "idea ␛\\]52;c;cm0gLXJmIH4=␇ ✨🙂"),  # Markdown: \\] is a literal ]
    "recap text": (["recap", "--format", "text"], "Case: Case ␛[2J[/][bold]"),
    "action": (
        ["action", f"{SESSION}/a2", "--note", f"moved {OSC52}{RLO}"],
        f"{SESSION}/a2: Zoé ␛]52;c;cm0gLXJmIH4=␇Mercier, ",
    ),
    "a mistyped action": (
        ["action", f"x{OSC52}{RLO}", "--done"],
        'no action matches "x␛]52;c;cm0gLXJmIH4=␇\ufffd"',
    ),
    "a mistyped group": (["groups", "--detail", f"nobody{CLEAR}{RLO}"], "no group match"),
    "a mistyped session": (["recap", f"{CLEAR}{RLO}"], "no session match"),
    "a missing group file": (["--group", f"nope{OSC52}{RLO}.toml"], "nope␛]52;c;cm0gLXJmIH4=␇\ufffd.toml"),
    "check of a missing file": (["check", f"nope{CLEAR}.toml"], "nope␛[2J.toml: cannot be read"),
    "an unknown option": (["groups", f"--x{CLEAR}{RLO}"], "unrecognized arguments: --x␛[2J\ufffd"),
    "an unknown sample": (["demo", f"{CLEAR}"], "no sample group"),
}


@pytest.mark.parametrize("name", SHOWN)
def test_every_command_shows_user_text_and_sends_no_control(hostile, name):
    args, shown = SHOWN[name]
    done = peertui(hostile, *args)
    assert raw_controls(done.stdout) == [] and raw_controls(done.stderr) == []
    assert shown in done.stdout + done.stderr
    if name.startswith(("a ", "an ")):  # a user's mistake: one line, exit 1
        assert (done.returncode, done.stderr.count("\n")) == (1, 1)
    elif name.startswith("check"):  # its findings, on stdout
        assert done.returncode == 1 and done.stdout.count("\n") == 1
    else:
        assert done.returncode == 0, done.stderr


def test_check_of_a_hostile_group_file(hostile, tmp_path):
    path = tmp_path / f"g{CLEAR}{RLO}.toml"

    def toml(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string

    people = "".join(f"[[participants]]\nname = {toml(n)}\n" for n in (CLIENT, *OTHERS, CLIENT))
    path.write_text(f'[group]\nname = {toml(GROUP)}\nlanguage = "en"\n{people}', encoding="utf-8")
    done = peertui(hostile, "check", str(path))
    assert done.returncode == 1 and raw_controls(done.stdout + done.stderr) == []
    assert (
        'g␛[2J\ufffd.toml:13: duplicate name "Zoé ␛]52;c;cm0gLXJmIH4=␇Mercier" (first at line 5)'
        in done.stdout
    )
    path.write_text(path.read_text(encoding="utf-8").rsplit("[[participants]]", 1)[0], encoding="utf-8")
    done = peertui(hostile, "check", str(path))
    assert done.returncode == 0 and raw_controls(done.stdout + done.stderr) == []
    assert done.stdout.startswith(f'{tmp_path}/g␛[2J\ufffd.toml: ok, "Cercle ␛[2J\ufffdשלום", 4')


def test_recap_copy_without_a_clipboard_says_so_visibly(hostile):
    done = peertui(hostile, "recap", "--copy")
    assert done.returncode == 1 and raw_controls(done.stdout + done.stderr) == []
    assert "no clipboard here" in done.stderr


def test_json_on_stdout_escapes_what_a_terminal_would_act_on_and_keeps_the_value(hostile):
    done = peertui(hostile, "actions", "--format", "json")
    assert done.returncode == 0 and raw_controls(done.stdout) == []
    assert "\\u202e" in done.stdout and "\\u009b" in done.stdout and "\\u001b" in done.stdout
    (action,) = json.loads(done.stdout)["actions"]
    assert (action["group"], action["owner"], action["what"]) == (GROUP, CLIENT, WHAT)
    assert action["history"][-1]["note"] == NOTE


@pytest.mark.parametrize("form", ["csv", "ics"])
def test_csv_and_ics_to_a_pipe_are_exact(hostile, form):
    """For another program: the text as it is (a terminal is the reader's choice)."""
    done = peertui(hostile, "actions", "--format", form)
    assert done.returncode == 0
    assert WHAT in done.stdout.replace("\n ", "")  # iCalendar folds long lines


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
@pytest.mark.parametrize(
    ("form", "shown"),
    [
        ("csv", "Zoé ␛]52;c;cm0gLXJmIH4=␇Mercier,Book ␛[2J\ufffd\ufffd31m 1:1s שלום,2026-12-01"),
        ("ics", "SUMMARY:Zoé ␛]52\\;c\\;cm0gLXJmIH4=␇Mercier: Book ␛[2J\ufffd\ufffd31m 1:1s שלום"),
        ("text", "Book ␛[2J\ufffd\ufffd31m 1:1s שלום"),
        ("json", "\\u001b]52;c;cm0gLXJmIH4=\\u0007Mercier"),
    ],
)
def test_on_a_terminal_every_format_is_shown_visibly(hostile, form, shown):
    received = in_a_terminal(hostile, "actions", "--format", form)
    assert raw_controls(received) == []
    assert shown in received.replace("\n ", "")  # unfolded, for iCalendar


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
def test_a_mistake_on_a_terminal_is_shown_visibly(hostile):
    received = in_a_terminal(hostile, "action", f"x{OSC52}{RLO}", "--done")
    assert raw_controls(received) == [] and "no action match" in received


def test_files_for_other_programs_keep_the_text_exact(hostile, tmp_path):
    for form in ("json", "csv", "ics", "markdown", "text"):
        done = peertui(hostile, "actions", "--format", form, "--output", str(tmp_path / f"out.{form}"))
        assert done.returncode == 0 and raw_controls(done.stdout + done.stderr) == []
    (action,) = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["actions"]
    assert (action["group"], action["owner"], action["what"]) == (GROUP, CLIENT, WHAT)
    assert action["history"][-1]["note"] == NOTE
    with (tmp_path / "out.csv").open(newline="", encoding="utf-8") as file:
        (row,) = csv.DictReader(file)
    assert (row["group"], row["owner"], row["what"], row["last_note"]) == (GROUP, CLIENT, WHAT, NOTE)
    with (tmp_path / "out.ics").open(newline="", encoding="utf-8") as file:
        lines = file.read().replace("\r\n ", "").split("\r\n")
    event = lines[lines.index("BEGIN:VEVENT") : lines.index("BEGIN:VALARM")]
    fields = dict(line.split(":", 1) for line in event[1:])
    assert ics_unescape(fields["SUMMARY"]) == f"{CLIENT}: {WHAT}"
    reference = short_id(action["id"])
    description = ics_unescape(fields["DESCRIPTION"])
    assert description.startswith(f"{GROUP} · ") and description.endswith(f" · Ref. {reference}\n{NOTE}")
    # Markdown and text are for people: shown as a terminal should show them, like a recap.
    for form in ("markdown", "text"):
        text = (tmp_path / f"out.{form}").read_text(encoding="utf-8")
        assert raw_controls(text) == [] and "1:1s שלום" in text


def ics_unescape(value: str) -> str:
    """An iCalendar TEXT value back to the text (RFC 5545, 3.3.11)."""
    out, chars = [], iter(value)
    for c in chars:
        if c == "\\":
            c = next(chars)
            c = "\n" if c in "nN" else c
        out.append(c)
    return "".join(out)
