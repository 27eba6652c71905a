"""The garbage collector waits while peertui starts, and works again once it settles."""

from __future__ import annotations

import gc
import subprocess
import sys

from peertui import collector


def test_settle_resumes_collection_and_sets_aside_what_lives():
    try:
        collector.pause()
        assert not gc.isenabled()
        cycle: list = []
        cycle.append(cycle)  # garbage only a collection can free
        del cycle
        collector.settle()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
        assert gc.collect() == 0  # settle collected it; nothing left over
    finally:
        gc.unfreeze()
        gc.enable()


def test_the_command_pauses_the_collector_and_still_answers(tmp_path):
    probe = (
        "import gc, sys\n"
        "import peertui.cli\n"
        "real = peertui.cli.main\n"
        "def main(argv=None):\n"
        "    print('collector on:', gc.isenabled())\n"
        "    return real(argv)\n"
        "peertui.cli.main = main\n"
        "from peertui import run\n"
        f"sys.argv = ['peertui', 'groups', '--db', {str(tmp_path / 'p.json')!r}]\n"
        "run()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "collector on: False" in done.stdout
