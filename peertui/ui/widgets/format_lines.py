"""What a step of a practice-exchange format shows above its ideas, in the idea log: the
questions waiting and answered, the ideas to vote on with their dots (numbered, as they
are typed), the ideas a theme can gather, ROTI, the charter and who agreed, the
decision, and what each person said at the kick-off."""

from __future__ import annotations

from textual.content import Content

from peertui.core.exchange import roti_average, waiting_questions
from peertui.core.i18n import colon, decimal, t
from peertui.core.model import Idea
from peertui.core.protocol import Capture
from peertui.core.session import Session
from peertui.core.targets import earlier_ideas, voted_ideas
from peertui.ui.text import literal


def format_lines(session: Session, lang: str) -> list[Content]:
    step, lines = session.step, []
    if Capture.QUESTIONS in step.captures:
        lines += _questions(session, lang)
    if Capture.VOTES in step.captures:
        lines += _numbered(session, voted_ideas(session), lang, with_dots=True)
    elif "theme" in step.idea_kinds:
        lines += _numbered(session, earlier_ideas(session), lang, with_dots=False)
    if Capture.CHARTER in step.captures:
        lines += _charter(session, lang)
    if Capture.ROTI in step.captures and session.roti:
        average = roti_average(session) or 0
        scores = ", ".join(f"{who} {score}" for who, score in session.roti)
        lines.append(literal(f"ROTI{colon(lang)} {decimal(average, lang)} / 5 · {scores}", "$accent"))
    if Capture.DECISION in step.captures:
        lines.append(_decision(session, lang))
    if step.recall:
        lines += _recalled(session, lang)
    return lines


def _questions(session: Session, lang: str) -> list[Content]:
    steps = {run.step.key for run in session.runs[: session.current + 1]}
    asked = [i for i in session.ideas if i.step in steps and i.kind == "question"]
    if not asked:
        return [literal(t("ui.no_questions", lang), "italic $text-muted")]
    waiting = waiting_questions(session)
    lines = []
    for idea in asked:
        if idea.answered:
            lines.append(
                Content.assemble(("✓ ", "$success"), _who(idea, lang), literal(idea.text, "$text-muted"))
            )
            if idea.answer:
                lines.append(Content.assemble(("    → ", "$success"), literal(idea.answer)))
        else:
            first = idea.id == waiting[0]
            sign = ("▶ ", "bold $accent") if first else ("? ", "$warning")
            lines.append(
                Content.assemble(sign, _who(idea, lang), literal(idea.text, "bold" if first else ""))
            )
    return [*lines, Content("")]


def _who(idea: Idea, lang: str) -> Content:
    return literal(f"{idea.author or t('recap.group', lang)}{colon(lang)} ", "bold")


def _numbered(session: Session, ids: list[str], lang: str, with_dots: bool) -> list[Content]:
    """The ideas as they are typed by number: '3 5' gives idea 3 five dots; 'Theme: 1 4'."""
    ideas = {i.id: i for i in session.ideas}
    dots = dict(session.votes)
    lines = [literal(t("ui.votes_hint" if with_dots else "ui.themes_hint", lang), "italic $text-muted")]
    for number, idea_id in enumerate(ids, start=1):
        idea = ideas[idea_id]
        count = dots.get(idea_id, 0)
        mark = f" {'●' * min(count, 12)} {count}" if with_dots and count else ""
        lines.append(
            Content.assemble((f"{number:>2}. ", "bold $accent"), literal(idea.text), (mark, "$warning"))
        )
    return [*lines, Content("")]


def _charter(session: Session, lang: str) -> list[Content]:
    rules = session.group.charter
    if not rules:
        return [literal(t("ui.no_charter_yet", lang), "italic $text-muted")]
    lines = [literal(f"• {rule}") for rule in rules]
    agreed = ", ".join(session.agreed) if session.agreed else "—"
    lines.append(literal(f"{t('recap.agreed', lang)}{colon(lang)} {agreed}", "$success"))
    return [*lines, Content("")]


def _decision(session: Session, lang: str) -> Content:
    choices = " · ".join(t(f"decision.{key}", lang) for key in session.step.decisions)
    if not session.decision:
        return literal(f"{t('recap.decision', lang)}{colon(lang)} {choices}", "italic $text-muted")
    note = f" — {session.decision_note}" if session.decision_note else ""
    chosen = t(f"decision.{session.decision}", lang)
    return literal(f"{t('recap.decision', lang)}{colon(lang)} {chosen}{note}", "bold $success")


def _recalled(session: Session, lang: str) -> list[Content]:
    """What the one speaking said at the kick-off (everyone's, when nobody speaks)."""
    speaker = session.queue.current
    shown = [e for e in session.recalled if speaker is None or e.author == speaker]
    if not shown:
        return [literal(t("ui.nothing_recalled", lang), "italic $text-muted")]
    lines = [literal(t("ui.recalled_title", lang), "bold $accent")]
    for entry in shown:
        said = " · ".join(text for _, text in entry.parts if text)
        lines.append(Content.assemble(literal(f"{entry.author}{colon(lang)} ", "bold"), literal(said)))
    return [*lines, Content("")]
