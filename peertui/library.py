"""The protocols a facilitator can run: those bundled with peertui, and their own, from
`<config>/protocols/*.toml` (PEERTUI_CONFIG, else ~/.config/peertui). A file of theirs
with a bundled key replaces that protocol, and says so; a file that cannot be used is
named with its problem (file:line) and left out: it never stops peertui."""

from __future__ import annotations

from pathlib import Path

from peertui import paths
from peertui.core.i18n import t
from peertui.core.problems import Problem
from peertui.core.protocol import Protocol, ordered
from peertui.core.protocol_file import ProtocolFileError, builtin_protocols, parse_protocol


def user_protocol_files() -> list[Path]:
    return sorted((paths.config_dir() / "protocols").glob("*.toml"))


def protocols(lang: str) -> tuple[dict[str, Protocol], list[str]]:
    """Every protocol by key (co-development first), and one line per thing to say about
    the user's files: a problem, or a bundled protocol replaced."""
    found = builtin_protocols()
    notes: list[str] = []
    for path in user_protocol_files():
        try:
            protocol = parse_protocol(path.read_text(encoding="utf-8"), str(path), str(path))
        except ProtocolFileError as error:
            notes += [problem.text(lang) for problem in error.problems]
            continue
        except (OSError, UnicodeDecodeError) as error:
            notes.append(Problem(str(path), 1, "unreadable", {"reason": str(error)}).text(lang))
            continue
        if found.get(protocol.key, protocol).source == "bundled":
            notes.append(t("file.replaces_bundled", lang, path=str(path), key=protocol.key))
        found[protocol.key] = protocol
    return ordered(found), notes
