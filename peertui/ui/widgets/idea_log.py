"""The ideas captured in the current step, newest last, attributed and marked by kind."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from peertui.core.i18n import t
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
    def compose(self):
        yield Static(id="ideas")

    def show(self, session: Session, lang: str) -> None:
        step = session.step.key
        ideas = [idea for idea in session.ideas if idea.step == step]
        # Actions show where they are committed, and wherever one was added on the way.
        in_this_step = Capture.ACTIONS in session.step.captures
        actions = [a for a in session.actions
                   if in_this_step or a.created_at >= (session.run.entered_at or 0)]
        lines = [idea_line(idea, lang) for idea in ideas]
        lines += [
            Content.assemble(("☐ ", "$warning"), literal(a.owner, "bold"), (" · ", ""), literal(a.what),
                             (f" ({a.due.isoformat()})" if a.due else "", "$text-muted"))
            for a in actions
        ]
        if not lines:
            lines = [literal(t("ui.no_ideas", lang), "italic $text-muted")]
        if refresh_if_changed(self.query_one("#ideas", Static), Content("\n").join(lines)):
            self.scroll_end(animate=False)
