"""The user's remembered choices (theme, language), in settings.toml in the config folder.

A broken settings file is reported and ignored, never fatal; it is rewritten
only when the user changes a choice.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from peertui import paths
from peertui.files import atomic_write

KNOWN = ("theme",)


def settings_path() -> Path:
    return paths.config_dir() / "settings.toml"


def load() -> tuple[dict[str, str], str | None]:
    """The settings, and a one-line problem if the file could not be used."""
    path = settings_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return {}, f"{path}: ignored ({error})"
    return {key: str(value) for key, value in data.items() if key in KNOWN}, None


def save(**changes: str) -> None:
    current, _ = load()
    current.update(changes)
    path = settings_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # the user's alone
    # A JSON string is a valid TOML basic string.
    text = "".join(f"{key} = {json.dumps(value, ensure_ascii=False)}\n" for key, value in current.items())
    atomic_write(path, text.encode("utf-8"))
