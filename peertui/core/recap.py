"""The recap of a session, as Markdown (for chat) and as plain text (for email).

Both come from one outline (sections of facts, lists and tables), so they never
say different things. Confidential ideas never enter the outline.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from peertui.core.clock import format_minutes
from peertui.core.i18n import format_date, format_short_date, format_time, t
from peertui.core.model import Action
from peertui.core.text import printable

if TYPE_CHECKING:
    from peertui.core.session import Session

WIDTH = 72


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[str, str], ...]  # (lead, text): lead is bold in Markdown


@dataclass(frozen=True)
class Facts:
    items: tuple[tuple[str, str], ...]  # (label, value)


@dataclass(frozen=True)
class Section:
    title: str
    blocks: list[Table | Bullets | Facts | str] = field(default_factory=list)


@dataclass(frozen=True)
class Outline:
    title: str
    sections: list[Section]


def outline(session: Session, carried: Sequence[Action] = (), tz: tzinfo | None = None) -> Outline:
    lang = session.lang
    started = datetime.fromtimestamp(session.started_at, tz)
    ended = datetime.fromtimestamp(session.closed_at, tz) if session.closed_at else None

    facts = [
        (t("recap.date", lang), format_date(started.date(), lang)),
        (
            t("recap.time", lang),
            format_time(started, lang) + (f" – {format_time(ended, lang)}" if ended else ""),
        ),
        (t("recap.protocol", lang), session.protocol.name(lang)),
    ]
    if session.facilitator:
        facts.append((t("recap.facilitator", lang), session.facilitator))
    facts.append((t("recap.present", lang), ", ".join(session.present)))
    if session.client:
        facts.append((t("recap.client", lang), session.client))
    if session.case_title:
        facts.append((t("recap.case", lang), session.case_title))
    if session.contract:
        facts.append((t("recap.contract", lang), session.contract))
    sections = [Section(t("recap.session", lang), [Facts(tuple(facts))])]

    steps = Table(
        (t("recap.step", lang), t("recap.planned", lang), t("recap.actual", lang)),
        tuple(
            (
                run.step.name(lang),
                format_minutes(run.timer.planned),
                format_minutes(run.timer.spent(session.closed_at or run.left_at or 0))
                if run.entered_at
                else "—",
            )
            for run in session.runs
        ),
    )
    sections.append(Section(t("recap.steps", lang), [steps]))

    if session.reviews:
        sections.append(
            Section(
                t("recap.followup", lang),
                [
                    Bullets(
                        tuple(
                            (
                                r.owner,
                                f"{r.what} — {t('status.' + r.status, lang)}"
                                + (f" ({r.note})" if r.note else ""),
                            )
                            for r in session.reviews
                        )
                    )
                ],
            )
        )

    shown = [idea for idea in session.ideas if not idea.confidential]
    idea_section = Section(t("recap.ideas", lang))
    for run in session.runs:
        ideas = [idea for idea in shown if idea.step == run.step.key]
        if ideas:
            idea_section.blocks.append(run.step.name(lang))
            idea_section.blocks.append(
                Bullets(
                    tuple(
                        (
                            idea.author or t("recap.group", lang),
                            f"({t('kind.' + idea.kind, lang)}) {idea.text}",
                        )
                        for idea in ideas
                    )
                )
            )
    if idea_section.blocks:
        sections.append(idea_section)

    if session.actions:
        sections.append(Section(t("recap.actions", lang), [_action_table(session.actions, lang)]))

    learnings = [
        (
            e.author,
            " ".join(
                f"{t('recap.' + part, lang)} {getattr(e, part)}"
                for part in ("appreciation", "expectations", "learning", "application")
                if getattr(e, part)
            ),
        )
        for e in session.evaluations
    ]
    if learnings:
        sections.append(Section(t("recap.learnings", lang), [Bullets(tuple(learnings))]))

    carried_open = [a for a in carried if a.status.is_open]
    if carried_open:
        sections.append(Section(t("recap.carried", lang), [_action_table(carried_open, lang, True)]))

    talk = session.talk_time()
    if talk:
        rows = tuple(
            (name, format_minutes(seconds))
            for name, seconds in sorted(talk.items(), key=lambda item: -item[1])
        )
        sections.append(
            Section(
                t("recap.talk", lang), [Table((t("recap.person", lang), t("recap.talk_time", lang)), rows)]
            )
        )

    title = t("recap.title", lang, group=session.group.name, date=format_short_date(started.date(), lang))
    return Outline(title, sections)


def _action_table(actions: Iterable[Action], lang: str, with_status: bool = False) -> Table:
    headers: tuple[str, ...] = (t("recap.owner", lang), t("recap.what", lang), t("recap.due", lang))
    if with_status:
        headers = (*headers, t("recap.status", lang))
    rows = []
    for action in actions:
        row = (action.owner, action.what, format_short_date(action.due, lang) if action.due else "—")
        rows.append((*row, t("status." + action.status, lang)) if with_status else row)
    return Table(headers, tuple(rows))


# Markdown -----------------------------------------------------------------

_MD_SPECIAL = set("\\`*_[]<>|#~&!")


_MD_LINE_START = re.compile(r"^(\d{1,9})([.)])|^([-+=])")


def md_escape(text: str) -> str:
    """User text as literal Markdown: no emphasis, link, table cell, list or heading can leak."""
    flat = " ".join(text.split())
    escaped = "".join("\\" + c if c in _MD_SPECIAL else c for c in flat)
    # A list marker or underline counts only at the start of a line, where a value may stand.
    return _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def to_markdown(doc: Outline) -> str:
    out = [f"# {md_escape(doc.title)}", ""]
    for section in doc.sections:
        out += [f"## {md_escape(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, str):
                out += [f"### {md_escape(block)}", ""]
            elif isinstance(block, Facts | Bullets):
                out += [f"- **{md_escape(lead)}:** {md_escape(text)}" for lead, text in block.items]
                out.append("")
            else:
                out.append("| " + " | ".join(md_escape(h) for h in block.headers) + " |")
                out.append("|" + "|".join("---" for _ in block.headers) + "|")
                out += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in block.rows]
                out.append("")
    return "\n".join(out).rstrip() + "\n"


# Plain text -----------------------------------------------------------------


def _wrap(text: str, lead: str = "", indent: str = "") -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()),
        WIDTH,
        initial_indent=lead,
        subsequent_indent=indent,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [lead.rstrip()]


def _text_table(table: Table) -> list[str]:
    """Columns when they fit in 72 characters, else one entry per row."""
    widths = [max(len(cell) for cell in column) for column in zip(table.headers, *table.rows, strict=True)]
    if sum(widths) + 2 * (len(widths) - 1) <= WIDTH:

        def line(cells: tuple[str, ...]) -> str:
            return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

        return [line(table.headers), line(tuple("-" * w for w in widths))] + [line(r) for r in table.rows]
    out: list[str] = []
    for row in table.rows:
        out += _wrap(" — ".join(row), "- ", "  ")
    return out


def to_text(doc: Outline) -> str:
    out = [*_wrap(doc.title), "=" * min(WIDTH, len(doc.title)), ""]
    for section in doc.sections:
        out += [section.title, "-" * min(WIDTH, len(section.title)), ""]
        for block in section.blocks:
            if isinstance(block, str):
                out += [f"{block}:", ""]
                continue
            if isinstance(block, Facts):
                for label, value in block.items:
                    out += _wrap(value, f"{label}: ", "  ")
            elif isinstance(block, Bullets):
                for lead, text in block.items:
                    out += _wrap(text, f"- {lead}: ", "  ")
            else:
                out += _text_table(block)
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_markdown(session: Session, carried: Sequence[Action] = (), tz: tzinfo | None = None) -> str:
    return printable(to_markdown(outline(session, carried, tz)))


def render_text(session: Session, carried: Sequence[Action] = (), tz: tzinfo | None = None) -> str:
    return printable(to_text(outline(session, carried, tz)))
