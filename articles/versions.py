"""Which versions of the libraries whose internals a hook relies on are installed."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Mapping


def installed_version(dist: str) -> str | None:
    """The installed version of the distribution ``dist``, or None."""
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def untested_reason(tested: Mapping[str, str], installed: Mapping[str, str | None]) -> str | None:
    """Why code tested with ``tested`` (distribution -> version) must not
    run with ``installed`` (distribution -> version or None), or None."""
    for dist, version in installed.items():
        expected = tested.get(dist)
        if expected is None:
            return f"{dist} was never tested (tested: {', '.join(tested)})"
        if version is None:
            return f"{dist} is not installed (tested with {expected})"
        if version != expected:
            return f"{dist} {version} is not the tested version {expected}"
    return None
