"""The plain commands, as a user types them: exit codes and one-line messages."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from peertui.cli import main
from peertui.store import Store

ROOT = Path(__file__).resolve().parents[2]


def test_check_ok_and_bad(tmp_path, capsys):
    assert main(["check", str(ROOT / "sample_groups" / "codev-managers.toml")]) == 0
    bad = tmp_path / "bad.toml"
    bad.write_text('[group]\nname = "x"\n[[participants]]\nname = "A"\n[[participants]]\nname = "a"\n')
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-2:] == [  # as the file reads, top to bottom
        f"{bad}:3: 2 participants: a group needs 3 to 20",
        f'{bad}:6: duplicate name "a" (first at line 4): names must differ',
    ]


def test_a_bad_group_file_to_the_tui_is_one_line_and_exit_1(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[group\n")
    assert main(["--db", str(tmp_path / "db.json"), "--group", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"peertui: {bad}:1: not valid TOML") and err.count("\n") == 1


def test_unknown_option_is_one_line_and_exit_1(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--nope"])
    assert done.value.code == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_groups_lists_the_sessions(history, capsys):
    assert main(["groups", "--db", str(history)]) == 0
    out = capsys.readouterr().out
    assert "Managers' codev circle  (7 participants, 1/8 sessions held, en)" in out
    assert "  2026-11-15-0900-managers  running, client Tom Becker" in out


def test_recap_prints_the_last_closed_session_as_markdown(history, capsys):
    assert main(["recap", "--db", str(history)]) == 0
    markdown = capsys.readouterr().out
    assert "PRIVATE" not in markdown
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    seen = ["".join(c.content for c in t.children if c.type == "text") for t in tokens if t.type == "inline"]
    assert "Book | 1:1s" in seen  # one table cell, the pipe kept as text
    assert any(text.endswith("Try # weekly _1:1s_") for text in seen)  # literal, not a heading


def test_recap_as_text_by_id_prefix(history, capsys):
    assert main(["recap", "2026-11-01", "--format", "text", "--db", str(history)]) == 0
    text = capsys.readouterr().out
    assert "Case: Quiet | *team*" in text and all(len(line) <= 72 for line in text.splitlines())


def test_recap_of_a_running_session_is_refused(history, capsys):
    assert main(["recap", "2026-11-15-0900-managers", "--db", str(history)]) == 1
    assert "still running" in capsys.readouterr().err


def test_recap_output_never_overwrites(history, tmp_path, capsys):
    target = tmp_path / "recap.md"
    assert main(["recap", "--output", str(target), "--db", str(history)]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Managers' codev circle")
    target.write_text("mine")
    assert main(["recap", "--output", str(target), "--db", str(history)]) == 1
    assert target.read_text() == "mine"
    assert "exists already" in capsys.readouterr().err


def test_recap_copy_through_a_working_clipboard_command(history, tmp_path, monkeypatch, capsys):
    bin_dir, pasted = fake_xclip(tmp_path)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DISPLAY", ":99")
    for name in ("SSH_TTY", "SSH_CONNECTION", "SSH_CLIENT", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    assert main(["recap", "--copy", "--db", str(history)]) == 0
    assert pasted.read_text(encoding="utf-8").startswith("# Managers' codev circle")
    assert "copied to the clipboard" in capsys.readouterr().err


def fake_xclip(folder: Path, body: str | None = None) -> tuple[Path, Path]:
    """An xclip that keeps the clipboard in a file (-o gives it back): a clipboard, no display."""
    bin_dir, pasted = folder / "bin", folder / "pasted.txt"
    bin_dir.mkdir()
    cat = shutil.which("cat")
    script = bin_dir / "xclip"
    script.write_text(
        "#!/bin/sh\n"
        + (
            body
            or f"""case "$*" in
  *-o*) exec {cat} '{pasted}' ;;
  *) exec {cat} > '{pasted}' ;;
esac
"""
        )
    )
    script.chmod(0o755)
    return bin_dir, pasted


def test_actions_filters_and_formats(history, capsys, tmp_path):
    db = str(history)
    assert main(["actions", "--db", db, "--participant", "PRIYA", "--today", "2026-12-02"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Priya Raman (1)\n") and "⚠ 2026-12-01  Book | 1:1s — overdue by 1 d" in text
    assert main(["actions", "--db", db, "--participant", "tom"]) == 0
    assert capsys.readouterr().out == "No action matches.\n"
    assert main(["actions", "--db", db, "--format", "json", "--overdue", "--today", "2026-11-30"]) == 0
    assert json.loads(capsys.readouterr().out)["actions"] == []
    target = tmp_path / "actions.csv"
    assert main(["actions", "--db", db, "--format", "csv", "--output", str(target)]) == 0
    rows = list(csv.DictReader(target.open(newline="", encoding="utf-8")))
    assert [(r["owner"], r["what"], r["due"]) for r in rows] == [("Priya Raman", "Book | 1:1s", "2026-12-01")]
    assert main(["actions", "--db", db, "--format", "ics", "--output", str(target)]) == 1  # exists


def test_an_action_update_is_kept_in_its_history(history, capsys):
    db = str(history)
    action_id = "2026-11-01-0900-managers/a3"
    assert main(["action", "2026-11-01-0900-managers/a", "--done", "--db", db]) == 0  # a unique start
    assert main(["action", action_id, "--due", "2026-12-20", "--note", "moved, asked by HR", "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == f'{action_id}: Priya Raman, "Book | 1:1s" is done, due 2026-12-20'
    with Store(history, readonly=True) as reader:
        action = reader.action(action_id)
    assert [(c.status.value, c.note, str(c.due)) for c in action.history] == [
        ("done", "", "2026-12-01"),
        ("done", "moved, asked by HR", "2026-12-20"),
    ]
    assert main(["action", action_id, "--db", db]) == 1
    assert main(["action", "nope", "--done", "--db", db]) == 1
    assert main(["action", action_id, "--due", "someday", "--db", db]) == 1
    assert 'not a date: "someday"' in capsys.readouterr().err


def test_an_update_while_a_session_runs_is_refused_clearly(history, capsys):
    with Store(history):
        assert main(["action", "2026-11-01-0900-managers/a3", "--done", "--db", str(history)]) == 1
    assert "already open in another peertui" in capsys.readouterr().err


def test_actions_reads_while_a_writer_writes(history):
    """`peertui actions` in its own process, again and again, while another process writes."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer_code = (
        "import sys, time\nfrom peertui.store import Store\nfrom peertui.core.model import Action\n"
        f"s = Store({str(history)!r})\nprint('ready', flush=True)\n"
        "for i in range(100000):\n"
        "    s.save_action(Action(f'w/{i % 50}', 'Zoé Mercier', 'x' * (i % 500), 1.0 * i, 'w', 'G'))\n"
    )
    writer = subprocess.Popen([sys.executable, "-c", writer_code], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert writer.stdout.readline().strip() == "ready"
        for _ in range(8):
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "peertui",
                    "actions",
                    "--participant",
                    "zoe",
                    "--format",
                    "json",
                    "--db",
                    str(history),
                ],
                capture_output=True,
                text=True,
                env=env,
                timeout=30,
            )
            assert done.returncode == 0, done.stderr
            json.loads(done.stdout)  # whole, every time
        assert writer.poll() is None
    finally:
        writer.kill()
        writer.wait()


def test_groups_detail_shows_the_cycle(history, capsys):
    assert main(["groups", "--detail", "managers", "--db", str(history)]) == 0
    out = capsys.readouterr().out
    assert "Sessions held: 1/8" in out and "Running now: 1" in out
    assert "Not yet client: Tom Becker, Aisha Okafor" in out
    assert main(["groups", "--detail", "nobody", "--db", str(history)]) == 1


def no_clipboard_recap(history: Path, *extra: str) -> subprocess.CompletedProcess:
    """`peertui recap --copy` with no clipboard at all: no display, no tool, no terminal."""
    env = {
        "PATH": os.path.dirname(sys.executable),
        "PYTHONPATH": str(ROOT),
        "LANG": "C.UTF-8",
        "HOME": str(history.parent),
        "PEERTUI_CONFIG": str(history.parent / "config"),
    }
    return subprocess.run(
        [sys.executable, "-m", "peertui", "recap", "--copy", "--db", str(history), *extra],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
        start_new_session=True,
    )  # no controlling terminal: no /dev/tty


def test_recap_copy_without_a_clipboard_names_the_recap_saved_at_close(history):
    session_id = "2026-11-01-0900-managers"
    done = no_clipboard_recap(history)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"recap of {session_id} not copied: no clipboard here; use --output FILE\n"
    with Store(history) as store:
        saved = store.save_recap(session_id, "# the recap\n", "md")
        text = store.save_recap(session_id, "the recap\n", "txt")
    done = no_clipboard_recap(history)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"recap of {session_id} not copied: no clipboard here; it is saved in {saved}\n"
    done = no_clipboard_recap(history, "--format", "text")
    assert done.stderr == f"recap of {session_id} not copied: no clipboard here; it is saved in {text}\n"


def test_recap_copy_without_a_clipboard_but_an_output_file_is_done(history, tmp_path):
    target = tmp_path / "recap.md"
    done = no_clipboard_recap(history, "--output", str(target))
    assert done.returncode == 0 and target.read_text(encoding="utf-8").startswith("# Managers")
    assert done.stderr.splitlines()[-1] == (
        f"recap of 2026-11-01-0900-managers not copied: no clipboard here; it is in {target}"
    )


def test_actions_of_a_participant_in_either_unicode_form(tmp_path, capsys):
    from peertui.core.model import Action

    db = tmp_path / "peertui.json"
    nfc, nfd = "Zo\u00e9 Mercier", "Zoe\u0301 Mercier"
    with Store(db) as store:  # as stored by a version that kept what the file said
        store.save_action(Action("s/a1", nfd, "decomposed", 1.0, "s", "G"))
        store.save_action(Action("s/a2", nfc, "composed", 2.0, "s", "G"))
    for typed in (nfc, nfd, "zoé", "zoe\u0301", "ZOE"):
        assert main(["actions", "--participant", typed, "--format", "json", "--db", str(db)]) == 0
        found = json.loads(capsys.readouterr().out)["actions"]
        assert sorted(a["what"] for a in found) == ["composed", "decomposed"], typed


def test_a_word_in_another_encoding_is_saved_readable_not_a_traceback(history, capsys):
    """'caf\\xe9' typed in a Latin-1 terminal reaches Python with a surrogate."""
    with Store(history, readonly=True) as reader:
        action = reader.actions()[0]
    assert main(["action", action.id, "--db", str(history), "--note", "caf\udce9"]) == 0
    with Store(history, readonly=True) as reader:
        assert reader.action(action.id).history[-1].note == "caf\ufffd"


def test_an_action_due_next_session_takes_the_groups_dates(history, managers, capsys):
    from dataclasses import replace as changed_group

    with Store(history) as store:
        store.save_group(changed_group(managers, sessions=(date(2099, 1, 12), date(2099, 2, 9))))
        action = store.actions()[0]
    assert main(["action", action.id, "--db", str(history), "--due", "next session"]) == 0
    with Store(history, readonly=True) as reader:
        assert reader.action(action.id).due == date(2099, 1, 12)


def test_check_names_a_typo_a_contact_on_two_lines_a_recall_and_rules_that_differ(tmp_path, capsys):
    group = tmp_path / "g.toml"
    group.write_text(
        '[group]\nname = "G"\nnom = "x"\n'
        + "".join(f'[[participants]]\nname = "P{n}"\n' for n in range(3))
        + '[[participants]]\nname = "Eve"\ncontact = "eve@example.fr\\nBcc: spy@example.com"\n',
        encoding="utf-8",
    )
    assert main(["check", str(group)]) == 1
    out = capsys.readouterr().out
    assert f'{group}:3: unknown field "nom"' in out and f"{group}:12: contact must be one line" in out
    protocol = tmp_path / "p.toml"
    protocol.write_text(
        '[protocol]\nkey = "p"\nname_fr = "P"\nname_en = "P"\n\n[[steps]]\nkey = "s"\nname_fr = "S"\n'
        'name_en = "S"\nminutes = 5\nrules_fr = ["Une"]\nrules_en = ["One", "Two"]\nrecall = "nope"\n',
        encoding="utf-8",
    )
    assert main(["check", str(protocol)]) == 1
    out = capsys.readouterr().out
    assert f"{protocol}:12: rules_fr has 1 rules and rules_en 2" in out
    protocol.write_text(protocol.read_text(encoding="utf-8").replace(', "Two"', ""), encoding="utf-8")
    assert main(["check", str(protocol)]) == 1  # once the rules agree, the recall is named
    assert f'{protocol}:13: recall = "nope": no such form' in capsys.readouterr().out


def test_the_same_reply_twice_changes_nothing_the_second_time(history, capsys):
    with Store(history, readonly=True) as reader:
        action = reader.actions()[0]
    assert main(["action", action.id, "--db", str(history), "--done"]) == 0
    assert main(["action", action.id, "--db", str(history), "--done"]) == 1
    assert "done already: nothing changed" in capsys.readouterr().err
    with Store(history, readonly=True) as reader:
        assert [c.status for c in reader.action(action.id).history].count("done") == 1
