"""The ideas captured in the current step, newest last, attributed and marked by kind."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual import events
from textual.content import Content
from textual.style import Style as TextualStyle
from textual.widgets import RichLog

from peertui.core.followup import MARKS, open_actions_of
from peertui.core.i18n import colon, format_short_date, t, tn
from peertui.core.model import Action, Entry, Idea, Review
from peertui.core.protocol import Capture, Form
from peertui.core.session import Session
from peertui.ui.text import literal
from peertui.ui.widgets.format_lines import format_lines


def idea_line(idea: Idea, lang: str) -> Content:
    lock = ("🔒 " if idea.confidential else "") + ("⚑ " if idea.against_rule else "")
    lock += "★ " if idea.kept else ""  # kept in the group's memory
    author = idea.author or t("recap.group", lang)
    return Content.assemble(
        (lock, ""),
        literal(author, "bold"),
        (f" · {t('kind.' + idea.kind, lang)}{colon(lang)} ", "$text-muted"),
        literal(idea.text),
    )


def entry_lines(entry: Entry, form: Form, lang: str) -> list[Content]:
    """A person's entry in the step's form: their name, then each part given, a line each."""
    lines = [literal(entry.author or t("recap.group", lang), "bold")]
    for part in form.parts:
        if entry.text(part.key):
            lines.append(
                Content.assemble(
                    (f"  {part.name(lang)}{colon(lang)} ", "$text-muted"), literal(entry.text(part.key))
                )
            )
    return lines


def review_line(action: Action, review: Review | None, lang: str, with_owner: bool = False) -> Content:
    status = review.status if review else action.status
    due = f" ({format_short_date(action.due, lang)})" if action.due else ""
    owner = f"{action.owner} · " if with_owner else ""
    parts: list[Content | tuple[str, str]] = [
        (f"{MARKS[status]} ", "bold"),
        literal(f"{owner}{action.what}{due}"),
    ]
    if review:
        parts.append(literal(f" — {t('status.' + review.status, lang)}", "$success"))
        if review.note:
            parts.append(literal(f" « {review.note} »", "italic"))
    return Content.assemble(*parts)


class IdeaLog(RichLog, can_focus=False):
    """Append-only where it can be: a new idea writes one line, whatever the length of the
    step; the log is rewritten only when an idea is edited or removed, or the step changes.
    (Re-laying out a growing widget cost about a millisecond an idea on Enter.)"""

    DEFAULT_CSS = "IdeaLog { background: $background; border: none; padding: 0 1; }"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(wrap=True, markup=False, highlight=False, min_width=20, **kwargs)
        self._shown: list[Content] | None = None  # None: rewrite the whole log next time
        self._last: tuple[Session, str, Sequence[Action]] | None = None

    @property
    def text(self) -> str:
        """What the log shows, as plain text."""
        return "\n".join(line.plain for line in self._shown or ())

    @staticmethod
    def _followup(session: Session, lang: str, carried: Sequence[Action]) -> list[Content]:
        """In the follow-up round: the speaker's open actions, and what they said of each."""
        speaker = session.queue.current
        if not speaker:
            return []
        mine = open_actions_of(carried, speaker)
        reviews = {r.action_id: r for r in session.reviews}
        still_open = [a for a in mine if a.id not in reviews or reviews[a.id].status.is_open]
        if not mine:
            return [literal(t("followup.no_open", lang, name=speaker), "italic $text-muted")]
        head = literal(tn("followup.open_count", len(still_open), lang, name=speaker), "bold $accent")
        return [head, *(review_line(a, reviews.get(a.id), lang) for a in mine), Content("")]

    def on_resize(self, _: events.Resize) -> None:
        """RichLog keeps lines wrapped at the width they were written at: write them again."""
        if self._last is not None:
            self._shown = None
            self.show(*self._last)

    def show(self, session: Session, lang: str, carried: Sequence[Action]) -> None:
        self._last = (session, lang, carried)
        step = session.step.key
        ideas = [idea for idea in session.ideas if idea.step == step]
        followup = self._followup(session, lang, carried) if Capture.REVIEWS in session.step.captures else []
        # Actions show where they are committed, and wherever one was added on the way.
        in_this_step = Capture.ACTIONS in session.step.captures
        actions = [
            a for a in session.actions if in_this_step or a.created_at >= (session.run.entered_at or 0)
        ]
        # In a queue of questions, questions show there, with their answers, not twice.
        shown = [
            i for i in ideas if not (Capture.QUESTIONS in session.step.captures and i.kind == "question")
        ]
        lines = followup + format_lines(session, lang) + [idea_line(idea, lang) for idea in shown]
        if Capture.CONTRACT in session.step.captures and session.contract:  # what Enter saved
            lock = "🔒 " if session.contract_confidential else ""
            lines.insert(
                0,
                Content.assemble(
                    (f"{lock}{t('recap.contract', lang)}{colon(lang)} ", "bold"), literal(session.contract)
                ),
            )
        form = session.step.form
        if form is not None:
            for entry in (e for e in session.entries if e.step == step):
                lines += entry_lines(entry, form, lang)
        lines += [
            Content.assemble(
                ("☐ ", "$warning"),
                literal(a.owner, "bold"),
                (" · ", ""),
                literal(a.what),
                (f" ({format_short_date(a.due, lang)})" if a.due else "", "$text-muted"),
            )
            for a in actions
        ]
        if not lines:
            lines = [literal(t("ui.no_ideas", lang), "italic $text-muted")]
        old = self._shown
        if old is not None and len(lines) >= len(old) and all(map(_same, old, lines)):
            fresh = lines[len(old) :]
        else:
            self.clear()
            fresh = lines
            # Written whole (a resume, a new step, a new width): the newest line shows once
            # the log knows its height, which it may not yet (on resume it did not).
            self.call_after_refresh(self.scroll_end, animate=False, x_axis=False)
        for line in fresh:
            self.write(self._rich(line), scroll_end=False)
        if fresh:
            # Now, not after the next refresh as RichLog would: the new idea is drawn in the
            # same frame as the cleared capture line, not one or two frames (30 ms) later.
            self.scroll_end(animate=False, immediate=True, x_axis=False)
        self._shown = lines

    def on_mount(self) -> None:
        # Lines once written keep their colours: a new theme rewrites them at the next change.
        self.watch(self.app, "theme", lambda _: setattr(self, "_shown", None), init=False)

    def _rich(self, content: Content) -> Text:
        """The line for RichLog, its theme colours resolved; the text itself stays literal."""
        variables = self.app.theme_variables
        return Text.assemble(
            *(
                (text, TextualStyle.parse(style, variables).rich_style if style else "")
                for text, style in _runs(content)
            )
        )


def _same(one: Content, two: Content) -> bool:
    return one.plain == two.plain and one.spans == two.spans


def _runs(content: Content) -> list[tuple[str, str]]:
    """(text, style) runs of a Content, one style a run (peertui's lines never nest styles)."""
    plain, runs, at = content.plain, [], 0
    for span in sorted(content.spans, key=lambda s: s.start):
        if span.start > at:
            runs.append((plain[at : span.start], ""))
        runs.append((plain[span.start : span.end], str(span.style)))
        at = max(at, span.end)
    if at < len(plain):
        runs.append((plain[at:], ""))
    return runs
