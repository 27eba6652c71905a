"""Group files: load one, check several; list the groups of a database."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from peertui import paths
from peertui.commands import UserError, say, show
from peertui.core.groups import GroupFileError, parse_group
from peertui.core.model import Group
from peertui.core.problems import Problem


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


def _more(problems: list[Problem]) -> str:
    return f" (and {len(problems) - 1} more: peertui check)" if len(problems) > 1 else ""


def sample_group(name: str) -> Group:
    samples = {p.stem: p for p in paths.sample_groups()}
    if name not in samples:
        raise UserError(f"no sample group {name!r}; there are: {', '.join(samples)}")
    return load_group(samples[name])


def check(files: Sequence[Path], lang: str = "en") -> int:
    """Each file, a group's or a protocol's (told by its [protocol] table): 'ok' and what
    it holds, or one line per problem, with its line."""
    failed = False
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
            if _is_protocol(text):
                from peertui.core.protocol_file import parse_protocol

                protocol = parse_protocol(text, str(path))
                minutes = sum(step.minutes for step in protocol.steps)
                say(f"{path}: ok, protocol {protocol.key!r}, {len(protocol.steps)} steps, {minutes:g} min")
                continue
            group = parse_group(text, str(path))
        except GroupFileError as error:
            failed = True
            for problem in error.problems:
                say(problem.text(lang))
        except (OSError, UnicodeDecodeError) as error:
            failed = True
            reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
            say(f"{path}: cannot be read ({reason})")
        else:
            say(f"{path}: ok, {group.name!r}, {len(group.participants)} participants")
    return 1 if failed else 0


def _is_protocol(text: str) -> bool:
    return any(line.strip() == "[protocol]" for line in text.splitlines())


def list_groups(db: Path, detail: str | None = None, lang: str = "en") -> int:
    from peertui.store import Store, StoreError

    try:
        with Store(db, readonly=True) as store:
            groups = store.groups()
            if detail is not None:  # one group's cycle: its sessions and every action of it
                group = _one(groups, detail)
                summaries, actions = store.summaries(group.name), store.actions(group.name)
            else:  # every group's line, from the index alone: no list of sessions read
                digests = store.digests()
    except StoreError as error:
        raise UserError(str(error)) from None
    if detail is not None:
        from peertui.core.cycle import cycle_of, render_cycle

        show(render_cycle(cycle_of(group, summaries, actions), lang or group.language))
        return 0
    if not groups:
        say(f"No group in {db} yet. Start one: peertui --group FILE, or peertui demo.")
    for group in groups:
        held, recent = digests.get(group.name, (0, []))
        planned = f"/{group.planned_sessions}" if group.planned_sessions else ""
        say(
            f"{group.name}  ({len(group.participants)} participants, "
            f"{held}{planned} sessions held, {group.language})"
        )
        for summary in recent:
            state = "running" if summary.running else "closed"
            client = f", client {summary.client}" if summary.client else ""
            say(f"  {summary.id}  {state}{client}")
    samples = paths.sample_groups()
    if samples:
        say("Sample groups (peertui demo NAME): " + ", ".join(p.stem for p in samples))
    return 0


def _one(groups: list[Group], detail: str) -> Group:
    from peertui.core.text import searchable

    found = [g for g in groups if searchable(detail) in searchable(g.name)]
    if len(found) != 1:
        names = ", ".join(repr(g.name) for g in found or groups)
        raise UserError(f"{'several groups' if found else 'no group'} match {detail!r}: {names}")
    return found[0]
