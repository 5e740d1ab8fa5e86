"""Shared fixtures of the tests that build the site (helpers in sitebuild.py)."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from sitebuild import BuildResult, copy_site, run_build


# In CI, hypothesis draws the same examples on every run, so that a landing
# never depends on luck; locally it keeps exploring new ones.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site, built once with --strict for the tests that only read it."""
    return run_build(copy_site(tmp_path_factory.mktemp("site")))
