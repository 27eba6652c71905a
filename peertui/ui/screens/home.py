"""Home: the groups (known, in the user's folder, and the samples) and the past sessions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from peertui.core.i18n import format_short_date, format_time, t
from peertui.core.model import Group, SessionSummary
from peertui.ui.screens.base import PeerScreen
from peertui.ui.text import literal

if TYPE_CHECKING:
    from peertui.core.protocol import Protocol

# The sessions listed at a time, the newest; the next ones come as the list reaches its end.
# A decade's 240 at once cost the first screen about 15 ms more than a year's 24.
PAGE = 40
MORE = "more"  # the id of the list's last line while older sessions are not shown


def started_text(summary: SessionSummary, lang: str) -> str:
    moment = datetime.fromtimestamp(summary.started_at)
    return f"{format_short_date(moment.date(), lang)} {format_time(moment, lang)}"


def session_lines(
    sessions: list[SessionSummary],
    lang: str,
    protocols: Mapping[str, Protocol] | None = None,
    width: int = 0,
) -> list[Content]:
    """A group's past sessions, a line each: when (in a column at least `width` wide), then
    the client and the case (or, for a format with nobody at its centre, its name). A
    running one says so in words, not only in colour."""

    whens = [started_text(summary, lang) for summary in sessions]
    width = max(width, *map(cell_len, whens)) if whens else width
    lines = []
    for summary, when in zip(sessions, whens, strict=True):
        parts: list[Content | tuple[str, str]] = [(when + " " * (width - cell_len(when) + 2), "$text-muted")]
        if summary.running:
            parts.append((f"▶ {t('ui.running', lang)}  ", "bold $accent"))
        if summary.client or summary.case_title:
            clients = ", ".join(summary.every_client)
            title = (
                f"🔒 {summary.case_title}"
                if summary.confidential and summary.case_title
                else summary.case_title
            )
            parts.append(literal(" — ".join(p for p in (clients, title) if p)))
        elif protocols and summary.protocol in protocols and not protocols[summary.protocol].has_client:
            parts.append((protocols[summary.protocol].name(lang), "italic $text-muted"))
        else:
            parts.append((t("ui.no_client", lang), "italic $text-muted"))
        lines.append(Content.assemble(*parts))
    return lines


class HomeScreen(PeerScreen[None]):
    DEFAULT_CSS = """
        #home-title { height: 1; padding: 0 1; background: $panel; }
        #home-body { height: 1fr; }
        #home-groups { width: 40%; }
        #home-sessions { width: 1fr; }
        #groups, #sessions { height: 1fr; }
        /* A session a line, cut at the edge: a table would cost the first screen 16 ms. */
        #sessions { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    BINDINGS = [
        Binding("n", "new_session", "short.key.new_session"),
        Binding("r", "open_session", "short.key.open_session"),
        Binding("a", "board", "short.key.board"),
        Binding("c", "cycle", "short.key.cycle"),
        Binding("k", "memory", "short.key.memory"),
        Binding("b", "bilan", "short.key.bilan"),
        Binding("f1", "help", "short.key.help"),
        Binding("q", "app.quit", "short.key.quit"),  # a letter, shown: Textual keeps ctrl+q from the footer
    ]
    AUTO_FOCUS = "#groups"

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[Group] = []
        self._shown_group: str | None = None  # whose sessions the list shows
        self._listed: dict[str, SessionSummary] = {}
        self._older: list[SessionSummary] = []  # not listed yet, the newest first
        self._protocols: Mapping[str, Protocol] | None = None
        self._when_width = 0

    def action_bilan(self) -> None:
        """The highlighted group's cycle, as the document that ends it."""
        from peertui.ui.screens.knowledge import BilanScreen

        highlighted = self.query_one("#groups", OptionList).highlighted
        if highlighted is not None and self.groups:
            self.app.push_screen(BilanScreen(self.groups[highlighted].name))

    def action_memory(self) -> None:
        """The highlighted group's memory: what its sessions learned, and its sheets."""
        from peertui.ui.screens.knowledge import KnowledgeScreen

        highlighted = self.query_one("#groups", OptionList).highlighted
        group = self.groups[highlighted].name if highlighted is not None and self.groups else None
        self.app.push_screen(KnowledgeScreen(group))

    def action_help(self) -> None:
        from peertui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.keys_and_words(), ""))

    def compose(self) -> ComposeResult:
        yield Static(id="home-title")
        with Horizontal(id="home-body"):
            with Vertical(id="home-groups"):
                yield Static(id="groups-title", classes="section")
                yield OptionList(id="groups")
            with Vertical(id="home-sessions"):
                yield Static(id="sessions-title", classes="section")
                yield OptionList(id="sessions")
        yield Footer()

    def on_mount(self) -> None:
        tr = self.tr
        self.query_one("#home-title", Static).update(literal(f"peertui · {self.door.where}", "bold"))
        self.query_one("#groups-title", Static).update(literal(tr("ui.groups_title")))
        self.query_one("#sessions-title", Static).update(literal(tr("ui.sessions_title")))
        self.refresh_lists()

    def refresh_lists(self, group: str | None = None) -> None:
        """The groups and the sessions of `group` (else of the one highlighted so far): back
        from a session, its group is highlighted, the session just closed on top beside it."""
        options = self.query_one("#groups", OptionList)
        highlighted = options.highlighted
        was = group or (self.groups[highlighted].name if highlighted is not None and self.groups else None)
        found = self.door.groups()
        self.groups = list(found.groups)
        options.clear_options()
        options.add_options(
            Option(literal(f"{group.name} ({len(group.participants)})"), id=str(index))
            for index, group in enumerate(self.groups)
        )
        order = [group.name for group in self.groups]
        first = order.index(was) if was in order else 0
        if self.groups:
            options.highlighted = first  # Enter works at once, no arrow key needed first
        for problem in found.problems:
            self.notify(problem, severity="warning", markup=False)

        # Back from a past session's recap, the list is where it was; after a session just
        # held, it starts again from the top, where that session is.
        sessions = self.query_one("#sessions", OptionList)
        at = sessions.highlighted
        place = sessions.get_option_at_index(at).id if at is not None and sessions.option_count else None
        before = (self._shown_group, len(self._listed))
        self._shown_group = None
        self._show_sessions(self.groups[first] if self.groups else None)
        if place in self._listed and before == (self._shown_group, len(self._listed)):
            while any(summary.id == place for summary in self._older):
                self._list_older(sessions)
            sessions.highlighted = sessions.get_option_index(place)

    def _show_sessions(self, group: Group | None) -> None:
        """The highlighted group's sessions, newest first: a facilitator's history is a
        group's, and the line has room for the client and the case."""
        name = group.name if group else None
        if name == self._shown_group:
            return
        self._shown_group = name
        sessions = self.door.sessions_of(name)[::-1] if name else []
        self._listed = {summary.id: summary for summary in sessions}
        listed = self.query_one("#sessions", OptionList)
        listed.clear_options()
        if not sessions:
            listed.add_option(Option(literal(self.tr("ui.no_sessions"), "italic $text-muted"), disabled=True))
            return
        # The protocols are read only if a session has no client to show (a World Café).
        clientless = any(not (s.client or s.case_title) for s in sessions)
        self._protocols = self.door.protocols if clientless else None
        self._older, self._when_width = sessions, 0
        self._list_older(listed)
        listed.highlighted = 0

    def _list_older(self, listed: OptionList) -> None:
        """The next page of older sessions, in place of the line that said there were more;
        the highlight, if it was on that line, on the first of them."""
        page, self._older = self._older[:PAGE], self._older[PAGE:]
        more_at = listed.option_count - 1
        on_more = listed.highlighted == more_at
        if listed.option_count and listed.get_option_at_index(more_at).id == MORE:
            listed.remove_option(MORE)
        lang = self.door.lang
        # One column of dates down the pages (one wider date only widens those after it).
        self._when_width = max(self._when_width, *(cell_len(started_text(s, lang)) for s in page))
        lines = session_lines(page, lang, self._protocols, self._when_width)
        listed.add_options(Option(line, id=summary.id) for summary, line in zip(page, lines, strict=True))
        if self._older:
            more = self.tr("ui.older_sessions", count=len(self._older))
            listed.add_option(Option(literal(more, "italic $text-muted"), id=MORE))
        if on_more:
            listed.highlighted = more_at

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "groups" and event.option.id is not None:
            self._show_sessions(self.groups[int(event.option.id)])
        elif event.option.id == MORE:  # reached by the arrows, End or PgDn: the list goes on
            self._list_older(event.option_list)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == MORE:
            self._list_older(event.option_list)
        elif event.option_list.id == "sessions":
            self._open(event.option.id)
        else:
            self.door.open_start(self.groups[int(event.option.id or 0)])

    def action_new_session(self) -> None:
        highlighted = self.query_one("#groups", OptionList).highlighted
        if highlighted is not None:
            self.door.open_start(self.groups[highlighted])

    def action_board(self) -> None:
        from peertui.ui.screens.board import ActionsBoard

        self.app.push_screen(ActionsBoard())

    def action_cycle(self) -> None:
        from peertui.core.cycle import render_cycle
        from peertui.ui.screens.dialogs import InfoScreen

        highlighted = self.query_one("#groups", OptionList).highlighted
        if highlighted is None:
            return
        text = render_cycle(self.door.cycle_of(self.groups[highlighted]), self.door.lang)
        self.app.push_screen(InfoScreen(self.tr("ui.cycle_title"), text))

    def action_open_session(self) -> None:
        listed = self.query_one("#sessions", OptionList)
        if listed.highlighted is not None:
            self._open(listed.get_option_at_index(listed.highlighted).id)

    def _open(self, session_id: str | None) -> None:
        if not session_id:
            return
        summary = self._listed.get(session_id)
        if summary is None:
            return
        if summary.running:
            self.door.resume(session_id)
            return
        session = self.door.closed_session(session_id)
        if session is not None:
            from peertui.ui.screens.recap import RecapScreen

            self.app.push_screen(RecapScreen(session))
