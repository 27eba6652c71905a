"""Where peertui keeps its files, and where it finds its bundled data.

PEERTUI_DB overrides the database; PEERTUI_CONFIG the folder of settings and
user themes and groups.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path


def default_db() -> Path:
    override = os.environ.get("PEERTUI_DB")
    if override:
        return Path(override).expanduser()
    return user_data_path("peertui", appauthor=False) / "peertui.json"


def config_dir() -> Path:
    override = os.environ.get("PEERTUI_CONFIG")
    if override:
        return Path(override).expanduser()
    return user_config_path("peertui", appauthor=False)


def bundled(folder: str) -> Path:
    """A data folder shipped in the wheel (peertui/_data/...), or the checkout's own."""
    here = Path(__file__).resolve().parent
    packaged = here / "_data" / folder
    if packaged.is_dir():
        return packaged
    return here.parent / folder


def sample_groups() -> list[Path]:
    return sorted(bundled("sample_groups").glob("*.toml"))


def user_groups() -> list[Path]:
    return sorted((config_dir() / "groups").glob("*.toml"))
