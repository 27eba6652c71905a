"""The command line: the TUI, and plain commands that never import textual.

Exit codes: 0 done, 1 a user's mistake (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from peertui import __version__, paths
from peertui.commands import UserError, tell
from peertui.core.i18n import language, t
from peertui.core.model import LANGUAGES, Group
from peertui.core.sharing import Level
from peertui.formats import ACTIONS_FORMATS, RECAP_FORMATS


class _Parser(argparse.ArgumentParser):
    lang = "en"  # of its one-line error: argparse stops before --lang is read

    def error(self, message: str) -> NoReturn:
        # The message may quote what was typed: shown as any message, visibly. argparse's
        # own words (message) are English: Python has no French for them.
        tell(t("cli.usage", self.lang, prog=self.prog, message=message))
        self.exit(1)


def _db_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=default,
        metavar="PATH",
        help="the database file (default: PEERTUI_DB, else the user data folder)",
    )


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The parser; `lang` is that of its one-line errors (--help stays English)."""
    parser = _Parser(
        prog="peertui",
        description="Run co-development and peer learning sessions from the terminal.",
    )
    parser.lang = lang
    parser.add_argument("--version", action="version", version=f"peertui {__version__}")
    _db_option(parser, None)
    parser.add_argument("--group", metavar="FILE", help="start a session with this group file")
    parser.add_argument(
        "--protocol", metavar="KEY", help="the protocol chosen on the start form (peertui protocols)"
    )
    parser.add_argument("--lang", choices=("fr", "en"), help="language of the interface")
    parser.add_argument(
        "--theme",
        metavar="NAME",
        help="a theme (remembered): peertui-dark, "
        "peertui-light, high-contrast, projector, or one of your own",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser("demo", help="start a session with a bundled sample group")
    demo.add_argument(
        "sample", nargs="?", default="codev-managers", help="which sample group (default: codev-managers)"
    )
    demo.add_argument(
        "--protocol", metavar="KEY", default=argparse.SUPPRESS, help="the protocol chosen first"
    )
    check = commands.add_parser("check", help="validate group files and protocol files")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    protocols = commands.add_parser("protocols", help="the protocols a session can follow, yours included")
    protocols.add_argument("--format", choices=("text", "json"), default="text")
    groups = commands.add_parser("groups", help="list the groups and their sessions")
    groups.add_argument("--detail", metavar="NAME", help="one group's cycle: sessions, clients, actions")
    recap = commands.add_parser("recap", help="print, copy or save the recap of a closed session")
    recap.add_argument("session", nargs="?", metavar="SESSION", help="a session id (see peertui groups)")
    recap.add_argument("--last", action="store_true", help="the last closed session (the default)")
    recap.add_argument("--format", choices=tuple(RECAP_FORMATS), default="markdown")
    recap.add_argument("--copy", action="store_true", help="copy it to the clipboard")
    recap.add_argument("--output", type=Path, metavar="FILE", help="write it to FILE (never overwritten)")
    recap.add_argument(
        "--level",
        choices=[level.value for level in Level],
        default=Level.GROUP.value,
        help="who it is for: group (the default), participant (with --participant), "
        "outside (a sponsor: no case, no client, no action), facilitator (with talk time)",
    )
    recap.add_argument("--participant", metavar="NAME", help="whose recap, with --level participant")
    outbox = commands.add_parser(
        "outbox", help="a mail draft and a calendar for each person present (nothing is sent)"
    )
    outbox.add_argument("session", nargs="?", metavar="SESSION", help="a session id (see peertui groups)")
    outbox.add_argument("--last", action="store_true", help="the last closed session (the default)")
    outbox.add_argument(
        "--output", type=Path, metavar="DIR", required=True, help="a new folder to write them in"
    )
    knowledge = commands.add_parser("knowledge", help="the group's memory: learnings, stories, sheets")
    knowledge.add_argument("--group", metavar="NAME", help="which group (part of its name); all by default")
    knowledge.add_argument("--tag", action="append", default=[], metavar="TAG", help="only with this tag")
    knowledge.add_argument(
        "--search", default="", metavar="WORDS", help="words to find (accents, case aside)"
    )
    knowledge.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    knowledge.add_argument("--output", type=Path, metavar="FILE", help="write to FILE (never overwritten)")
    bilan = commands.add_parser("bilan", help="the document that ends a group's cycle")
    bilan.add_argument("--group", metavar="NAME", required=True, help="which group (part of its name)")
    bilan.add_argument("--format", choices=("markdown", "text"), default="markdown")
    bilan.add_argument("--output", type=Path, metavar="FILE", help="write to FILE (never overwritten)")
    actions = commands.add_parser("actions", help="list actions (read-only, safe during a session)")
    actions.add_argument("--participant", metavar="NAME", help="whose actions (accents and case aside)")
    actions.add_argument("--group", metavar="NAME", help="which group (part of its name)")
    statuses = ("open", "in_progress", "done", "dropped", "all")
    actions.add_argument(
        "--status",
        choices=statuses,
        default="open",
        help="open (the default: open or in progress), in_progress, done, dropped, all",
    )
    actions.add_argument("--overdue", action="store_true", help="only those past their due date")
    actions.add_argument(
        "--format",
        choices=tuple(ACTIONS_FORMATS),
        default="text",
        help="text (default), markdown, json (stable, for scripts), csv, ics (calendar)",
    )
    actions.add_argument("--output", type=Path, metavar="FILE", help="write to FILE (never overwritten)")
    actions.add_argument(
        "--today",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="count overdue as of this day (default: today)",
    )
    action = commands.add_parser("action", help="update one action: status, due date, note")
    action.add_argument(
        "action_id", metavar="ID", help="the action's reference from a recap (K7Q2A), its id, or its start"
    )
    change = action.add_mutually_exclusive_group()
    for flag, status in (
        ("--done", "done"),
        ("--in-progress", "in_progress"),
        ("--dropped", "dropped"),
        ("--open", "open"),
    ):
        change.add_argument(flag, dest="status", action="store_const", const=status)
    action.add_argument("--due", metavar="DATE", help="a new due date: 2026-12-15, 15/12, +2w, next month")
    action.add_argument("--note", default="", help="why, or where it stands")
    projector = commands.add_parser(
        "projector", help="the room's view of the running session, for a second terminal (read-only)"
    )
    projector.add_argument("--theme", metavar="NAME", default=argparse.SUPPRESS)
    for sub in (demo, check, protocols, groups, recap, outbox, knowledge, bilan, actions, action, projector):
        sub.lang = lang
        _db_option(sub, argparse.SUPPRESS)  # so that --db works after the command too
        sub.add_argument("--lang", choices=("fr", "en"), default=argparse.SUPPRESS)
    return parser


def _as_typed(value: object) -> object:
    """A word of the command line in a locale that is not UTF-8 ("caf\\xe9" in Latin-1)
    reaches Python with surrogates, which no file can hold: read it as UTF-8 would, an
    unreadable byte shown as �, rather than fail at the save with a traceback."""
    if isinstance(value, str):
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    typed = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(_lang(_typed_lang(typed))).parse_args(typed)
    for name, value in vars(args).items():  # paths stay as they are: they name real files
        setattr(args, name, _as_typed(value))
    db = args.db or paths.default_db()
    lang = _lang(args.lang)  # of the messages: --lang, else LANG
    try:
        return _run(args, db, lang)
    except UserError as error:
        tell(t("cli.error", lang, message=error.text(lang)))
        return 1
    except KeyboardInterrupt:
        return 130


def _run(args: argparse.Namespace, db: Path, lang: str) -> int:
    # Each command imports only what it needs: a plain command answers in a blink,
    # and the interface is up sooner.
    if args.command == "check":
        from peertui.commands.groups import check

        return check(args.files, lang)
    if args.command == "protocols":
        from peertui.commands.protocols import list_protocols

        return list_protocols(args.format, lang)
    if args.command == "groups":
        from peertui.commands.groups import list_groups

        return list_groups(db, args.detail, lang)
    if args.command == "recap":
        from peertui.commands.recap import recap

        return recap(
            db, args.session, args.format, args.copy, args.output, args.level, args.participant, lang
        )
    if args.command == "knowledge":
        from peertui.commands.knowledge import knowledge

        return knowledge(db, args.group, args.tag, args.search, args.format, lang, args.output)
    if args.command == "bilan":
        from peertui.commands.knowledge import bilan

        return bilan(db, args.group, args.format, args.output, lang)
    if args.command == "outbox":
        from peertui.commands.outbox import outbox

        return outbox(db, args.session, args.output, lang)
    if args.command == "actions":
        from peertui.commands.actions import list_actions
        from peertui.core.followup import Filter

        keep = Filter(args.participant, args.group, args.status, args.overdue)
        return list_actions(db, keep, args.format, lang, args.today or date.today(), args.output)
    if args.command == "projector":
        from peertui.ui.projector_app import ProjectorApp

        _need_a_terminal()
        ProjectorApp(db, args.lang, args.theme).run()
        return 0
    if args.command == "action":
        from peertui.commands.actions import update_action

        return update_action(db, args.action_id, args.status, args.note, args.due, date.today(), lang)
    from peertui.commands.groups import load_group, sample_group

    group = None
    if args.command == "demo":
        group = sample_group(args.sample)
    elif args.group:
        group = load_group(args.group)
    protocol = getattr(args, "protocol", None)
    if protocol is not None:
        from peertui.commands.protocols import known_protocol

        known_protocol(protocol, lang)
    return open_tui(db, group, args.lang, args.theme, protocol)


def _lang(lang: str | None) -> str:
    return lang or language(os.environ.get("LANG"))


def _typed_lang(argv: Sequence[str]) -> str | None:
    """--lang as typed (the last one wins, as in argparse), for a mistake argparse finds
    before it has read it; None if absent or not a language."""
    found = None
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif word.startswith("--lang="):
            found = word.partition("=")[2]
    return found if found in LANGUAGES else None


def _need_a_terminal() -> None:
    """The interface reads keys from a terminal and draws on one; with a file or a pipe it
    would spin at full CPU reading end-of-file."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError("cli.needs_terminal")


def open_tui(
    db: Path, group: Group | None, lang: str | None, theme: str | None = None, protocol: str | None = None
) -> int:
    from peertui.store import StoreError
    from peertui.ui.app import PeerApp

    try:
        app = PeerApp(db=db, group=group, lang=lang, theme=theme, protocol=protocol)
    except StoreError as error:
        raise UserError.quoting(error) from None
    try:
        _need_a_terminal()  # after the database: its problems are said first
    except UserError:
        app.release()
        raise
    app.run()
    session = app.session
    if session is not None and not session.closed and app.return_code in (0, None):
        tell(t("cli.still_open", app.lang, group=session.group.name))
    return app.return_code or 0
