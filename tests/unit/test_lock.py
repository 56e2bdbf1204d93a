"""The installed versions are the locked ones (constraints.txt), so two installs agree."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from packaging.utils import canonicalize_name

LOCK = Path(__file__).resolve().parents[2] / "constraints.txt"
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;]+)")
NOT_INSTALLED_BY_THE_PROJECT = {"pip", "setuptools", "wheel"}
"""Pinned for the build and for pip-tools; the virtual environment brings its own pip."""


def locked() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in LOCK.read_text().splitlines():
        if match := PIN.match(line):
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def test_every_dependency_of_the_project_is_pinned() -> None:
    requirements = metadata.requires("losses-bot") or []
    names = {
        canonicalize_name(re.split(r"[\s\[<>=!~;]", line, maxsplit=1)[0]) for line in requirements
    }
    assert names - locked().keys() == set()


def test_the_installed_versions_are_the_locked_ones() -> None:
    installed: dict[str, str] = {
        canonicalize_name(distribution.metadata["Name"]): distribution.version
        for distribution in metadata.distributions()
    }
    differing = {
        name: (version, installed[name])
        for name, version in locked().items()
        if name in installed
        and name not in NOT_INSTALLED_BY_THE_PROJECT
        and installed[name] != version
    }
    assert differing == {}
