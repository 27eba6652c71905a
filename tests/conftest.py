"""Shared fixtures: a group, the built-in protocols, a fake clock, a started session."""

from __future__ import annotations

from pathlib import Path

import pytest

from peertui.core import rules as core
from peertui.core.clock import FakeClock
from peertui.core.groups import parse_group
from peertui.core.model import Group
from peertui.core.protocol import Protocol
from peertui.core.protocol_file import builtin_protocols

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def managers() -> Group:
    path = ROOT / "sample_groups" / "codev-managers.toml"
    return parse_group(path.read_text(encoding="utf-8"), str(path))


@pytest.fixture
def lyon() -> Group:
    path = ROOT / "sample_groups" / "codev-cadres-lyon.toml"
    return parse_group(path.read_text(encoding="utf-8"), str(path))


@pytest.fixture
def codev() -> Protocol:
    return builtin_protocols()["codev"]


@pytest.fixture
def running(managers: Group, codev: Protocol, clock: FakeClock) -> core.Session:
    """A codev session of the managers' group, Priya as client, in its first step."""
    return core.start("s1", managers, codev, clock.now(), client="Priya Raman", case_title="A quiet team")
