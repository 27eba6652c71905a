"""The command line: the TUI, and plain commands that never import textual.

Exit codes: 0 done, 1 a user's mistake (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from peertui import __version__, paths
from peertui.core.groups import GroupFileError, parse_group
from peertui.core.model import Group


class UserError(Exception):
    """A mistake the user can fix; main prints it on one line and exits 1."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(1, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _db_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--db", type=Path, default=default, metavar="PATH",
        help="the database file (default: PEERTUI_DB, else the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="peertui",
        description="Run co-development and peer learning sessions from the terminal.",
    )
    parser.add_argument("--version", action="version", version=f"peertui {__version__}")
    _db_option(parser, None)
    parser.add_argument("--group", metavar="FILE", help="start a session with this group file")
    parser.add_argument("--lang", choices=("fr", "en"), help="language of the interface")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser("demo", help="start a session with a bundled sample group")
    demo.add_argument("sample", nargs="?", default="codev-managers",
                      help="which sample group (default: codev-managers)")
    check = commands.add_parser("check", help="validate group files")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    groups = commands.add_parser("groups", help="list the groups and their sessions")
    recap = commands.add_parser("recap", help="print, copy or save the recap of a closed session")
    recap.add_argument("session", nargs="?", metavar="SESSION", help="a session id (see peertui groups)")
    recap.add_argument("--last", action="store_true", help="the last closed session (the default)")
    recap.add_argument("--format", choices=("markdown", "text"), default="markdown")
    recap.add_argument("--copy", action="store_true", help="copy it to the clipboard")
    recap.add_argument("--output", type=Path, metavar="FILE", help="write it to FILE (never overwritten)")
    for sub in (demo, check, groups, recap):
        _db_option(sub, argparse.SUPPRESS)  # so that --db works after the command too
        sub.add_argument("--lang", choices=("fr", "en"), default=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    db = args.db or paths.default_db()
    try:
        if args.command == "check":
            return check(args.files)
        if args.command == "groups":
            return list_groups(db)
        if args.command == "recap":
            return recap(db, args.session, args.format, args.copy, args.output)
        group = None
        if args.command == "demo":
            group = sample_group(args.sample)
        elif args.group:
            group = load_group(args.group)
        return open_tui(db, group, args.lang)
    except UserError as error:
        print(f"peertui: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def load_group(where: str | Path) -> Group:
    """A group from a file path, or from the name of a bundled sample."""
    path = Path(where)
    if not path.exists():
        samples = {p.stem: p for p in paths.sample_groups()}
        if str(where) in samples:
            path = samples[str(where)]
        else:
            raise UserError(f"{where}: no such group file")
    try:
        return parse_group(path.read_text(encoding="utf-8"), str(path))
    except GroupFileError as error:
        raise UserError(str(error.problems[0]) + _more(error.problems)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"{path}: cannot be read ({error})") from None


def _more(problems: list) -> str:
    return f" (and {len(problems) - 1} more: peertui check)" if len(problems) > 1 else ""


def sample_group(name: str) -> Group:
    samples = {p.stem: p for p in paths.sample_groups()}
    if name not in samples:
        raise UserError(f"no sample group {name!r}; there are: {', '.join(samples)}")
    return load_group(samples[name])


def check(files: Sequence[Path]) -> int:
    """Each file: 'ok' with its size, or one line per problem."""
    failed = False
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
            group = parse_group(text, str(path))
        except GroupFileError as error:
            failed = True
            for problem in error.problems:
                print(problem)
        except (OSError, UnicodeDecodeError) as error:
            failed = True
            reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
            print(f"{path}: cannot be read ({reason})")
        else:
            print(f"{path}: ok, {group.name!r}, {len(group.participants)} participants")
    return 1 if failed else 0


def list_groups(db: Path) -> int:
    from peertui.store import Store, StoreError

    try:
        with Store(db, readonly=True) as store:
            groups = store.groups()
            summaries = store.summaries()
    except StoreError as error:
        raise UserError(str(error)) from None
    if not groups:
        print(f"No group in {db} yet. Start one: peertui --group FILE, or peertui demo.")
    for group in groups:
        own = [s for s in summaries if s.group == group.name]
        held = [s for s in own if not s.running]
        planned = f"/{group.planned_sessions}" if group.planned_sessions else ""
        print(f"{group.name}  ({len(group.participants)} participants, "
              f"{len(held)}{planned} sessions held, {group.language})")
        for summary in own[-5:]:
            state = "running" if summary.running else "closed"
            client = f", client {summary.client}" if summary.client else ""
            print(f"  {summary.id}  {state}{client}")
    samples = paths.sample_groups()
    if samples:
        print("Sample groups (peertui demo NAME): " + ", ".join(p.stem for p in samples))
    return 0


def recap(db: Path, session_id: str | None, form: str, copy: bool, output: Path | None) -> int:
    """A closed session's recap: printed, or copied, or written to a new file."""
    from peertui.core.recap import render_markdown, render_text
    from peertui.delivery import Way, deliver
    from peertui.store import Store, StoreError

    try:
        with Store(db, readonly=True) as store:
            closed = [s for s in store.summaries() if not s.running]
            if session_id is None:
                if not closed:
                    raise UserError(f"no closed session in {db} yet")
                session_id = closed[-1].id
            summaries = store.summaries()
            matches = [s for s in summaries if s.id == session_id] or [
                s for s in summaries if s.id.startswith(session_id)]
            if len(matches) != 1:
                found = "several sessions" if matches else "no session"
                raise UserError(f"{found} match {session_id!r}; see peertui groups")
            session = store.load_session(matches[0].id)
            carried = store.carried_actions(session)
    except StoreError as error:
        raise UserError(str(error)) from None
    if not session.closed:
        raise UserError(f"session {session.id} is still running: close it in peertui first")
    render = render_markdown if form == "markdown" else render_text
    text = render(session, carried)
    if output is not None:
        try:
            with output.open("x", encoding="utf-8") as file:  # "x": never overwrite a file
                file.write(text)
        except FileExistsError:
            raise UserError(f"{output} exists already: choose another name") from None
        except OSError as error:
            raise UserError(f"{output}: cannot be written ({error.strerror})") from None
        print(f"recap of {session.id} written to {output}", file=sys.stderr)
    if copy:
        delivery = deliver(text, _terminal_clipboard())
        ways = {
            Way.SYSTEM: "copied to the clipboard",
            Way.TERMINAL: "sent to the terminal's clipboard (OSC 52)"
            + ("; in tmux: set -s set-clipboard on" if delivery.in_tmux else ""),
            Way.NONE: "no clipboard here: use --output FILE",
        }
        print(f"recap of {session.id} {ways[delivery.way]}", file=sys.stderr)
        return 0 if delivery.way is not Way.NONE or output else 1
    if output is None:
        sys.stdout.write(text)
    return 0


def _terminal_clipboard():
    """OSC 52 straight to the controlling terminal, if there is one."""
    from peertui.delivery import osc52

    try:
        tty = open("/dev/tty", "w")  # noqa: SIM115 - closed by the sender below
    except OSError:
        return None

    def send(text: str) -> None:
        with tty:
            tty.write(osc52(text))
            tty.flush()

    return send


def open_tui(db: Path, group: Group | None, lang: str | None) -> int:
    from peertui.store import StoreError
    from peertui.ui.app import PeerApp

    try:
        app = PeerApp(db=db, group=group, lang=lang)
    except StoreError as error:
        raise UserError(str(error)) from None
    app.run()
    return app.return_code or 0
