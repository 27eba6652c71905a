"""The step in progress: its name, who speaks, its rules, its countdown, the session budget."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from peertui.core.clock import TimerState, format_duration, format_remaining
from peertui.core.flow import room_to_shorten
from peertui.core.i18n import colon, format_time, t
from peertui.core.protocol import Speakers
from peertui.core.session import Session
from peertui.ui.text import literal, refresh_if_changed

# Never colour alone: each state has its own sign and word.
SIGNS = {TimerState.OK: "⏱", TimerState.WARNING: "⚠", TimerState.OVERTIME: "⏰"}


def who_speaks(session: Session, lang: str) -> str:
    step = session.step
    if step.speakers is Speakers.CLIENT:  # a brown bag's presenter, the one at the centre
        return session.protocol.client_role(lang) or t("speakers.client", lang)
    if step.speakers is Speakers.CONSULTANTS:
        return t("speakers.consultants" if step.in_turn else "speakers.consultants_free", lang)
    return t("speakers.everyone_in_turn" if step.in_turn else "speakers.everyone", lang)


def step_title(session: Session, lang: str) -> str:
    """'Step 3/8 · Presentation'."""
    number = t("ui.step_of", lang, number=session.current + 1, total=len(session.runs))
    return f"{number} · {session.step.name(lang)}"


def timer_label(session: Session, now: float, lang: str) -> tuple[str, str]:
    """The countdown's state in a sign and words, and its style: never colour alone."""
    if session.paused:
        return f"⏸ {t('ui.paused', lang)}", "bold $text-muted"
    state = session.run.timer.state(now)
    return f"{SIGNS[state]} {t('ui.timer_' + state, lang)}", f"bold $timer-{state}"


class StepPanel(Vertical):
    """Shown at the top of the session screen; `show` is called on every change and every second."""

    def compose(self) -> ComposeResult:
        yield Static(id="step-title")
        yield Static(id="step-who")
        yield Static(id="step-rules")
        # What changes every second is alone in its own small widget, so that only those few
        # cells are redrawn: every byte counts over SSH. The big clock is the projector's (F9).
        with Horizontal(id="clock"):
            yield Static(id="timer")
            yield Static(id="timer-state")
            yield Static(id="speaker-name")
            yield Static(id="speaker-time")
        yield Static(id="budget")

    def show(self, session: Session, now: float, lang: str) -> None:
        step = session.step
        self._set("#step-title", literal(step_title(session, lang), "bold"))
        self._set("#step-who", literal(who_speaks(session, lang), "$accent"))
        rules = " ".join(f"• {rule}" for rule in step.rules(lang))
        if session.contract and step.base_key in ("consultation", "synthesis", "contract"):
            lock = "🔒 " if session.contract_confidential else ""
            quoted = t("ui.quoted", lang, text=session.contract)  # « » in French, “ ” in English
            rules += f"\n{lock}{t('recap.contract', lang)}{colon(lang)} {quoted}"
        self._set("#step-rules", literal(rules))
        self.show_time(session, now, lang)

    def show_time(self, session: Session, now: float, lang: str) -> None:
        """The step's countdown, its state in words, and who has the floor for how long."""
        label, colour = timer_label(session, now, lang)
        left = format_remaining(session.run.timer.remaining(now))
        self._set("#timer", Content.styled(f" {left} ", f"{colour} reverse"))
        self._set("#timer-state", Content.styled(f" {label}", colour))
        speaker, since = session.queue.current, session.queue.since
        name, spoken = Content(""), ""
        if speaker and since is not None:
            name = Content.assemble(("   ▶ ", "bold $speaker-active"), literal(speaker, "bold"))
            spoken = f" {format_duration(session.queue.spoken(now))}"  # a pause is not their time
        self._set("#speaker-name", name)
        self._set("#speaker-time", Content.styled(spoken, "bold"))
        self._set("#budget", literal(self._budget(session, now, lang)))

    @staticmethod
    def _budget(session: Session, now: float, lang: str) -> str:
        expected = session.expected_end(now)
        # As the two times read on screen, to the minute: never "22:33 (planned 22:33), late".
        late = int(expected // 60 - session.deadline // 60)
        end = format_time(datetime.fromtimestamp(expected), lang)
        planned = format_time(datetime.fromtimestamp(session.deadline), lang)
        line = t("ui.budget", lang, end=end, planned=planned)
        if late > 0:
            hint = (
                t("ui.shorten_hint", lang) if room_to_shorten(session) >= 60 else t("ui.no_room_left", lang)
            )
            return f"{line} · ⚠ {t('ui.late', lang, minutes=late)} — {hint}"
        if late < 0:
            return f"{line} · {t('ui.ahead', lang, minutes=-late)}"
        return line

    def _set(self, selector: str, content: Content) -> None:
        refresh_if_changed(self.query_one(selector, Static), content)
