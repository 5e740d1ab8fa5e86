"""Shared fixtures of the tests that build the site (helpers in sitebuild.py)."""

from __future__ import annotations

import pytest

from sitebuild import BuildResult, copy_site, run_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site, built once with --strict for the tests that only read it."""
    return run_build(copy_site(tmp_path_factory.mktemp("site")))
