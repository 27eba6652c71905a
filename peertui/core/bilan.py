"""The cycle's bilan: the document that ends a cycle, for the group and for its sponsor.

Sessions held against planned, who came and who was client, the cases (unless
confidential), the practice sheets, what the group learned by theme, the actions
committed and done by each person, the evaluations (4 A, ROTI) and, for a learning
network, each person's expectations at the kick-off beside their closing review. One
outline, written as Markdown or as text like a recap; in the group's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo

from peertui.core.document import Block, Bullets, Facts, Outline, Paragraph, Section, Table
from peertui.core.document import to_markdown as _to_markdown
from peertui.core.document import to_text as _to_text
from peertui.core.exchange import roti_average
from peertui.core.i18n import decimal, format_date, format_short_date, t
from peertui.core.knowledge import Knowledge
from peertui.core.model import Action, ActionStatus, Group
from peertui.core.recap_formats import format_sections
from peertui.core.session import Session
from peertui.core.sheets import SHEET_FIELDS, Sheet
from peertui.core.text import printable, searchable


def outline(
    group: Group,
    sessions: Sequence[Session],
    actions: Sequence[Action],
    items: Sequence[Knowledge],
    sheets: Sequence[Sheet],
    tz: tzinfo | None = None,
) -> Outline:
    """The bilan of `group`'s cycle from its closed sessions, in the order held."""
    lang = group.language
    held = sorted(
        (s for s in sessions if s.closed and s.group.name == group.name), key=lambda s: s.started_at
    )

    def day(session: Session) -> str:
        return format_short_date(datetime.fromtimestamp(session.started_at, tz).date(), lang)

    sections = [_overview(group, held, tz, lang)]
    if held:
        sections.append(_sessions(held, day, lang))
        sections.append(_members(group, held, actions, lang))
    if sheets:
        sections.append(_sheets(sheets, held, day, lang))
    learned = _by_theme(items, lang)
    if learned is not None:
        sections.append(learned)
    # No action's text: what one person committed to is theirs and the group's, not a
    # sponsor's; the counts per person are in the table above.
    evaluations = _evaluations(held, day, lang)
    if evaluations is not None:
        sections.append(evaluations)
    for session in held:  # a learning network's closing: expectations at kick-off, and now
        for section in format_sections(session, lang):
            if section.title == t("recap.expectations_review", lang):
                sections.append(section)
    title = t("bilan.title", lang, group=group.name)
    return Outline(title, sections, lang, notice=t("bilan.notice", lang))


def _overview(group: Group, held: Sequence[Session], tz: tzinfo | None, lang: str) -> Section:
    planned = f" / {group.planned_sessions}" if group.planned_sessions else ""
    facts = [(t("bilan.held", lang), f"{len(held)}{planned}")]
    if held:
        first = datetime.fromtimestamp(held[0].started_at, tz).date()
        last = datetime.fromtimestamp(held[-1].started_at, tz).date()
        facts.append((t("bilan.period", lang), f"{format_date(first, lang)} – {format_date(last, lang)}"))
    if group.cadence:
        facts.append((t("bilan.cadence", lang), group.cadence))
    if group.facilitator:
        facts.append((t("recap.facilitator", lang), group.facilitator))
    members = [p.name for p in group.participants if p.name != group.facilitator]
    facts.append((t("bilan.members", lang), ", ".join(members)))
    return Section(t("bilan.overview", lang), [Facts(tuple(facts))])


def _sessions(held: Sequence[Session], day: Callable[[Session], str], lang: str) -> Section:
    # Who brought which case is the group's to know: the sponsor reads the cases, and who
    # was client in the table of members, never the two side by side.
    heads = (t("recap.date", lang), t("recap.protocol", lang), t("recap.case", lang))
    rows = []
    for session in held:
        for case in session.all_cases:  # a half-day may have held two
            title = "—" if case.confidential or not case.title else case.title
            rows.append((day(session), session.protocol.name(lang), title))
    return Section(t("bilan.sessions", lang), [Table(heads, tuple(rows))])


def _members(group: Group, held: Sequence[Session], actions: Sequence[Action], lang: str) -> Section:
    mine = [a for a in actions if a.group == group.name]
    heads = (
        t("recap.person", lang),
        t("bilan.attended", lang),
        t("bilan.client", lang),
        t("bilan.committed", lang),
        t("bilan.done", lang),
    )
    rows = []
    for person in (p.name for p in group.participants if p.name != group.facilitator):
        own = [a for a in mine if a.owner == person]
        rows.append(
            (
                person,
                str(sum(person in s.present for s in held)),
                str(sum(case.client == person for s in held for case in s.all_cases)),
                str(len(own)),
                str(sum(a.status is ActionStatus.DONE for a in own)),
            )
        )
    return Section(t("bilan.who", lang), [Table(heads, tuple(rows))])


def _sheets(
    sheets: Sequence[Sheet], held: Sequence[Session], day: Callable[[Session], str], lang: str
) -> Section:
    blocks: list[Block] = []
    dates = {s.id: day(s) for s in held}
    for sheet in sorted(sheets, key=lambda s: s.created_at):
        blocks.append(sheet.title)
        facts = [(t(f"sheet.{name}", lang), sheet.field(name)) for name in SHEET_FIELDS if sheet.field(name)]
        if sheet.tags:
            facts.append((t("sheet.tags", lang), " ".join(f"#{tag}" for tag in sheet.tags)))
        if sheet.contributors:
            facts.append((t("sheet.contributors", lang), ", ".join(sheet.contributors)))
        when = [dates[s] for s in sheet.sessions if s in dates]
        if when:
            facts.append((t("sheet.sessions", lang), ", ".join(when)))
        blocks.append(Facts(tuple(facts)))
    return Section(t("bilan.sheets", lang), blocks)


def _by_theme(items: Sequence[Knowledge], lang: str) -> Section | None:
    """What the group learned, under each tag (the most used first), then the rest."""
    if not items:
        return None
    themes: dict[str, tuple[str, list[Knowledge]]] = {}
    untagged: list[Knowledge] = []
    for item in sorted(items, key=lambda k: k.day):  # stable: as said, within a day
        if not item.tags:
            untagged.append(item)
        for tag in item.tags:
            themes.setdefault(searchable(tag), (tag, []))[1].append(item)
    blocks: list[Block] = []
    ordered = sorted(themes.values(), key=lambda pair: (-len(pair[1]), searchable(pair[0])))
    for tag, tagged in ordered:
        blocks += [f"#{tag}", _items(tagged, lang)]
    if untagged:
        blocks += [t("bilan.untagged", lang), _items(untagged, lang)]
    return Section(t("bilan.learned", lang), blocks)


def _items(items: Sequence[Knowledge], lang: str) -> Bullets:
    return Bullets(
        tuple(
            (format_short_date(item.day, lang), item.text)  # unnamed: what the group learned
            for item in items
        )
    )


def _evaluations(held: Sequence[Session], day: Callable[[Session], str], lang: str) -> Section | None:
    """ROTI by session and over the cycle; what the 4 A said of the sessions, unnamed."""
    blocks: list[Block] = []
    scored = [(s, average) for s in held if (average := roti_average(s)) is not None]
    if scored:
        rows = tuple((day(s), f"{decimal(average, lang)} / 5", str(len(s.roti))) for s, average in scored)
        heads = (t("recap.date", lang), "ROTI", t("bilan.answers", lang))
        overall = [score for s, _ in scored for _, score in s.roti]
        blocks += [
            Table(heads, rows),
            Paragraph(t("bilan.roti_overall", lang, average=decimal(sum(overall) / len(overall), lang))),
        ]
    said: dict[str, tuple[str, list[str]]] = {}
    for session in held:
        steps = {run.step.key: run.step for run in session.runs}
        for entry in session.entries:
            form = steps[entry.step].form if entry.step in steps else None
            if form is None or form.keep:
                continue
            for part in form.parts:  # what the sessions were worth: not the learnings
                text = entry.text(part.key)
                if text and not (part.learning or part.commitment):
                    said.setdefault(part.key, (part.name(lang), []))[1].append(text)
    for name, texts in said.values():
        blocks += [name, Bullets(tuple(("", text) for text in texts))]
    return Section(t("bilan.evaluations", lang), blocks) if blocks else None


Day = Callable[[Session], str]


def render_markdown(
    group: Group,
    sessions: Sequence[Session],
    actions: Sequence[Action],
    items: Sequence[Knowledge],
    sheets: Sequence[Sheet],
    tz: tzinfo | None = None,
) -> str:
    return printable(_to_markdown(outline(group, sessions, actions, items, sheets, tz)))


def render_text(
    group: Group,
    sessions: Sequence[Session],
    actions: Sequence[Action],
    items: Sequence[Knowledge],
    sheets: Sequence[Sheet],
    tz: tzinfo | None = None,
) -> str:
    return printable(_to_text(outline(group, sessions, actions, items, sheets, tz)))
