"""The protocols a facilitator can run: those bundled with peertui, and their own, from
`<config>/protocols/*.toml` (PEERTUI_CONFIG, else ~/.config/peertui). A file of theirs
with a bundled key replaces that protocol, and says so; a file that cannot be used is
named with its problem (file:line) and left out: it never stops peertui."""

from __future__ import annotations

import shlex
from pathlib import Path

from peertui import paths
from peertui.core.i18n import t, tn
from peertui.core.problems import Problem
from peertui.core.protocol import Protocol, ordered
from peertui.core.protocol_file import ProtocolFileError, builtin_protocols, parse_protocol


def user_protocol_files() -> list[Path]:
    return sorted((paths.config_dir() / "protocols").glob("*.toml"))


def protocols(lang: str, brief: bool = False) -> tuple[dict[str, Protocol], list[str]]:
    """Every protocol by key (co-development first), and one line per thing to say about
    the user's files: a problem, or a bundled protocol replaced. `brief`, a file's problems
    are one line: the first, and how many more `peertui check FILE` lists (the interface
    says each line in a notification, and twenty stacked over the start form hid it)."""
    found = builtin_protocols()
    notes: list[str] = []
    for path in user_protocol_files():
        try:
            protocol = parse_protocol(path.read_text(encoding="utf-8"), str(path), str(path))
        except ProtocolFileError as error:
            said = [problem.text(lang) for problem in error.problems]
            if brief and len(said) > 1:
                more = len(said) - 1
                said = [tn("file.more_problems", more, lang, problem=said[0], path=shlex.quote(str(path)))]
            notes += said
            continue
        except (OSError, UnicodeDecodeError) as error:
            notes.append(Problem(str(path), 1, "unreadable", {"reason": str(error)}).text(lang))
            continue
        if found.get(protocol.key, protocol).source == "bundled":
            notes.append(t("file.replaces_bundled", lang, path=str(path), key=protocol.key))
        found[protocol.key] = protocol
    return ordered(found), notes
