"""The house rule: the core imports neither the UI nor the database, nor do plain commands."""

import pkgutil
import subprocess
import sys

import peertui.core


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {name.split(".")[0] for name in out.split()}


def test_core_loads_neither_textual_nor_tinydb():
    modules = [m.name for m in pkgutil.iter_modules(peertui.core.__path__, "peertui.core.")]
    assert "peertui.core.session" in modules
    loaded = _loaded_after("\n".join(f"import {m}" for m in modules))
    assert not loaded & {"textual", "tinydb", "pyperclip", "rich"}


def test_plain_commands_do_not_load_textual():
    loaded = _loaded_after(
        "from peertui import cli\n"
        "cli.main(['check', 'sample_groups/codev-managers.toml'])\n"
        "cli.main(['groups', '--db', '/nonexistent/peertui.json'])"
    )
    assert "textual" not in loaded
