"""The lock files install exactly what requirements*.txt pin, with hashes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;\\]+)", re.M)


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-r "):
            pins.update(_pins(path.parent / line.split(maxsplit=1)[1]))
        found = PIN.match(line)
        if found:
            pins[re.sub(r"[-_.]+", "-", found.group(1)).lower()] = found.group(2)
    return pins


@pytest.mark.parametrize("name", ["requirements", "requirements-dev", "requirements-lock-tools"])
def test_lock_matches_requirements(name: str) -> None:
    wanted = _pins(ROOT / f"{name}.txt")
    locked = _pins(ROOT / f"{name}.lock")
    stale = {package: (version, locked.get(package)) for package, version in wanted.items() if locked.get(package) != version}
    assert not stale, f"{name}.lock is stale {stale}: run `make lock`"


@pytest.mark.parametrize("name", ["requirements", "requirements-dev", "requirements-lock-tools"])
def test_every_locked_package_has_hashes(name: str) -> None:
    text = (ROOT / f"{name}.lock").read_text(encoding="utf-8")
    # pip --require-hashes refuses an editable line: the project stays out of the locks.
    assert not re.search(r"^\s*(-e|--editable)\b", text, re.M), f"{name}.lock installs the project: run `make lock`"
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    missing = [block.split()[0] for block in blocks if PIN.match(block) and "--hash=sha256:" not in block]
    assert not missing, missing


def test_site_requirements_are_exact_pins() -> None:
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and line != "-e .":  # the project itself, editable
            assert PIN.match(line), f"not an exact pin: {line}"
