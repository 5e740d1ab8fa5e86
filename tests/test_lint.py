"""Ruff, with the configuration of pyproject.toml: lint and format.

Run alone with `make lint` or `pytest -m lint`; `ruff check --fix` and
`ruff format` on the same folders fix most of what these tests report.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ["articles", "hooks", "tests", "bench"]

pytestmark = pytest.mark.lint


def _ruff() -> str:
    # The ruff of the test environment (requirements-dev.txt), not another one on PATH.
    ruff = Path(sys.executable).with_name("ruff")
    if ruff.exists():
        return str(ruff)
    found = shutil.which("ruff")
    if found is None:
        pytest.fail("ruff is not installed: pip install -r requirements-dev.txt")
    return found


@pytest.mark.parametrize(
    "command",
    [["check", "--no-cache"], ["format", "--check", "--no-cache"]],
    ids=["check", "format"],
)
def test_ruff(command: list[str]) -> None:
    result = subprocess.run([_ruff(), *command, *FOLDERS], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    fix = "ruff check --fix" if command[0] == "check" else "ruff format"
    assert result.returncode == 0, (
        f"{result.stdout}{result.stderr}\nto reproduce: cd {ROOT} && ruff {' '.join(command)} {' '.join(FOLDERS)}"
        f" (to fix: {fix} {' '.join(FOLDERS)})"
    )
