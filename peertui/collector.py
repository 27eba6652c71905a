"""The garbage collector: paused while peertui starts, settled once a screen is up.

Python's collector walks every tracked object in a full collection. Starting up creates
tens of thousands of them that all live on (Textual's, the widgets, the index of a
year of sessions); collecting while they arrive cost the first screen 12 to 15 ms, and
a full collection later, on an Enter, about 20 ms.
"""

from __future__ import annotations

import gc


def pause() -> None:
    """At the start of the program only: no collection until `settle`."""
    gc.disable()


def settle() -> None:
    """At a quiet moment (a screen just drawn): one full collection, then what survives
    is set aside (frozen objects are not walked again), and collections resume."""
    gc.unfreeze()  # what was set aside earlier may be garbage by now (a closed session)
    gc.collect()
    gc.freeze()
    gc.enable()
