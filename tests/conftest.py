"""Shared fixtures of the tests that build the site (helpers in sitebuild.py)."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from articles.forked import Forked
from sitebuild import BuildResult, copy_site, run_build

# Hypothesis profiles. "ci" (CI=true, as GitHub Actions and .ci/run set it):
# the full fuzzing of tests/test_fuzz.py (10,000 inputs), and the same
# examples on every run, so that a landing never depends on luck. "dev", the
# default elsewhere: a quick pass of the fuzzing that keeps exploring new
# examples from run to run. `pytest --hypothesis-profile=ci` runs the full one.
# A profile only sets defaults: tests/test_fuzz.py reads the profile's name.
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("dev")
settings.load_profile("ci" if os.environ.get("CI", "").lower() not in ("", "0", "false") else "dev")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site, built once with --strict for the tests that only read it."""
    return run_build(copy_site(tmp_path_factory.mktemp("site")))


@pytest.fixture(autouse=True)
def _thawed_after_each_test() -> None:
    """A build thaws its objects when it ends; a test that forks by itself
    leaves them as the next test expects them."""
    yield
    Forked.thaw()
