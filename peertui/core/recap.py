"""The recap of a session, as an outline written as Markdown (for a chat) and as plain
text (for an email) by document.py: both forms always say the same.

Confidential ideas never enter the outline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from peertui.core.clock import format_minutes
from peertui.core.document import WIDTH, Bullets, Entries, Facts, Outline, Section, Table, md_escape
from peertui.core.document import to_markdown as _to_markdown
from peertui.core.document import to_text as _to_text
from peertui.core.i18n import format_date, format_short_date, format_time, t
from peertui.core.model import Action
from peertui.core.recap_formats import format_sections, shown_elsewhere
from peertui.core.text import printable

if TYPE_CHECKING:
    from peertui.core.session import Session, StepRun

__all__ = ["WIDTH", "md_escape", "outline", "render_markdown", "render_text"]


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
        facts.append((session.protocol.client_role(lang) or t("recap.client", lang), session.client))
    if session.case_title:
        facts.append((t("recap.case", lang), session.case_title))
    if session.contract:
        facts.append((t("recap.contract", lang), session.contract))
    if session.protocol.skipped:
        facts.append(
            (t("recap.skipped", lang), ", ".join(step.name(lang) for step in session.protocol.skipped))
        )
    sections = [Section(t("recap.session", lang), [Facts(tuple(facts))])]

    steps = Table(
        (t("recap.step", lang), t("recap.planned", lang), t("recap.actual", lang)),
        tuple(
            (run.step.name(lang), format_minutes(run.timer.planned), _actual(run, lang))
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

    elsewhere = shown_elsewhere(session)  # the format's own sections show those
    shown = [idea for idea in session.ideas if not idea.confidential and idea.id not in elsewhere]
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
                            f"({t('kind.' + idea.kind, lang)}"
                            + (f", {t('recap.table', lang, number=idea.table)}" if idea.table else "")
                            + (f", {t('recap.against_rule', lang)}" if idea.against_rule else "")
                            + f") {idea.text}",
                        )
                        for idea in ideas
                    )
                )
            )
    if idea_section.blocks:
        sections.append(idea_section)

    if session.actions:
        sections.append(Section(t("recap.actions", lang), [_action_table(session.actions, lang)]))

    for run in session.runs:
        form = run.step.form
        entries = [e for e in session.entries if e.step == run.step.key]
        if form is None or not entries:
            continue
        items = tuple(
            (
                entry.author or t("recap.group", lang),
                tuple((part.name(lang), entry.text(part.key)) for part in form.parts if entry.text(part.key)),
            )
            for entry in entries
        )
        sections.append(Section(form.name(lang), [Entries(items)]))

    sections += format_sections(session, lang)

    carried_open = [a for a in carried if a.status.is_open]
    if carried_open:
        sections.append(Section(t("recap.carried", lang), [_action_table(carried_open, lang, True)]))

    sections.append(_talk_time(session, lang))

    title = t("recap.title", lang, group=session.group.name, date=format_short_date(started.date(), lang))
    return Outline(title, sections, lang)


def _action_table(actions: Iterable[Action], lang: str, with_status: bool = False) -> Table:
    headers: tuple[str, ...] = (t("recap.owner", lang), t("recap.what", lang), t("recap.due", lang))
    if with_status:
        headers = (*headers, t("recap.status", lang))
    rows = []
    for action in actions:
        row = (action.owner, action.what, format_short_date(action.due, lang) if action.due else "—")
        rows.append((*row, t("status." + action.status, lang)) if with_status else row)
    return Table(headers, tuple(rows))


def _actual(run: StepRun, lang: str) -> str:
    """The time a step took, to the minute, and its overtime said, never rounded away."""
    if not run.entered_at:
        return "—"
    spent = run.timer.spent(run.left_at or run.entered_at)
    over = spent - run.timer.planned
    if over < 1:
        return format_minutes(spent)
    late = f"{int(over)} s" if over < 60 else format_minutes(over)
    return f"{format_minutes(spent)} (⏰ +{late})"


def _talk_time(session: Session, lang: str) -> Section:
    """Everyone present but the facilitator, the most heard first; those who never spoke
    too (0 min), and how often each passed."""
    talk = session.talk_time()
    passes: dict[str, int] = {}
    for turn in session.turns:
        if turn.passed:
            passes[turn.speaker] = passes.get(turn.speaker, 0) + 1
    people = [name for name in session.present if name != session.facilitator]
    people.sort(key=lambda name: -talk.get(name, 0.0))  # stable: the group's order for equals
    headers: tuple[str, ...] = (t("recap.person", lang), t("recap.talk_time", lang))
    if passes:
        headers = (*headers, t("recap.passes", lang))
    rows = tuple(
        (name, format_minutes(talk.get(name, 0.0)), *((str(passes.get(name, 0)),) if passes else ()))
        for name in people
    )
    return Section(t("recap.talk", lang), [Table(headers, rows)])


def render_markdown(session: Session, carried: Sequence[Action] = (), tz: tzinfo | None = None) -> str:
    return printable(_to_markdown(outline(session, carried, tz)))


def render_text(session: Session, carried: Sequence[Action] = (), tz: tzinfo | None = None) -> str:
    return printable(_to_text(outline(session, carried, tz)))
