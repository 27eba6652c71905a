"""Where the recap goes: the fallback order, with a fake clipboard and with none."""

from __future__ import annotations

import base64
import os
import shutil
import time
from pathlib import Path

import pytest

from peertui.cli import main
from peertui.delivery import OSC52_LIMIT, Way, copy_with_system, deliver, osc52
from tests.unit.test_cli import fake_xclip

TEXT = "# Recap\n\n- **Zoé:** idée ✨\n"


def environment(tmp_path, **extra: str) -> dict[str, str]:
    """No display, no clipboard tool on the PATH (only the Python that runs pyperclip)."""
    empty = tmp_path / "empty"
    empty.mkdir(exist_ok=True)
    return {"PATH": str(empty), "HOME": str(tmp_path), "LANG": "C.UTF-8", **extra}


def test_without_any_clipboard_the_terminal_gets_it(tmp_path):
    sent: list[str] = []
    delivery = deliver(TEXT, sent.append, environment(tmp_path))
    assert delivery.way is Way.TERMINAL and sent == [TEXT]


def test_without_clipboard_nor_terminal_only_the_file_is_left(tmp_path):
    assert deliver(TEXT, None, environment(tmp_path)).way is Way.NONE


def test_a_working_clipboard_command_comes_first_locally(tmp_path):
    bin_dir, pasted = fake_xclip(tmp_path)
    sent: list[str] = []
    env = environment(tmp_path, DISPLAY=":99")
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    delivery = deliver(TEXT, sent.append, env)
    assert delivery.way is Way.SYSTEM and sent == []
    assert pasted.read_text(encoding="utf-8") == TEXT


def test_over_ssh_the_terminal_comes_first_even_with_a_clipboard(tmp_path):
    bin_dir, pasted = fake_xclip(tmp_path)
    sent: list[str] = []
    env = environment(tmp_path, DISPLAY=":99", SSH_CONNECTION="10.0.0.1 22 10.0.0.2 22", TMUX="x")
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    delivery = deliver(TEXT, sent.append, env)
    assert (delivery.way, delivery.in_tmux) == (Way.TERMINAL, True) and sent == [TEXT]
    assert not pasted.exists()


def test_a_stale_display_falls_back_without_a_word_on_screen(tmp_path, capfd):
    """xclip complains on stderr and fails (pyperclip would call that a success)."""
    bin_dir, _ = fake_xclip(tmp_path, 'echo "Error: Can\'t open display: :99" >&2\nexit 1\n')
    env = environment(tmp_path, DISPLAY=":99")
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    sent: list[str] = []
    assert deliver(TEXT, sent.append, env).way is Way.TERMINAL
    assert sent == [TEXT]
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def test_a_hanging_clipboard_tool_is_given_up(tmp_path):
    bin_dir, _ = fake_xclip(tmp_path, "exec sleep 30\n")
    env = environment(tmp_path, DISPLAY=":99")
    env["PATH"] = f"{bin_dir}{os.pathsep}{shutil.which('sleep').rsplit('/', 1)[0]}"
    started = time.monotonic()
    assert not copy_with_system(TEXT, env, timeout=0.5)
    assert time.monotonic() - started < 5


def test_osc52_and_the_size_warning(tmp_path):
    sequence = osc52(TEXT)
    assert sequence.startswith("\x1b]52;c;") and sequence.endswith("\a")
    assert base64.b64decode(sequence[7:-1]).decode("utf-8") == TEXT
    big = "x" * OSC52_LIMIT
    assert deliver(big, lambda _: None, environment(tmp_path)).too_big_for_terminal


def test_tmux_or_screen_in_the_way_is_seen_from_term_too(tmp_path):
    """Over SSH, tmux on the user's own machine sets no TMUX here: only TERM tells."""
    ssh = {"SSH_CONNECTION": "10.0.0.1 22 10.0.0.2 22"}
    for term, tmux in (
        ("tmux-256color", True),
        ("screen", True),
        ("screen.xterm-256color", True),
        ("xterm-256color", False),
        ("", False),
    ):
        delivery = deliver(TEXT, lambda _: None, environment(tmp_path, TERM=term, **ssh))
        assert (delivery.way, delivery.in_tmux) == (Way.TERMINAL, tmux), term
    assert deliver(TEXT, lambda _: None, environment(tmp_path, TMUX="/tmp/tmux-0/default,1,0")).in_tmux


def slow_clipboard(folder: Path, tool: str, delay: float = 0.3) -> tuple[Path, Path]:
    """`tool` (xclip or xsel) as the real ones behave: the call returns at once, and a
    process left behind takes the selection a little later."""
    bin_dir, pasted = folder / "bin", folder / "pasted.txt"
    bin_dir.mkdir()
    cat, sleep, mv = (shutil.which(name) for name in ("cat", "sleep", "mv"))
    script = bin_dir / tool
    script.write_text(f"""#!/bin/sh
case "$*" in
  *-o*) [ -f '{pasted}' ] && exec {cat} '{pasted}'; echo "Error: target STRING not available" >&2; exit 1 ;;
  *) {cat} > '{pasted}.part'; ({sleep} {delay}; {mv} '{pasted}.part' '{pasted}') >/dev/null 2>&1 & ;;
esac
""")
    script.chmod(0o755)
    return bin_dir, pasted


@pytest.mark.parametrize("tool", ["xclip", "xsel"])
def test_a_clipboard_that_takes_the_text_a_little_later_is_a_success(tmp_path, tool):
    bin_dir, pasted = slow_clipboard(tmp_path, tool)
    env = environment(tmp_path, DISPLAY=":99")
    env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
    sent: list[str] = []
    assert deliver(TEXT, sent.append, env).way is Way.SYSTEM
    assert sent == [] and pasted.read_text(encoding="utf-8") == TEXT


def test_recap_copy_through_a_slow_clipboard(history, tmp_path, monkeypatch, capsys):
    bin_dir, pasted = slow_clipboard(tmp_path, "xclip")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DISPLAY", ":99")
    for name in ("SSH_TTY", "SSH_CONNECTION", "SSH_CLIENT", "WAYLAND_DISPLAY", "TMUX"):
        monkeypatch.delenv(name, raising=False)
    assert main(["recap", "--last", "--copy", "--db", str(history)]) == 0
    assert "copied to the clipboard" in capsys.readouterr().err
    assert pasted.read_text(encoding="utf-8").startswith("# Managers' codev circle")
