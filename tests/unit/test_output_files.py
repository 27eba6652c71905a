"""Files written with --output: private (0600) whatever the umask, never over an existing file."""

from __future__ import annotations

import os
import stat

import pytest

from peertui.cli import main


@pytest.fixture
def usual_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize(
    "command",
    [
        ["recap"],
        ["recap", "--format", "text"],
        *(
            ["actions", "--status", "all", "--format", form]
            for form in ("text", "markdown", "json", "csv", "ics")
        ),
    ],
    ids=" ".join,
)
def test_an_output_file_is_private(history, tmp_path, usual_umask, command):
    target = tmp_path / "out.file"
    assert main([*command, "--db", str(history), "--output", str(target)]) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes()


def test_an_existing_file_is_kept_as_it_is(history, tmp_path, usual_umask, capsys):
    target = tmp_path / "mine.json"
    target.write_text("mine")
    target.chmod(0o644)
    assert main(["actions", "--format", "json", "--db", str(history), "--output", str(target)]) == 1
    assert target.read_text() == "mine" and stat.S_IMODE(target.stat().st_mode) == 0o644
    assert capsys.readouterr().err == f"peertui: {target} exists already: choose another name\n"
