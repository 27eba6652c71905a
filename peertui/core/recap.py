"""The recap of a session, as an outline written as Markdown (for a chat) and as plain
text (for an email) by document.py: both forms always say the same.

It comes in levels (sharing.Level), each for its readers; confidential ideas, and a
case or a contract marked confidential, enter none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from peertui.core.clock import format_minutes
from peertui.core.dates import next_session
from peertui.core.document import (
    WIDTH,
    Block,
    Bullets,
    Entries,
    Facts,
    Outline,
    Paragraph,
    Section,
    Table,
    md_escape,
)
from peertui.core.document import to_markdown as _to_markdown
from peertui.core.document import to_text as _to_text
from peertui.core.i18n import format_date, format_short_date, format_time, t
from peertui.core.model import Action
from peertui.core.recap_formats import decision, format_sections, roti_line, shown_elsewhere
from peertui.core.roles import case_word, client_word
from peertui.core.sharing import Level, short_id
from peertui.core.text import printable

if TYPE_CHECKING:
    from peertui.core.session import Session, StepRun

__all__ = ["WIDTH", "md_escape", "outline", "render_markdown", "render_text"]


def outline(
    session: Session,
    carried: Sequence[Action] = (),
    tz: tzinfo | None = None,
    level: Level = Level.GROUP,
    person: str = "",
) -> Outline:
    """The recap for `level`'s readers; for PARTICIPANT, `person`'s own."""
    if level is Level.PARTICIPANT:
        return participant_outline(session, person, carried, tz)
    if level is Level.OUTSIDE:
        return outside_outline(session, tz)
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
    several = len(session.all_cases) > 1
    for number, case in enumerate(session.all_cases, start=1):  # two in a half-day, say
        which = f" ({t('recap.case_number', lang, number=number)})" if several else ""
        if case.client:
            facts.append((client_word(session.protocol, lang) + which, case.client))
        if case.title and not case.confidential:
            facts.append((case_word(session.protocol, lang) + which, case.title))
        if case.contract and not case.contract_confidential:
            facts.append((t("recap.contract", lang) + which, case.contract))
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
        if form is None or not entries or run.step.recall:
            continue  # a step that recalls the kick-off: its entries are beside the expectations
        items = tuple(
            (
                entry.author or t("recap.group", lang),
                tuple((part.name(lang), entry.text(part.key)) for part in form.parts if entry.text(part.key)),
            )
            for entry in entries
        )
        sections.append(Section(_form_title(session, run, lang), [Entries(items)]))

    sections += format_sections(session, lang)

    carried_open = [a for a in carried if a.status.is_open]
    if carried_open:
        sections.append(Section(t("recap.carried", lang), [_action_table(carried_open, lang, True)]))

    if level is Level.FACILITATOR:  # in a chat, a talk-time table reads as a judgement
        sections.append(_talk_time(session, lang))

    title = t("recap.title", lang, group=session.group.name, date=format_short_date(started.date(), lang))
    return Outline(title, sections, lang, notice=t(f"recap.for_{level}", lang))


def participant_outline(
    session: Session, person: str, carried: Sequence[Action] = (), tz: tzinfo | None = None
) -> Outline:
    """What is `person`'s own: their actions (this session's, and those still open), what
    they said they learned and will apply, the next date; of a case, only their own."""
    lang = session.lang
    started = datetime.fromtimestamp(session.started_at, tz)
    facts = [
        (t("recap.date", lang), format_date(started.date(), lang)),
        (t("recap.protocol", lang), session.protocol.name(lang)),
    ]
    upcoming = next_session(session.group.sessions, started.date())
    if upcoming is not None:
        facts.append((t("recap.next_session", lang), format_date(upcoming, lang)))
    own_cases = [case for case in session.all_cases if case.client == person]
    theirs = bool(own_cases)
    for case in own_cases:
        if case.title and not case.confidential:
            facts.append((case_word(session.protocol, lang), case.title))
        if case.contract and not case.contract_confidential:
            facts.append((t("recap.contract", lang), case.contract))
    sections = [Section(t("recap.session", lang), [Facts(tuple(facts))])]

    own = [a for a in session.actions if a.owner == person]
    before = [a for a in carried if a.owner == person and a.status.is_open and a.session_id != session.id]
    if own or before:
        blocks: list[Block] = []
        if own:
            blocks.append(_id_table(own, lang))
        if before:
            blocks += [t("recap.still_open", lang), _id_table(before, lang, with_status=True)]
        blocks.append(Paragraph(t("recap.reply_hint", lang, id=short_id((own or before)[0].id))))
        sections.append(Section(t("recap.your_actions", lang), blocks))

    for run in session.runs:
        form = run.step.form
        entry = next((e for e in session.entries if e.step == run.step.key and e.author == person), None)
        if form is None or entry is None:
            continue
        parts = tuple((part.name(lang), entry.text(part.key)) for part in form.parts if entry.text(part.key))
        sections.append(Section(_form_title(session, run, lang), [Entries(((person, parts),))]))

    said = [i for i in session.ideas if i.author == person and not i.confidential and i.kind in OWN_LEARNINGS]
    if said:
        sections.append(
            Section(
                t("recap.your_learnings", lang), [Bullets(tuple((_kind(i.kind, lang), i.text) for i in said))]
            )
        )
    if theirs:  # the client's own case: what the group offered them
        offered = [  # for their case, not for another one of the same half-day
            i
            for i in session.ideas
            if not i.confidential
            and i.kind in OFFERED
            and i.author != person
            and session.case_of(i.step).client == person
        ]
        if offered:
            items = tuple((i.author or t("recap.group", lang), i.text) for i in offered)
            sections.append(Section(t("recap.offered", lang), [Bullets(items)]))

    title = t(
        "recap.title_for",
        lang,
        group=session.group.name,
        date=format_short_date(started.date(), lang),
        person=person,
    )
    return Outline(title, sections, lang, notice=t("recap.for_participant", lang, person=person))


def outside_outline(session: Session, tz: tzinfo | None = None) -> Outline:
    """For a sponsor or a manager: that the group met, how, who came, and what it learned
    that is not confidential; no case, no contract, no client named, no action, no author."""
    lang = session.lang
    started = datetime.fromtimestamp(session.started_at, tz)
    facts = (
        (t("recap.date", lang), format_date(started.date(), lang)),
        (t("recap.protocol", lang), session.protocol.name(lang)),
        (t("recap.present", lang), ", ".join(session.present)),
    )
    sections = [Section(t("recap.session", lang), [Facts(facts)])]
    shared = [i for i in session.ideas if not i.confidential]
    themes = [i.text for i in shared if i.kind == "theme"]
    if themes:
        sections.append(Section(t("recap.themes", lang), [Bullets(tuple(("", text) for text in themes))]))
    learned = group_learnings(session)
    if learned:
        sections.append(Section(t("recap.learned", lang), [Bullets(tuple(("", text) for text in learned))]))
    sections += decision(session, lang)
    line = roti_line(session, lang)
    if line:  # the average only: who gave what is the group's
        sections.append(Section(t("recap.roti", lang), [Facts((("ROTI", line),))]))
    title = t("recap.title", lang, group=session.group.name, date=format_short_date(started.date(), lang))
    return Outline(title, sections, lang, notice=t("recap.for_outside", lang))


def group_learnings(session: Session) -> list[str]:
    """What the group learned, without names: the ideas of a learning kind and the parts of
    a form marked `learning` (the 4 A's)."""
    learned = [i.text for i in session.ideas if not i.confidential and i.kind in OWN_LEARNINGS]
    for run in session.runs:
        form = run.step.form
        parts = [part.key for part in form.parts if part.learning] if form else []
        entries = [e for e in session.entries if e.step == run.step.key]
        learned += [e.text(key) for e in entries for key in parts if e.text(key)]
    return learned


# What a person learned: their ideas of these kinds (and the parts of a form marked
# `learning`, such as the 4 A's); what the group offered a client for their case.
OWN_LEARNINGS = frozenset({"learning", "insight"})
OFFERED = frozenset({"suggestion", "experience", "proposal", "option", "question"})


def _form_title(session: Session, run: StepRun, lang: str) -> str:
    """A form's name; which case's, when the session held several ("The 4 A (case 2)")."""
    name = run.step.form.name(lang) if run.step.form else run.step.name(lang)
    if len(session.all_cases) < 2:
        return name
    number = session.all_cases.index(session.case_of(run.step.key)) + 1
    return f"{name} ({t('recap.case_number', lang, number=number)})"


def _kind(kind: str, lang: str) -> str:
    return t(f"kind.{kind}", lang)


def _id_table(actions: Iterable[Action], lang: str, with_status: bool = False) -> Table:
    """Actions with the short id their owner quotes to answer about them."""
    headers: tuple[str, ...] = (t("recap.ref", lang), t("recap.what", lang), t("recap.due", lang))
    if with_status:
        headers = (*headers, t("recap.status", lang))
    rows = []
    for action in actions:
        row = (short_id(action.id), action.what, format_short_date(action.due, lang) if action.due else "—")
        rows.append((*row, t("status." + action.status, lang)) if with_status else row)
    return Table(headers, tuple(rows))


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


def render_markdown(
    session: Session,
    carried: Sequence[Action] = (),
    tz: tzinfo | None = None,
    level: Level = Level.GROUP,
    person: str = "",
) -> str:
    return printable(_to_markdown(outline(session, carried, tz, level, person)))


def render_text(
    session: Session,
    carried: Sequence[Action] = (),
    tz: tzinfo | None = None,
    level: Level = Level.GROUP,
    person: str = "",
) -> str:
    return printable(_to_text(outline(session, carried, tz, level, person)))
