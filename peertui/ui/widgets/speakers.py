"""Who has the floor, who is next, who has spoken, and for how long."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.widgets import Static

from peertui.core.clock import format_duration
from peertui.core.exchange import current_round, reseated
from peertui.core.i18n import t, tn
from peertui.core.session import Session
from peertui.core.text import printable
from peertui.ui.text import literal, refresh_if_changed, short


class SpeakerQueue(Static):
    """One line a person: ▶ speaking now, numbered if waiting, ✓ heard in this round."""

    _last: tuple[Session, str] | None = None

    def on_resize(self, _: events.Resize) -> None:
        """Names are fitted to the width: a new width fits them again."""
        if self._last is not None:
            self.show(*self._last)

    def show(self, session: Session, lang: str) -> None:
        """Changes with turns only: the live time of the one speaking is on the clock line."""
        self._last = (session, lang)
        queue = session.queue
        talk = session.talk_time()
        room = max(8, self.size.width - 8) if self.size.width else 24  # "▶ " and " 0:00"
        everyone = (*queue.waiting, *queue.heard)
        width = min(room, max((cell_len(printable(n)) for n in everyone), default=0))  # times in one column

        def name(person: str) -> str:
            fitted = short(person, width)
            return fitted + " " * (width - cell_len(fitted))

        lines: list[Content] = []
        if queue.current:  # the live time is on the clock line: this list changes with turns only
            lines.append(
                Content.assemble(
                    ("▶ ", "bold $speaker-active"),
                    literal(name(queue.current), "bold reverse"),
                    (f" {format_duration(talk.get(queue.current, 0))}", "bold"),
                )
            )
        for number, person in enumerate(queue.upcoming, start=1):
            lines.append(
                Content.assemble(
                    (f"{number} ", "$text-muted"),
                    literal(name(person)),
                    (f" {format_duration(talk.get(person, 0))}", "$text-muted"),
                )
            )
        for person in queue.heard:
            lines.append(
                Content.assemble(
                    ("✓ ", "$success"),
                    literal(name(person), "$text-muted"),
                    (f" {format_duration(talk.get(person, 0))}", "$text-muted"),
                )
            )
        if session.step.tables or session.step.harvest:
            lines += table_lines(session, lang, room)
        if not lines:
            if session.step.in_turn and queue.round_over:
                lines.append(literal(t("ui.round_over", lang), "italic"))
            elif session.speaker:
                speaker = literal(short(session.speaker, room), "bold")
                lines.append(Content.assemble(("▶ ", "bold $accent"), speaker))
            else:
                lines.append(literal(t("ui.open_floor", lang), "italic"))
        refresh_if_changed(self, Content("\n").join(lines))


def table_lines(session: Session, lang: str, width: int) -> list[Content]:
    """Who sits at which table: the host first (★), then the others."""
    seated = current_round(session)
    if seated is None:
        return []
    lines = [Content("")] if session.queue.waiting or session.queue.heard else []
    moved = reseated(session)
    if moved is not None:  # how well the moves worked: pairs who had already sat together
        lines.append(literal(tn("ui.repeats", moved.repeats, lang), "italic"))
    for table in seated.tables:
        lines.append(literal(t("recap.table", lang, number=table.number), "bold $accent"))
        lines.append(Content.assemble(("★ ", "$warning"), literal(short(table.host, width - 2), "bold")))
        lines += [literal(f"  {short(person, width - 2)}") for person in table.members[1:]]
    return lines
