"""The plain commands speak the language of --lang, else LANG: every message a person reads
comes from the catalogues, and a scan of their sources keeps it so."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from peertui import cli
from peertui.cli import main
from peertui.core.i18n import catalogue

ROOT = Path(__file__).resolve().parents[2]
RUNNING = "2026-11-15-0900-managers"
ACTION = "2026-11-01-0900-managers/a3"


def french(text: str) -> str:
    """French typography, written the easy way in the expectations below: the no-break
    space before ":" and the narrow one before ";"."""
    return text.replace(" :", "\u00a0:").replace(" ;", "\u202f;")


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as done:  # argparse
        code = done.code
    out, err = capsys.readouterr()
    return code, out, err


def mistakes(
    db: Path, folder: Path
) -> dict[str, tuple[list[str], str, str | tuple[str, str], str | tuple[str, str]]]:
    """For each command, one mistake: its arguments, where it is said, and the line in
    English and in French (or its start and its end, where the rest is not ours)."""
    latin, bad, taken, missing = (
        folder / name for name in ("latin.toml", "bad.toml", "taken.md", "nope.toml")
    )
    d = str(db)
    return {
        "check": (
            ["check", str(latin)],
            "out",
            f"{latin}: cannot be read (not UTF-8 text)",
            f"{latin} : lecture impossible (pas du texte UTF-8)",
        ),
        "check, a missing file": (
            ["check", str(missing)],
            "out",
            f"{missing}: cannot be read (no such file or folder)",
            f"{missing} : lecture impossible (fichier ou dossier introuvable)",
        ),
        "groups": (
            ["groups", "--detail", "nobody", "--db", d],
            "err",
            'peertui: no group matches "nobody"; there are: Managers\' codev circle',
            "peertui : aucun groupe ne correspond à « nobody » ; il y a : Managers' codev circle",
        ),
        "recap": (
            ["recap", RUNNING, "--db", d],
            "err",
            f"peertui: session {RUNNING} is still running: close it in peertui first",
            f"peertui : la séance {RUNNING} est encore en cours : fermez-la d’abord dans peertui",
        ),
        "outbox": (
            ["outbox", "--last", "--output", str(folder), "--db", d],
            "err",
            f"peertui: {folder} exists already: choose a new folder (nothing is ever overwritten)",
            f"peertui : {folder} existe déjà : choisissez un nouveau dossier (rien n’est jamais écrasé)",
        ),
        "actions": (
            ["actions", "--output", str(taken), "--db", d],
            "err",
            f"peertui: {taken} exists already: choose another name",
            f"peertui : {taken} existe déjà : choisissez un autre nom",
        ),
        "action": (
            ["action", ACTION, "--due", "someday", "--db", d],
            "err",
            'peertui: not a date: "someday" (try +2w, 15/12, 2026-12-15, next month, next session)',
            "peertui : date non comprise : « someday » (essayez +2s, 15/12, 2026-12-15, mois prochain, "
            "prochaine séance)",
        ),
        "action, nothing to do": (
            ["action", "X", "--db", d],
            "err",
            "peertui: nothing to change: give --done, --in-progress, --dropped, --open, --due or --note",
            "peertui : rien à changer : donnez --done, --in-progress, --dropped, --open, --due ou --note",
        ),
        "protocols": (  # argparse's own words are English; what frames them is not
            ["protocols", "--format", "yaml"],
            "err",
            ("peertui protocols: argument --format: ", " (see peertui protocols --help)"),
            ("peertui protocols : argument --format: ", " (voir peertui protocols --help)"),
        ),
        "demo": (
            ["demo", "--protocol", "nope", "--db", d],
            "err",
            ('peertui: no protocol "nope"; there are: codev, ', ", world_cafe"),
            ("peertui : aucun protocole « nope » ; il y a : codev, ", ", world_cafe"),
        ),
        "demo, an unknown sample": (
            ["demo", "nope", "--db", d],
            "err",
            'peertui: no sample group "nope"; there are: codev-cadres-lyon, codev-managers, '
            "reseau-apprentissage",
            "peertui : pas de groupe d’exemple « nope » ; il y a : codev-cadres-lyon, codev-managers, "
            "reseau-apprentissage",
        ),
        "--group": (
            ["--group", str(missing), "--db", d],
            "err",
            f"peertui: {missing}: no such group file",
            f"peertui : {missing} : fichier de groupe introuvable",
        ),
        "--group, a file with two problems": (
            ["--group", str(bad), "--db", d],
            "err",
            (f"peertui: {bad}:3: 2 participants: a group needs 3 to 20", " (and 1 more: peertui check)"),
            (f"peertui : {bad}:3: ", " (et 1 autre problème : peertui check)"),
        ),
        "projector": (
            ["projector", "--db", d],
            "err",
            "peertui: the interface needs a terminal (stdin and stdout); "
            "for a file or a pipe use the plain commands: actions, recap, groups",
            "peertui : l’interface a besoin d’un terminal (stdin et stdout) ; "
            "pour un fichier ou un tube, utilisez les commandes simples : actions, recap, groups",
        ),
        "an unknown option": (
            ["groups", "--nope", "--db", d],
            "err",
            "peertui: unrecognized arguments: --nope (see peertui --help)",
            "peertui : unrecognized arguments: --nope (voir peertui --help)",
        ),
    }


def said(expected: str | tuple[str, str], line: str, lang: str) -> bool:
    if isinstance(expected, str):
        return line == (french(expected) if lang == "fr" else expected)
    start, end = (french(part) for part in expected) if lang == "fr" else expected
    return line.startswith(start) and line.endswith(end)


CASES = list(mistakes(Path("db"), Path("folder")))


@pytest.fixture
def own_config(tmp_path, monkeypatch):
    monkeypatch.setenv("PEERTUI_CONFIG", str(tmp_path / "config"))  # no protocol of one's own


@pytest.mark.usefixtures("own_config")
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", CASES)
def test_each_command_says_a_mistake_in_the_language_asked(history, tmp_path, capsys, name, lang):
    (tmp_path / "latin.toml").write_bytes('[group]\nname = "Café"\n'.encode("latin-1"))
    (tmp_path / "bad.toml").write_text(
        '[group]\nname = "x"\n[[participants]]\nname = "A"\n[[participants]]\nname = "a"\n'
    )
    (tmp_path / "taken.md").write_text("mine")
    argv, stream, english, french_line = mistakes(history, tmp_path)[name]
    code, out, err = run(["--lang", lang, *argv] if lang == "fr" else argv, capsys)
    told = out if stream == "out" else err
    assert code == 1, (out, err)
    assert told.count("\n") == 1, told  # one line
    line = told.rstrip("\n")
    assert said(french_line if lang == "fr" else english, line, lang), line
    assert " :" not in line and " ;" not in line  # in French, no-break spaces


@pytest.mark.usefixtures("own_config")
def test_lang_from_the_environment_and_after_the_command(history, tmp_path, capsys, monkeypatch):
    missing = tmp_path / "nope.toml"
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert run(["--group", str(missing), "--db", str(history)], capsys)[2] == (
        f"peertui\u00a0: {missing}\u00a0: fichier de groupe introuvable\n"
    )
    assert run(["--group", str(missing), "--lang", "en", "--db", str(history)], capsys)[2] == (
        f"peertui: {missing}: no such group file\n"
    )
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    code, _, err = run(["recap", RUNNING, "--db", str(history), "--lang", "fr"], capsys)
    assert code == 1 and err.startswith("peertui\u00a0: la séance")
    code, _, err = run(["groups", "--nope", "--lang=fr"], capsys)  # before argparse read it
    assert code == 1 and err.endswith("(voir peertui --help)\n")
    code, _, err = run(["groups", "--lang", "de"], capsys)  # not a language: LANG's
    assert code == 1 and err.endswith("(see peertui groups --help)\n")


@pytest.mark.usefixtures("own_config")
def test_what_the_commands_say_when_all_goes_well_is_french_too(history, tmp_path, capsys):
    db = str(history)
    code, out, _ = run(["--lang", "fr", "groups", "--db", db], capsys)
    assert code == 0
    assert "Managers' codev circle  (7 participants, 1/8 séances tenues, en)" in out
    assert f"  {RUNNING}  en cours, client Tom Becker" in out
    assert french("Groupes d’exemple (peertui demo NOM) : codev-cadres-lyon") in out
    code, out, _ = run(["--lang", "fr", "protocols"], capsys)
    assert code == 0 and "· intégré\n" in out and "bundled" not in out
    code, out, _ = run(["protocols", "--format", "json", "--lang", "fr"], capsys)
    assert '"source": "bundled"' in out  # for programs: unchanged
    code, out, _ = run(
        ["--lang", "fr", "action", ACTION, "--done", "--due", "2026-12-20", "--db", db], capsys
    )
    assert out == french(f"{ACTION} : Priya Raman, « Book | 1:1s » est faite, échéance : 20/12/2026\n")
    target = tmp_path / "recap.md"
    code, _, err = run(["--lang", "fr", "recap", "--output", str(target), "--db", db], capsys)
    assert (code, err) == (0, "compte rendu de 2026-11-01-0900-managers écrit dans " + f"{target}\n")
    target = tmp_path / "actions.md"
    code, _, err = run(["--lang", "fr", "actions", "--output", str(target), "--db", db], capsys)
    assert (code, err) == (0, f"écrit dans {target}\n")
    sample = ROOT / "sample_groups" / "codev-managers.toml"
    code, out, _ = run(["--lang", "fr", "check", str(sample)], capsys)
    assert out == french(f"{sample} : ok, « Managers' codev circle », 7 participants\n")
    codev = ROOT / "peertui" / "protocols" / "codev.toml"
    code, out, _ = run(["--lang", "fr", "check", str(codev)], capsys)
    assert out == french(f"{codev} : ok, protocole « codev », 8 étapes, 110 min\n")


def test_a_session_left_open_is_said_in_the_sessions_language(running, tmp_path, capsys, monkeypatch):
    class App:  # the interface, as it is left when one quits a running session
        def __init__(self, **_: object) -> None:
            self.session, self.return_code, self.lang = running, None, "fr"

        def run(self) -> None:
            pass

    monkeypatch.setattr("peertui.ui.app.PeerApp", App)
    monkeypatch.setattr(cli, "_need_a_terminal", lambda: None)
    assert cli.open_tui(tmp_path / "db.json", None, None) == 0
    assert capsys.readouterr().err == french(
        "la séance de Managers' codev circle est encore ouverte : peertui la reprendra\n"
    )


# The scan: no English message in the plain commands' sources.

SOURCES = [ROOT / "peertui" / "cli.py", *sorted((ROOT / "peertui" / "commands").glob("*.py"))]
KEYED = {"UserError", "Words", "t", "tn"}  # their first argument is a catalogue key
SPOKEN = {"tell", "say", "show", "put"}  # what they print goes to a person
WORDS = re.compile(r"[A-Za-z]{2,}")
PROSE = re.compile(r"[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}")
MACHINERY = {"Words", "UserError"}
NOT_SAID = {"help", "description", "version", "metavar"}  # argparse's --help: English


def _name(call: ast.Call) -> str:
    return call.func.id if isinstance(call.func, ast.Name) else ""


def _is_key(text: str) -> bool:
    fr, en = catalogue("fr"), catalogue("en")
    return all(text in table or f"{text}.one" in table for table in (fr, en))


def _key_problems(node: ast.expr) -> list[str]:
    """A key argument: a literal key, a choice of two, or f"status.{...}" (a known prefix)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [] if _is_key(node.value) else [f"not a catalogue key: {node.value!r}"]
    if isinstance(node, ast.IfExp):
        return _key_problems(node.body) + _key_problems(node.orelse)
    if isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
        prefix = str(node.values[0].value)
        known = prefix.endswith(".") and any(key.startswith(prefix) for key in catalogue("en"))
        return [] if known else [f"not a catalogue prefix: {prefix!r}"]
    return [f"a key that cannot be checked: {ast.unparse(node)}"]


def _english_in(node: ast.AST) -> list[str]:
    """Literal text with words in an expression, but for the keys of nested calls."""
    if isinstance(node, ast.Call) and _name(node) in KEYED and node.args:
        found = _key_problems(node.args[0])
        for sub in [*node.args[1:], *(k.value for k in node.keywords)]:
            found += _english_in(sub)
        return found
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        words = WORDS.search(node.value) and not _is_key(node.value)
        return [f"English text: {node.value!r}"] if words else []
    if isinstance(node, ast.Compare):  # a test, not a text: row["source"] == "bundled"
        return []
    if isinstance(node, ast.Subscript):  # row["name"]: a key of data
        return _english_in(node.value)
    return [problem for child in ast.iter_child_nodes(node) for problem in _english_in(child)]


def english_messages(source: str) -> list[str]:
    """Every message in `source` that is not a catalogue key: text given to UserError,
    Words, tell, say, show or put, and any literal sentence outside docstrings and
    argparse's help."""
    tree = ast.parse(source)
    found: list[str] = []
    quiet: set[int] = set()
    machinery = {  # what says a key, whichever it is
        id(sub)
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef) and node.name in MACHINERY
        for sub in ast.walk(node)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                quiet.add(id(first.value))  # a docstring
        if isinstance(node, ast.keyword) and node.arg in NOT_SAID:
            quiet |= {id(sub) for sub in ast.walk(node.value)}
        if id(node) in machinery:
            continue
        if isinstance(node, ast.Call) and _name(node) in KEYED:
            found += [f"line {node.lineno}: {p}" for p in _english_in(node)]
        if isinstance(node, ast.Call) and _name(node) in SPOKEN:
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                found += [f"line {node.lineno}: {p}" for p in _english_in(argument)]
    for node in ast.walk(tree):
        text = node.value if isinstance(node, ast.Constant) else None
        if isinstance(text, str) and id(node) not in quiet and PROSE.search(text):
            found.append(f"line {node.lineno}: a sentence: {text!r}")
    return sorted(set(found))


def test_the_scan_finds_an_english_message():
    planted = '''
def f(path, lang, n):
    """A docstring, in English."""
    parser.add_argument("--x", help="the help, in English")
    raise UserError(f"{path}: no such file")
    raise UserError("cli.no_such_key")
    tell("written to " + str(path))
    say(f"{path}: ok")
    say(t("cli.written", lang, path=str(path)) + " and more")
    raise UserError("cli.written", path="somewhere")
    what = "several people"
    say("running")
'''
    found = english_messages(planted)
    assert {int(f.split()[1].rstrip(":")) for f in found} == set(range(5, 13)), found  # not 3 nor 4
    assert (
        english_messages('say(t("cli.written", lang, path=str(p)))\nraise UserError("cli.nothing_to_change")')
        == []
    )


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_english_message_in_the_commands(path):
    assert english_messages(path.read_text(encoding="utf-8")) == []
