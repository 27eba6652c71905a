"""peertui: run co-development and peer learning sessions from the terminal."""

from typing import NoReturn

__version__ = "0.1.0"


def run() -> NoReturn:
    """The `peertui` command and `python -m peertui`. Python's garbage collector waits
    while everything is imported and the first screen built: plain commands end before it
    would matter, the interface settles it once up (collector.py)."""
    from peertui import collector

    collector.pause()
    from peertui.cli import main

    raise SystemExit(main())
