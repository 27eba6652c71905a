"""What both of peertui's apps share: the styles, and themes as data, chosen and remembered."""

from __future__ import annotations

import time

from textual.binding import Binding
from textual.driver import Driver

from peertui import collector, settings
from peertui.ui.ordered_input import OrderedInputApp
from peertui.ui.themes import DEFAULT, load_themes

# Long enough for the first frame to reach the terminal, short of a first key, mostly.
SETTLE_AFTER = 0.3


class SystemClock:
    """The machine's clock, which the apps give out; core reads none of its own."""

    def now(self) -> float:
        return time.time()


class ThemedApp(OrderedInputApp):
    CSS_PATH = "app.tcss"
    TITLE = "peertui"

    def __init__(self, theme: str | None = None) -> None:
        super().__init__()
        self._problems: list[str] = []
        self._choose_theme(theme)

    def _choose_theme(self, asked: str | None) -> None:
        """--theme, else the remembered one, else the default; never a crash for a bad name."""
        found, self._problems = load_themes()
        for theme in found:
            self.register_theme(theme)
        remembered, problem = settings.load()
        if problem:
            self._problems.append(problem)
        wanted = asked or remembered.get("theme") or DEFAULT
        if wanted not in self.available_themes:
            names = ", ".join(sorted(t.name for t in found))
            self._problems.append(f"no theme {wanted!r}; there are: {names}")
            wanted = DEFAULT if DEFAULT in self.available_themes else "textual-dark"
        self.theme = wanted
        # Remembered once the app is up with it (on_ready), never before: a theme that
        # failed to apply, saved, would fail every later start too.
        self._theme_to_remember = asked if asked == wanted else None

    def get_driver_class(self) -> type[Driver]:
        """On Linux and macOS, Textual's driver with the keyboard's bytes made unambiguous
        first (ui/terminal_input.py): Escape followed at once by other keys stays Escape."""
        driver = super().get_driver_class()
        if driver.__module__ == "textual.drivers.linux_driver":  # not on Windows
            from peertui.ui.terminal_input import KeyStreamDriver

            return KeyStreamDriver
        return driver

    def get_key_display(self, binding: Binding) -> str:
        """Keys as printed on a keyboard: PgDn, not pgdn."""
        shown = {"pagedown": "PgDn", "pageup": "PgUp"}.get(binding.key.split(",")[0])
        return shown or super().get_key_display(binding)

    def on_ready(self) -> None:
        """The first screen is drawn: the theme worked; settle the garbage collector just
        after, out of its way."""
        if self._theme_to_remember and self.theme == self._theme_to_remember:
            self._remember_theme(self._theme_to_remember)
        self.set_timer(SETTLE_AFTER, collector.settle)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """peertui's variables for a theme that does not set them (Textual's own, say)."""
        theme = self.current_theme
        return {
            "speaker-active": theme.accent or theme.primary,
            "timer-ok": theme.success or "green",
            "timer-warning": theme.warning or "yellow",
            "timer-overtime": theme.error or "red",
        }

    def _remember_theme(self, name: str) -> None:
        try:
            settings.save(theme=name)
        except OSError as error:
            self.notify(f"{settings.settings_path()}: {error.strerror}", severity="warning", markup=False)

    def report_problems(self) -> None:
        """Broken theme or settings files: said once, in a notification, never fatal."""
        for problem in self._problems:
            self.notify(problem, severity="warning", timeout=10, markup=False)
        self.watch(self, "theme", self._remember_theme, init=False)
