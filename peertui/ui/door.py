"""The one door between the screens and the session: what a screen may know and do.

Screens and dialogs never touch the store, the writer or a file. They read the session
and ask questions named for what they show ("the sessions of this group", "the open
actions of this person"); they change things by handing an event to `act`, which stamps
it with the clock, applies it through the core's rules, shows the new session at once and
has it written a moment later. The App is the door (`PeerApp` in app.py); screens see
only this Protocol, so that a type checker tells when one reaches past it.

Data comes down as attributes (the session, the texts); intentions go up through `act`
and the few methods below. (A direct call rather than a message: the change is drawn in
the frame of the key that made it, not one frame, 17 ms, later.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from peertui.core.sharing import Level

if TYPE_CHECKING:
    from peertui.core.cycle import Cycle
    from peertui.core.events import Event
    from peertui.core.knowledge import Knowledge
    from peertui.core.model import Action, ActionStatus, Group, SessionSummary
    from peertui.core.protocol import Protocol as SessionProtocol
    from peertui.core.session import Session
    from peertui.core.sheets import Sheet


@dataclass(frozen=True)
class Groups:
    """The groups a facilitator can start with: those of the database, then those of the
    user's folder and the samples; and one line per group file that could not be read."""

    groups: tuple[Group, ...]
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecapFiles:
    """Where the recap was saved, by format (md, txt); or why it could not be."""

    paths: Mapping[str, Path]
    problem: str = ""


@dataclass(frozen=True)
class OutboxFiles:
    """The outbox written after a session: its folder and a line per person; or why not."""

    folder: Path | None
    lines: tuple[str, ...]
    problem: str = ""


class Door(Protocol):
    # Words and time ---------------------------------------------------------------

    @property
    def lang(self) -> str:
        """The language of the screens: --lang, else the session's, else the group's."""
        ...

    def tr(self, key: str, /, **params: object) -> str:
        """A text of the catalogues in that language."""
        ...

    def now(self) -> float:
        """The clock's time (injected: tests set it)."""
        ...

    @property
    def where(self) -> str:
        """The database, as the facilitator named it (home shows it)."""
        ...

    # The session at hand ----------------------------------------------------------

    @property
    def session(self) -> Session | None:
        """The running session, or None (screens watch the App's `session` for changes)."""
        ...

    @property
    def carried(self) -> Sequence[Action]:
        """The group's actions from earlier sessions, as they stood when this one began."""
        ...

    @property
    def unsaved_since(self) -> float | None:
        """Since when nothing reaches the disk (a full disk, say), or None."""
        ...

    def act(self, event: Event) -> bool:
        """Apply `event` now; False if the rules refused it (the reason is said)."""
        ...

    def refusal(self, event: Event) -> str | None:
        """Why the rules would refuse `event` now, in words; None if they take it. For
        forms, which show the reason and stay open."""
        ...

    def draft(self) -> str:
        """What was being typed on the capture line when peertui last stopped."""
        ...

    def keep_draft(self, text: str) -> None:
        """The capture line as it is now, so that a crash loses it not."""
        ...

    # Going from one screen to another ---------------------------------------------

    @property
    def protocols(self) -> Mapping[str, SessionProtocol]:
        """The protocols a session can follow, by key, the default first."""
        ...

    def open_start(self, group: Group) -> None: ...

    def start_session(
        self, group: Group, protocol: SessionProtocol, client: str, case_title: str, present: tuple[str, ...]
    ) -> str | None:
        """Start and show a session; why not in words (the start form says it), or None."""
        ...

    def resume(self, session_id: str) -> None: ...

    def leave_session(self, group: str | None = None) -> None:
        """Back home, `group` highlighted (by default the session's)."""
        ...

    # Questions ----------------------------------------------------------------------

    def groups(self) -> Groups: ...

    def sessions_of(self, group: str) -> list[SessionSummary]:
        """The group's sessions, oldest first."""
        ...

    def closed_session(self, session_id: str) -> Session | None:
        """A past session, whole, to show its recap; None (and why, said) if unreadable."""
        ...

    def cycle_of(self, group: Group, with_actions: bool = True) -> Cycle: ...

    def all_actions(self, closed: bool = False) -> list[Action]:
        """The open actions of every group, for the board between sessions; the closed ones
        too if asked (every year of them is read: only when the board shows them)."""
        ...

    def change_action(
        self, action: Action, status: ActionStatus | None, note: str, due: date | None = None
    ) -> Action:
        """Between sessions: a dated change, kept in the action's history. The action as it
        was if the change could not be saved (and why, said)."""
        ...

    def recap_texts(self, session: Session, level: Level = Level.GROUP, person: str = "") -> dict[str, str]:
        """The recap of a closed session in each format (md, txt), with the group's actions
        still open from earlier sessions."""
        ...

    def keep_recap(self, session: Session, texts: Mapping[str, str]) -> RecapFiles:
        """The recap saved beside the database, as private files."""
        ...

    def knowledge(self, group: str | None) -> tuple[list[Knowledge], list[Sheet]]:
        """The group's memory (every group's for None): what its sessions gave, and its
        practice sheets; read once, searched in memory."""
        ...

    def bilan_texts(self, group: str) -> dict[str, str]:
        """The group's cycle as its bilan, in each format (md, txt): every closed session of
        the group is read."""
        ...

    def new_sheet(self, items: Sequence[Knowledge]) -> Sheet:
        """A first draft of a practice sheet from these items, with a new id."""
        ...

    def save_sheet(self, sheet: Sheet) -> str:
        """The sheet kept in the group's memory; why not, if it could not be."""
        ...

    def write_outbox(self, session: Session) -> OutboxFiles:
        """For each person present, a mail draft (or a text) and a calendar of their open
        actions, in a new private folder beside the database. Nothing is sent."""
        ...
