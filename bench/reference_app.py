"""The lightest possible Textual app, started as peertui is: the yardstick of the benchmark.

    python bench/reference_app.py [--clock]

--clock updates the Static once a second, as peertui's countdown does.
"""

from __future__ import annotations

import sys
import time

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Reference(App[None]):
    def __init__(self, clock: bool) -> None:
        super().__init__()
        self.clock = clock

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("reference ready", id="body")
        yield Footer()

    def on_mount(self) -> None:
        if self.clock:
            self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        self.query_one("#body", Static).update(f"reference ready {time.strftime('%H:%M:%S')}")


if __name__ == "__main__":
    Reference(clock="--clock" in sys.argv).run()
