"""The view for the back of the room: the step, a big clock, who speaks now and next, the rule.

Nothing captured is ever shown here (no ideas, no actions): what a projector
shows, the whole room reads.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult, RenderResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from peertui.core.clock import TimerState, format_remaining
from peertui.core.exchange import current_round, reseated
from peertui.core.i18n import colon, t, tn
from peertui.core.session import Session
from peertui.ui.text import literal, refresh_if_changed
from peertui.ui.widgets.step_panel import step_title, timer_label, who_speaks

# A 5-row block font: wide strokes that stay legible across a room, at any scale.
GLYPHS = {
    "0": ["███", "█ █", "█ █", "█ █", "███"],
    "1": [" █ ", "██ ", " █ ", " █ ", "███"],
    "2": ["███", "  █", "███", "█  ", "███"],
    "3": ["███", "  █", "███", "  █", "███"],
    "4": ["█ █", "█ █", "███", "  █", "  █"],
    "5": ["███", "█  ", "███", "  █", "███"],
    "6": ["███", "█  ", "███", "█ █", "███"],
    "7": ["███", "  █", "  █", "  █", "  █"],
    "8": ["███", "█ █", "███", "█ █", "███"],
    "9": ["███", "█ █", "███", "  █", "███"],
    ":": [" ", "█", " ", "█", " "],
    "+": ["   ", " █ ", "███", " █ ", "   "],
}


def big(text: str, width: int, height: int) -> list[str]:
    """`text` in block glyphs, scaled to fit width x height (a cell is about twice as tall)."""
    glyphs = [GLYPHS[c] for c in text if c in GLYPHS]
    columns = sum(len(g[0]) for g in glyphs) + max(0, len(glyphs) - 1)
    if not glyphs or columns == 0:
        return []
    rows_scale = max(1, min(height // 5, width // (columns * 2)))
    cols_scale = rows_scale * 2 if columns * rows_scale * 2 <= width else max(1, width // columns)
    lines = []
    for row in range(5):
        line = " ".join(g[row] for g in glyphs)
        scaled = "".join(ch * cols_scale for ch in line)
        lines += [scaled] * rows_scale
    return lines


class BigClock(Widget):
    """The countdown, as large as the space allows; its class says ok, warning or overtime."""

    DEFAULT_CSS = "BigClock { height: 1fr; content-align: center middle; }"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.text = ""

    def show(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.refresh()

    def render(self) -> RenderResult:
        lines = big(self.text, self.size.width, self.size.height)
        return Content("\n".join(lines)) if lines else Content(self.text)


class ProjectorView(Vertical):
    DEFAULT_CSS = """
        #projector-step { text-align: center; text-style: bold; height: auto; margin-top: 1; }
        #projector-clock { color: $timer-ok; }
        #projector-clock.-warning { color: $timer-warning; }
        #projector-clock.-overtime { color: $timer-overtime; }
        #projector-clock.-paused { color: $text-muted; }
        #projector-state, #projector-speakers { text-align: center; height: auto; }
        #projector-rule { text-align: center; height: auto; color: $text-muted; margin-bottom: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="projector-step")
        yield BigClock(id="projector-clock")
        yield Static(id="projector-state")
        yield Static(id="projector-speakers")
        yield Static(id="projector-rule")

    def show(self, session: Session, now: float, lang: str) -> None:
        step = session.step
        self._set("#projector-step", literal(step_title(session, lang), "bold"))
        self.show_time(session, now, lang)
        queue = session.queue
        now_speaking = queue.current or session.speaker
        parts = [literal(who_speaks(session, lang), "$text-muted")]
        if now_speaking:
            parts = [
                Content.assemble(
                    (f"{t('ui.speaks_now', lang)} ", "$text-muted"),
                    literal(now_speaking, "bold reverse $speaker-active"),
                )
            ]
            if queue.next:
                parts.append(
                    Content.assemble(
                        (f"   {t('ui.speaks_next', lang)} ", "$text-muted"), literal(queue.next, "bold")
                    )
                )
        seated = current_round(session) if step.tables or step.harvest else None
        if seated is not None:  # each person finds their table on the wall
            tables = "   ".join(
                f"{t('recap.table', lang, number=table.number)}{colon(lang)} {', '.join(table.members)}"
                for table in seated.tables
            )
            moved = reseated(session)
            if moved is not None:
                tables += f"\n{tn('ui.repeats', moved.repeats, lang)}"
            parts.append(literal(f"\n{tables}"))
        self._set("#projector-speakers", Content.assemble(*parts))
        self._set("#projector-rule", literal("   ".join(step.rules(lang))))

    def show_time(self, session: Session, now: float, lang: str) -> None:
        timer = session.run.timer
        state = timer.state(now)
        clock = self.query_one(BigClock)
        clock.show(format_remaining(timer.remaining(now)))
        for name in TimerState:
            clock.set_class(state is name, f"-{name}")
        clock.set_class(session.paused, "-paused")
        label, _ = timer_label(session, now, lang)
        self._set("#projector-state", literal(label, "bold"))

    def _set(self, selector: str, content: Content) -> None:
        refresh_if_changed(self.query_one(selector, Static), content)
