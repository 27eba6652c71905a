"""The ideas captured in the current step, newest last, attributed and marked by kind."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from peertui.core.i18n import t
from peertui.core.model import Action
from peertui.core.protocol import Capture
from peertui.core.session import Session
from peertui.ui.text import literal, refresh_if_changed


def idea_line(idea, lang: str) -> Content:
    lock = "🔒 " if idea.confidential else ""
    author = idea.author or t("recap.group", lang)
    return Content.assemble(
        (lock, ""), literal(author, "bold"), (f" · {t('kind.' + idea.kind, lang)}: ", "$text-muted"),
        literal(idea.text),
    )


class IdeaLog(VerticalScroll, can_focus=False):
    @staticmethod
    def _followup(session: Session, lang: str, carried: list[Action]) -> list[Content]:
        """In the follow-up round: the speaker's open actions, and what they said of each."""
        from peertui.ui.screens.followup import open_actions, review_line

        speaker = session.queue.current
        if not speaker:
            return []
        mine = open_actions(carried, speaker)
        reviews = {r.action_id: r for r in session.reviews}
        if not mine:
            return [literal(t("followup.no_open", lang, name=speaker), "italic $text-muted")]
        head = literal(t("followup.open_count", lang, name=speaker, count=len(mine)), "bold $accent")
        return [head, *(review_line(a, reviews.get(a.id), lang) for a in mine), Content("")]

    def compose(self):
        yield Static(id="ideas")

    def show(self, session: Session, lang: str, carried: list[Action]) -> None:
        step = session.step.key
        ideas = [idea for idea in session.ideas if idea.step == step]
        followup = self._followup(session, lang, carried) if Capture.REVIEWS in session.step.captures else []
        # Actions show where they are committed, and wherever one was added on the way.
        in_this_step = Capture.ACTIONS in session.step.captures
        actions = [a for a in session.actions
                   if in_this_step or a.created_at >= (session.run.entered_at or 0)]
        lines = followup + [idea_line(idea, lang) for idea in ideas]
        lines += [
            Content.assemble(("☐ ", "$warning"), literal(a.owner, "bold"), (" · ", ""), literal(a.what),
                             (f" ({a.due.isoformat()})" if a.due else "", "$text-muted"))
            for a in actions
        ]
        if not lines:
            lines = [literal(t("ui.no_ideas", lang), "italic $text-muted")]
        if refresh_if_changed(self.query_one("#ideas", Static), Content("\n").join(lines)):
            self.scroll_end(animate=False)
