"""Group files: load one, check several; list the groups of a database."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from peertui import paths
from peertui.commands import UserError, Words, reason, say, show
from peertui.core.groups import GroupFileError, parse_group
from peertui.core.i18n import t, tn
from peertui.core.model import Group
from peertui.core.protocol import Protocol


def load_group(where: str | Path) -> Group:
    """A group from a file path, or from the name of a bundled sample."""
    path = Path(where)
    if not path.exists():
        samples = {p.stem: p for p in paths.sample_groups()}
        if str(where) in samples:
            path = samples[str(where)]
        else:
            raise UserError("cli.no_group_file", path=str(where))
    try:
        return parse_group(path.read_text(encoding="utf-8"), str(path))
    except GroupFileError as error:
        first, more = error.problems[0], len(error.problems) - 1
        if more:
            raise UserError("cli.problems", problem=first, count=more) from None
        raise UserError("cli.problem", problem=first) from None
    except (OSError, UnicodeDecodeError) as error:
        raise UserError("cli.cannot_read", path=str(path), reason=reason(error)) from None


def sample_group(name: str) -> Group:
    samples = {p.stem: p for p in paths.sample_groups()}
    if name not in samples:
        raise UserError("cli.no_sample", name=name, known=", ".join(samples))
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
                _check_recalls(protocol, text, str(path))
                minutes = sum(step.minutes for step in protocol.steps)
                steps = len(protocol.steps)
                say(
                    tn(
                        "cli.check_protocol",
                        steps,
                        lang,
                        path=str(path),
                        key=protocol.key,
                        minutes=f"{minutes:g}",
                    )
                )
                continue
            group = parse_group(text, str(path))
        except GroupFileError as error:
            failed = True
            for problem in error.problems:
                say(problem.text(lang))
        except (OSError, UnicodeDecodeError) as error:
            failed = True
            say(Words("cli.cannot_read", path=str(path), reason=reason(error)).text(lang))
        else:
            say(t("cli.check_group", lang, path=str(path), name=group.name, count=len(group.participants)))
    return 1 if failed else 0


def _check_recalls(protocol: Protocol, text: str, source: str) -> None:
    """A step's `recall` names a form of another protocol (the kick-off's expectations,
    shown beside a closing's review): of a bundled protocol, or of this file."""
    from peertui.core.problems import FileProblems, Problem
    from peertui.core.protocol_file import builtin_protocols

    known = {s.form.key for p in (*builtin_protocols().values(), protocol) for s in p.steps if s.form}
    lines = text.splitlines()
    problems = [
        Problem(source, _line_of(lines, "recall", step.recall), "unknown_recall", {"form": step.recall})
        for step in protocol.steps
        if step.recall and step.recall not in known
    ]
    if problems:
        raise FileProblems(problems)


def _line_of(lines: list[str], field: str, value: str) -> int:
    found = (n for n, line in enumerate(lines, 1) if line.strip().startswith(field) and value in line)
    return next(found, 1)


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
        raise UserError.quoting(error) from None
    if detail is not None:
        from peertui.core.cycle import cycle_of, render_cycle

        show(render_cycle(cycle_of(group, summaries, actions), lang or group.language))
        return 0
    if not groups:
        say(t("cli.no_groups_yet", lang, db=str(db)))
    for group in groups:
        held, recent = digests.get(group.name, (0, []))
        planned = f"/{group.planned_sessions}" if group.planned_sessions else ""
        count, held_count, spoken = len(group.participants), f"{held}{planned}", group.language
        say(t("cli.group_line", lang, name=group.name, count=count, held=held_count, language=spoken))
        for summary in recent:
            state = t("ui.running" if summary.running else "ui.closed", lang)
            if summary.client:
                say(t("cli.session_client", lang, id=summary.id, state=state, client=summary.client))
            else:
                say(t("cli.session_line", lang, id=summary.id, state=state))
    samples = paths.sample_groups()
    if samples:
        say(t("cli.samples", lang, names=", ".join(p.stem for p in samples)))
    return 0


def _one(groups: list[Group], detail: str) -> Group:
    from peertui.core.text import searchable

    found = [g for g in groups if searchable(detail) in searchable(g.name)]
    if len(found) != 1:
        names = ", ".join(g.name for g in found or groups)
        raise UserError("cli.several_groups" if found else "cli.no_group", typed=detail, names=names)
    return found[0]
