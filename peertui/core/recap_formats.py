"""The recap's sections for what a practice-exchange format produced: the tables and
who sat where, the themes and their ideas, the ranked dot vote, the questions with their
answers, the charter and who agreed, ROTI, the decision, and each person's kick-off
expectations beside their closing review. Confidential ideas stay out, as everywhere."""

from __future__ import annotations

from peertui.core.document import Block, Bullets, Entries, Facts, Section, Table
from peertui.core.exchange import harvested, ranking, roti_average
from peertui.core.i18n import decimal, t, tn
from peertui.core.model import Idea
from peertui.core.protocol import Capture
from peertui.core.session import Session


def queued(session: Session) -> set[str]:
    """The ids of the questions a Q&A step took in (they show under it, with their answers)."""
    last = max(
        (n for n, run in enumerate(session.runs) if Capture.QUESTIONS in run.step.captures), default=-1
    )
    steps = {run.step.key for run in session.runs[: last + 1]}
    return {i.id for i in session.ideas if i.kind == "question" and i.step in steps}


def shown_elsewhere(session: Session) -> set[str]:
    """Ideas the format's own sections show: queued questions, the themes, and what the
    hosts' harvests said."""
    harvests = {i.id for _, ideas in harvested(session) for i in ideas}
    return queued(session) | harvests | {i.id for i in session.ideas if i.kind == "theme"}


def format_sections(session: Session, lang: str) -> list[Section]:
    sections = [
        *_tables(session, lang),
        *_harvests(session, lang),
        *_themes(session, lang),
        *_votes(session, lang),
        *_questions(session, lang),
        *_charter(session, lang),
        *_review(session, lang),
    ]
    sections += decision(session, lang)
    line = roti_line(session, lang)
    if line:
        scores = Bullets(tuple((who, str(score)) for who, score in session.roti))
        sections.append(Section(t("recap.roti", lang), [Facts((("ROTI", line),)), scores]))
    return sections


def decision(session: Session, lang: str) -> list[Section]:
    """The group's decision (go on, stop...) and why, if the session took one."""
    if not session.decision:
        return []
    note = f" — {session.decision_note}" if session.decision_note else ""
    chosen = t(f"decision.{session.decision}", lang) + note
    return [Section(t("recap.decision", lang), [Facts(((t("recap.decision", lang), chosen),))])]


def roti_line(session: Session, lang: str) -> str:
    """'4,5 / 5, sur 2 personnes': the ROTI averaged, or "" if nobody gave one."""
    average = roti_average(session)
    if average is None:
        return ""
    return tn("recap.roti_line", len(session.roti), lang, average=decimal(average, lang))


def _tables(session: Session, lang: str) -> list[Section]:
    if not session.rounds:
        return []
    names = {run.step.key: run.step.name(lang) for run in session.runs}
    blocks: list[Block] = []
    for seated in session.rounds:
        blocks.append(names.get(seated.step, seated.step))
        blocks.append(Bullets(tuple(
            (t("recap.table", lang, number=table.number),
             f"{table.host} ({t('recap.host', lang)}), " + ", ".join(table.members[1:]))
            for table in seated.tables
        )))  # fmt: skip
        if seated.repeats:
            blocks.append(Facts(((t("recap.tables", lang), t("recap.repeats", lang, count=seated.repeats)),)))
    return [Section(t("recap.tables", lang), blocks)]


def _harvests(session: Session, lang: str) -> list[Section]:
    """Round by round, what each table's host said it found."""
    names = {run.step.key: run.step.name(lang) for run in session.runs}
    blocks: list[Block] = []
    for seating, ideas in harvested(session):
        blocks.append(names.get(seating, seating))
        blocks.append(Bullets(tuple(
            (
                (t("recap.table", lang, number=idea.table) + " · " if idea.table else "")
                + (idea.author or t("recap.group", lang)),
                f"({t('kind.' + idea.kind, lang)}) {idea.text}",
            )
            for idea in sorted(ideas, key=lambda idea: idea.table or 1_000)
        )))  # fmt: skip
    return [Section(t("recap.harvests", lang), blocks)] if blocks else []


def _themes(session: Session, lang: str) -> list[Section]:
    ideas = {i.id: i for i in session.ideas if not i.confidential}
    themes = [i for i in ideas.values() if i.kind == "theme"]
    if not themes:
        return []
    items = tuple(
        (
            theme.text,
            tuple((str(n), ideas[g].text) for n, g in enumerate(theme.gathers, start=1) if g in ideas),
        )
        for theme in themes
    )
    return [Section(t("recap.themes", lang), [Entries(items)])]


def _votes(session: Session, lang: str) -> list[Section]:
    if not session.votes:
        return []
    from peertui.core.exchange import voted_step

    voted = next((run for run in session.runs if Capture.VOTES in run.step.captures), None)
    if voted is None:
        return []
    step = voted.step.vote_on or voted_step(session)
    ideas = {i.id: i for i in session.ideas}
    rows = tuple((ideas[idea].text, str(dots)) for idea, dots in ranking(session, step) if dots)
    return [Section(t("recap.votes", lang), [Table((t("recap.what", lang), t("recap.dots", lang)), rows)])]


def _questions(session: Session, lang: str) -> list[Section]:
    asked = [i for i in session.ideas if i.id in queued(session) and not i.confidential]
    if not asked:
        return []

    def line(idea: Idea) -> tuple[str, str]:
        answer = idea.answer or (t("recap.unanswered", lang) if not idea.answered else "—")
        return idea.author or t("recap.group", lang), f"{idea.text} → {answer}"

    return [Section(t("recap.questions", lang), [Bullets(tuple(line(i) for i in asked))])]


def _charter(session: Session, lang: str) -> list[Section]:
    if not any(Capture.CHARTER in run.step.captures for run in session.runs) or not session.group.charter:
        return []
    rules = Bullets(tuple((str(n), rule) for n, rule in enumerate(session.group.charter, start=1)))
    agreed = Facts(((t("recap.agreed", lang), ", ".join(session.agreed) or "—"),))
    return [Section(t("recap.charter", lang), [rules, agreed])]


def _review(session: Session, lang: str) -> list[Section]:
    """Each person's kick-off expectations beside what they said in the closing review."""
    step = next((run.step for run in session.runs if run.step.recall), None)
    if step is None or step.form is None:
        return []
    form = step.form
    people = dict.fromkeys(
        [*(e.author for e in session.recalled), *(e.author for e in session.entries if e.step == step.key)]
    )
    items = []
    for person in people:
        earlier = next((e for e in session.recalled if e.author == person), None)
        now = next((e for e in session.entries if e.author == person and e.step == step.key), None)
        parts = []
        if earlier is not None:
            parts.append((t("recap.at_kickoff", lang), " · ".join(text for _, text in earlier.parts if text)))
        if now is not None:
            parts += [(part.name(lang), now.text(part.key)) for part in form.parts if now.text(part.key)]
        items.append((person, tuple(parts)))
    return [Section(t("recap.expectations_review", lang), [Entries(tuple(items))])] if items else []
